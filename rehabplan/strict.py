"""Strict pydantic models at the edges, and their errors turned into plain-language problems.

Why: a profile is written by a runner or a physiotherapist, not a programmer. Each pydantic
error becomes a ``FieldProblem`` with the field path as written in the file ("availability.sat"),
the bad value and the fix ("give 0-240").
"""

import difflib
from typing import Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, PydanticCustomError

from rehabplan.errors import MISSING, FieldProblem
from rehabplan.safetext import control_problem


class StrictModel(BaseModel):
    """No unknown keys, no silent type coercion ("45" is not 45), immutable once loaded."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Each helper below returns the metadata of an ``Annotated`` type, so a type checker reads the
# type itself: ``Pain = Annotated[int, *bounded(0, 10, "(0 no pain, ...)")]`` is an int.
Metadata = tuple[AfterValidator, FieldInfo] | tuple[FieldInfo, AfterValidator]


def bounded(low: float, high: float, hint: str = "") -> Metadata:
    """An int (or float) in [low, high] whose error says "give low-high" and what the numbers mean."""

    def check(value: float) -> float:
        if not low <= value <= high:
            raise PydanticCustomError(
                "rehabplan_range",
                "is out of range; give {low}-{high}{hint}",
                {"low": _num(low), "high": _num(high), "hint": f" {hint}" if hint else ""},
            )
        return value

    return AfterValidator(check), Field(json_schema_extra={"minimum": low, "maximum": high})


# The validation context of what a person has just written (a file, an option), as against
# what rehabplan stored earlier: ``Model.model_validate(data, context=NEW_INPUT)``.
NEW_INPUT = {"new_input": True}


def is_new_input(info: ValidationInfo) -> bool:
    """Whether a rule added after data was first stored applies. Why: a store made before the
    rule must keep loading (its text is escaped when printed); new input must follow it."""
    return bool(info.context and info.context.get("new_input"))


def free_text(max_length: int, min_length: int = 0, lines: bool = False) -> Metadata:
    """Text a person writes (a name, a goal, a note): no control characters, and no line break
    unless ``lines`` (a note may run over several lines; a name may not). See docs/profile.md."""

    def check(value: str, info: ValidationInfo) -> str:
        problem = control_problem(value, newlines=lines) if is_new_input(info) else None
        if problem:
            raise PydanticCustomError("rehabplan_text", problem)
        return value

    return Field(min_length=min_length or None, max_length=max_length), AfterValidator(check)


def at_least_one(words: tuple[str, ...]) -> Metadata:
    """A list of vocabulary words that must not be empty; an empty one is told which words fit."""

    def check(value: list[str]) -> list[str]:
        if not value:
            raise PydanticCustomError(
                "rehabplan_empty", "the list is empty; give at least one of: {words}", {"words": ", ".join(words)}
            )
        return value

    return AfterValidator(check), Field(json_schema_extra={"minItems": 1})


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def field_path(loc: tuple[Any, ...]) -> str:
    """('availability', 'sat') -> 'availability.sat'; ('conditions', 0) -> 'conditions[0]'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list, like [a, b]",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
}


def _describe(error: ErrorDetails, allowed_keys: dict[tuple, list[str]]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is required; add it"
    if kind == "extra_forbidden":
        parent = tuple(p for p in error["loc"][:-1] if not isinstance(p, int))
        keys = allowed_keys.get(parent, [])
        guess = _closest(str(error["loc"][-1]), keys)
        if guess:
            return f"is not a known field; did you mean {guess}?"
        hint = f"; allowed keys here: {', '.join(keys)}" if keys else ""
        return f"is not a known field; check the spelling{hint}"
    if kind == "literal_error":
        words = _words(ctx.get("expected", ""))
        guess = _closest(str(error.get("input")), words.split(", "))
        lead = f"did you mean {guess}? " if guess else ""
        return f"is not allowed; {lead}use one of: {words}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return error["msg"].replace("Input should be", "is out of range; give a value").rstrip(".")
    if kind == "string_too_short":
        return "is empty; write some text, or leave the field out"
    if kind == "string_too_long":
        return f"is {len(error['input'])} characters long; keep it to {ctx['max_length']}"
    if kind in ("too_short", "too_long"):
        have, limit = ctx.get("actual_length"), ctx.get("min_length", ctx.get("max_length"))
        items = f"{have} item{'' if have == 1 else 's'}" if have is not None else "a different number of items"
        bound = "at least" if kind == "too_short" else "at most"
        return f"has {items}; give {bound} {limit}"
    if kind == "invalid_key":
        return "is not a field name; write field names as words, like `age: 34`"
    if kind in _TYPE_WORDS:
        return f"is the wrong type; give {_TYPE_WORDS[kind]}"
    if kind == "value_error" or kind.startswith("rehabplan_"):
        return error["msg"].removeprefix("Value error, ")
    return error["msg"].rstrip(".")


def _closest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return found[0] if found else None


def _words(expected: str) -> str:
    """pydantic lists literals as "'a', 'b' or 'c'"; show them plainly: a, b, c."""
    return expected.replace("'", "").replace(" or ", ", ")


def problems_from(err: ValidationError, model: type[BaseModel] | None = None, prefix: tuple = ()) -> list[FieldProblem]:
    """Turn a ``ValidationError`` into problems, one per field, in file order."""
    allowed = _allowed_keys(model) if model is not None else {}
    problems = []
    for error in err.errors(include_url=False):
        loc = tuple(error["loc"])
        # pydantic names a tagged/function validator step in the location; drop those.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        value = MISSING if error["type"] in ("missing", "rehabplan_empty") else error.get("input", MISSING)
        if error["type"] == "invalid_key":  # the key itself is the bad value, not a field
            loc = loc[:-1]
        if error["type"] in ("dict_type", "model_type") and not loc and value is not MISSING:
            problems.append(FieldProblem("", value, "must be a mapping of fields to values, like `name: Jamie`"))
            continue
        problems.append(FieldProblem(field_path(prefix + loc), value, _describe(error, allowed)))
    return problems


def _allowed_keys(model: type[BaseModel], prefix: tuple = ()) -> dict[tuple, list[str]]:
    """Field names of a model and of its nested models, keyed by their path."""
    out = {prefix: list(model.model_fields)}
    for name, info in model.model_fields.items():
        for sub in _nested_models(info.annotation):
            out.update(_allowed_keys(sub, prefix + (name,)))
    return out


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_nested_models(arg))
    return found
