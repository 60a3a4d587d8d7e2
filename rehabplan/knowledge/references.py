"""The bibliography: every source key used by exercises, protocols and rules, with its citation."""

from functools import cache
from typing import Annotated, Literal

from pydantic import Field, ValidationError

from rehabplan.errors import LibraryError
from rehabplan.paths import data_dir
from rehabplan.strict import StrictModel, problems_from
from rehabplan.yamlio import read_library_document

Evidence = Literal[
    "consensus",
    "guideline",
    "systematic_review",
    "rct",
    "cohort",
    "case_series",
    "hospital_protocol",
    "position_stand",
    "clinical_summary",
    "clinic_leaflet",
    "expert",
]


class Reference(StrictModel):
    citation: Annotated[str, Field(min_length=10, max_length=600)]
    url: Annotated[str, Field(pattern=r"^https?://")] | None = None
    doi: Annotated[str, Field(pattern=r"^10\.")] | None = None
    evidence: Evidence
    # [V] verified in a stored copy, [P] partly verified, [U] general knowledge (see docs/library.md).
    verified: Literal["V", "P", "U"]
    note: Annotated[str, Field(max_length=600)] | None = None


@cache
def load_references() -> dict[str, Reference]:
    raw = read_library_document(data_dir() / "references.yaml")
    refs: dict[str, Reference] = {}
    problems: list[str] = []
    for key, value in sorted((raw or {}).items()):
        try:
            refs[key] = Reference.model_validate(value)
        except ValidationError as err:
            problems.extend(p.render(f"references.yaml: {key}") for p in problems_from(err, Reference))
    if problems:
        raise LibraryError(problems)
    return refs
