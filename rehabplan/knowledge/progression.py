"""The check-in rules as data (data/progression.yaml: R-PM-03, R-PM-04, R-PM-05, R-OA-05): the
pain thresholds of the zones, how many worse weeks make a red one, which sessions count for
adherence, when swelling holds rather than refers, and how far a decision moves the plan. The
decisions themselves are rehabplan.adapt's."""

from functools import cache
from typing import Annotated

from rehabplan.knowledge.protocols import Rule, load_data
from rehabplan.paths import data_dir
from rehabplan.strict import StrictModel, bounded
from rehabplan.vocab import Condition, SessionType


class Steps(StrictModel):
    stages: Annotated[int, *bounded(0, 3)]
    dosage_steps: Annotated[int, *bounded(0, 3)]
    running_cut_pct: Annotated[int, *bounded(0, 90)] = 0


class ProgressionRules(StrictModel):
    green_max_pain: Annotated[int, *bounded(0, 10)]
    amber_max_pain: Annotated[int, *bounded(0, 10)]
    red_morning_rise: Annotated[int, *bounded(1, 10)]
    worse_weeks_for_red: Annotated[int, *bounded(2, 10)]
    min_stage_completions: Annotated[int, *bounded(1, 10)]
    no_improvement_checkins: Annotated[int, *bounded(2, 10)]
    review_quiet_morning_pain: Annotated[int, *bounded(0, 10)]
    key_sessions: list[SessionType]
    swelling_holds: list[Condition]
    swelling_checkins_to_refer: Annotated[int, *bounded(2, 10)]
    advance: Steps
    step_back: Steps
    rules: list[Rule]
    sources: list[str]


@cache
def load_progression() -> ProgressionRules:
    return load_data(ProgressionRules, data_dir() / "progression.yaml")
