"""The handout's own words (data/handout.yaml): how to use the plan, labels, the log fields."""

from functools import cache
from typing import Annotated, Literal

from pydantic import Field

from rehabplan.knowledge.protocols import load_data
from rehabplan.paths import data_dir
from rehabplan.strict import StrictModel
from rehabplan.vocab import CrossTraining, Terrain, Urgency

Line = Annotated[str, Field(min_length=2, max_length=200)]
Text = Annotated[str, Field(min_length=10, max_length=600)]
Tone = Literal["run", "cross", "strength", "holds", "jumps", "mobility"]


class SessionLabel(StrictModel):
    label: Line
    short: Line
    tone: Tone


class LogField(StrictModel):
    key: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    option: Line
    label: Line
    hint: Line


class HandoutTexts(StrictModel):
    how_to_use: Annotated[list[Line], Field(min_length=3)]
    tailoring_intro: Line
    made_sessions_intro: Text
    home_programme: Text
    sources: list[str]
    session_types: dict[str, SessionLabel]
    modalities: dict[CrossTraining, Line]
    terrain: dict[Terrain, Line]
    run_intensity: dict[str, Line]
    pain_slogans: dict[Literal["green", "amber", "red"], Line]
    pain_memory: Line
    urgency: dict[Urgency, Line]
    ladder_when_it_hurts: Text
    log_intro: Text
    log_fields: list[LogField]
    progress_intro: Text
    decision_words: dict[Literal["advance", "hold", "step_back", "stop"], Line]


@cache
def load_texts() -> HandoutTexts:
    return load_data(HandoutTexts, data_dir() / "handout.yaml")
