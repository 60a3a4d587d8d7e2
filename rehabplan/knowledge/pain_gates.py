"""Pain drives the plan, as data (data/pain_gates.yaml: R-PM-06, R-PM-07, R-PM-08): the intake
pain bands that set where a plan starts, and the gates, progress that a check-in must confirm
before the plan prints it. The problem (rehabplan.problem.intake_start), the decisions
(rehabplan.adapt.gates) and the validator read the same numbers."""

from functools import cache
from typing import Annotated, Literal

from rehabplan.knowledge.protocols import Id, Line, Rule, RuleId, load_data
from rehabplan.paths import data_dir
from rehabplan.strict import StrictModel, bounded
from rehabplan.vocab import Condition

Score = Annotated[int, *bounded(0, 10)]


class SkipFirstPhase(StrictModel):
    condition: Condition
    phase: Id
    skip_below: Score
    why: Line
    source: Id


class IntakePain(StrictModel):
    red_above: Score
    no_running_weeks: Annotated[int, *bounded(1, 8)]
    amber_above: Score
    amber_runs_per_week: Annotated[int, *bounded(1, 4)]
    amber_stage_completions: Annotated[int, *bounded(2, 12)]
    severe_next_morning: Score
    severe_at_rest: Score
    first_phase_extra_weeks: Annotated[int, *bounded(0, 4)]
    skip_first_phase: list[SkipFirstPhase]
    prevention_max_pain: Score


class Gate(StrictModel):
    """Progress a check-in must confirm: a phase (``condition``, ``phase``), the start of running,
    or any progress after a red week."""

    id: Id
    name: Line  # what a check-in confirms, in words ("the start of jumping")
    kind: Literal["phase", "running", "progress"]
    condition: Condition | None = None
    phase: Id | None = None
    flare_back_to: Id | None = None  # a red week in the gated phase or later goes back to this phase
    max_pain_during: Score
    max_pain_next_morning: Score
    criterion: Line
    if_not_met: Line
    rule: RuleId
    source: Id


class PainGates(StrictModel):
    intake_pain: IntakePain
    rules: list[Rule]
    gates: list[Gate]
    sources: list[str]

    def gate(self, gate_id: str) -> Gate:
        return next(g for g in self.gates if g.id == gate_id)

    def phase_gate(self, condition: str, phase: str) -> Gate | None:
        """The gate a condition's phase waits for (None: the projection may reach it)."""
        return next((g for g in self.gates if g.condition == condition and g.phase == phase), None)


@cache
def load_pain_gates() -> PainGates:
    return load_data(PainGates, data_dir() / "pain_gates.yaml")
