"""The weekly check-in (docs/progression.md): the model, and reading one or a list from a file.

Why strict: a check-in decides whether a runner advances, holds, steps back or stops, so a
typo ("pain_next_mornig") or a pain of 12 must be refused with the field and the fix, never
guessed at.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import ValidationError, model_validator

from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.strict import NEW_INPUT, StrictModel, bounded, free_text, problems_from
from rehabplan.vocab import RED_FLAGS, RedFlag
from rehabplan.yamlio import read_document

Pain = Annotated[int, *bounded(0, 10, "(0 no pain, 10 the worst imaginable)")]
Count = Annotated[int, *bounded(0, 70, "sessions")]
Week = Annotated[int, *bounded(1, 52, "(the plan week it reports on)")]
Runs = Annotated[int, *bounded(0, 14, "runs")]
Note = Annotated[str, *free_text(500, lines=True)]


class CheckIn(StrictModel):
    """How one plan week went."""

    week: Week
    sessions_done: Count
    runs_done: Runs | None = None
    pain_during_run: Pain | None = None
    pain_during_exercise: Pain | None = None
    pain_next_morning: Pain
    swelling: bool = False
    giving_way: bool = False
    locking: bool = False
    red_flags: list[RedFlag] = []
    # extension: the brisk 30-minute walk test (R-RTR-01) this week; true opens the walk-run ladder
    walk_30min_pain_free: bool | None = None
    note: Note | None = None

    @model_validator(mode="after")
    def _runs_within_sessions(self) -> "CheckIn":
        if self.runs_done is not None and self.runs_done > self.sessions_done:
            raise ValueError(
                f"runs_done {self.runs_done} is more than sessions_done {self.sessions_done}; "
                "runs count as sessions, so give at most sessions_done"
            )
        return self

    @property
    def pain_during(self) -> int | None:
        """The worst pain during activity that week (runs or exercises), if any was given."""
        given = [p for p in (self.pain_during_run, self.pain_during_exercise) if p is not None]
        return max(given) if given else None

    @property
    def flags(self) -> list[str]:
        """Every red flag answered, giving way and locking included, in vocabulary words.

        Swelling is not one by itself: "the knee swelled" is a fact, `persistent_swelling` the
        red flag. Whether this week's swelling counts as it depends on the condition and the
        check-in before (rehabplan.adapt.decide.red_flags_of, R-OA-05)."""
        words: list[str] = list(self.red_flags)
        for answered, word in ((self.giving_way, "giving_way"), (self.locking, "locking")):
            if answered and word not in words:
                words.append(word)
        return words


def reported_flags(data: Any) -> list[str]:
    """The red flags a check-in reports, read from its raw fields even when other fields are
    wrong (a mapping, or a list of them); unknown words are left out. Swelling counts as
    `persistent_swelling` here: a check-in that cannot be read is not decided, so it gets the
    careful reading (R-PM-03), whatever the condition.

    Why: a refused check-in must still raise its warning sign at once; a typo in the pain
    score should not hide a locked knee.
    """
    found: list[str] = []
    for item in data if isinstance(data, list) else [data]:
        if not isinstance(item, dict):
            continue
        for field, word in (("swelling", "persistent_swelling"), ("giving_way", "giving_way"), ("locking", "locking")):
            if item.get(field) is True:
                found.append(word)
        words = item.get("red_flags")
        found += [w for w in words if isinstance(w, str) and w in RED_FLAGS] if isinstance(words, (list, tuple)) else []
    return list(dict.fromkeys(found))


def parse_checkins(data: Any, source: str) -> list[CheckIn]:
    """One check-in (a mapping) or a list of them; raise ``InvalidInput`` listing every problem."""
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(item, dict) for item in items):
        raise InvalidInput(
            f"{source}: a check-in is a mapping of fields (week: 2, sessions_done: 5, ...), or a list "
            "of them; see CONTRACT section 2 or the log page of the handout"
        )
    problems: list[FieldProblem] = []
    found: list[CheckIn] = []
    for index, item in enumerate(items):
        prefix = f"[{index}]." if isinstance(data, list) else ""
        try:
            found.append(CheckIn.model_validate(item, context=NEW_INPUT))
        except ValidationError as err:
            problems.extend(
                FieldProblem(prefix + p.path if p.path else prefix.rstrip("."), p.value, p.message)
                for p in problems_from(err, CheckIn)
            )
    weeks = [c.week for c in found]
    for week in sorted({w for w in weeks if weeks.count(w) > 1}):
        problems.append(FieldProblem("week", week, "is reported twice; keep one check-in per week"))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise InvalidInput(
            f"{source}: {count} in the check-in{'s' if isinstance(data, list) else ''}", tuple(problems), source
        )
    return sorted(found, key=lambda c: c.week)


def load_checkins(path: Path) -> list[CheckIn]:
    """Read check-ins from a YAML or JSON file (one mapping or a list)."""
    return parse_checkins(read_document(path), str(path))


def checkin_from_options(options: dict[str, Any]) -> CheckIn:
    """A check-in from `rehabplan checkin` options; problems name the option (``--week: 0 ...``)."""
    given = {k: v for k, v in options.items() if v is not None and v != ()}
    if "red_flags" in given:
        given["red_flags"] = list(given["red_flags"])
    try:
        return CheckIn.model_validate(given, context=NEW_INPUT)
    except ValidationError as err:
        problems = tuple(FieldProblem(_option(p.path), p.value, p.message) for p in problems_from(err, CheckIn))
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise InvalidInput(f"check-in: {count}", problems) from None


class Refused(InvalidInput):
    """A check-in refused for its problems. A red flag it reports is still a safety alert, so
    its lines (``alert``, from adapt.referral.red_flag_alert) follow the problems."""

    def __init__(
        self,
        message: str,
        problems: tuple[FieldProblem, ...] = (),
        source: str | None = None,
        alert: Sequence[str] = (),
    ):
        super().__init__(message, problems, source)
        self.alert = list(alert)

    def lines(self) -> list[str]:
        return super().lines() + self.alert


def refusal(problems: list[FieldProblem], source: str | None = None, alert: Sequence[str] = ()) -> Refused:
    """The error for a check-in's problems: one line for one, else a count and a line each,
    each named by the file or option ``source``, or for `rehabplan checkin`'s options (``source``
    None) by the option (``--sessions-done: 9 is more than ...``)."""
    if source is None:
        problems = [FieldProblem(_option(p.path), p.value, p.message) for p in problems]
    if len(problems) == 1:
        return Refused(problems[0].render(source), alert=alert)
    return Refused(f"{source or 'check-in'}: {len(problems)} problems", tuple(problems), source, alert)


def _option(path: str) -> str:
    field = path.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
    if not field:
        return ""
    return "--red-flag" if field == "red_flags" else "--" + field.replace("_", "-")
