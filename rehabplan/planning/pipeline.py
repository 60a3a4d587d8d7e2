"""The pipeline for one plan: profile -> (referral | problem -> solver -> weeks) -> plan.

``make_plan`` is what ``rehabplan plan`` runs. A red flag at intake gives a referral with no
loading plan. Otherwise the weekly models are solved, the weeks assembled and dosed, the
warnings gathered (weekly minimums the days cannot hold, with the change that would fit them),
the facts of how it was made recorded (``made``), and the
finished plan re-checked by the independent validator before anyone sees it.
"""

from rehabplan.adapt.decide import Decision, recorded
from rehabplan.adapt.referral import flag_referral
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Profile
from rehabplan.plan_model import (
    SCHEMA_VERSION,
    CheckinDecision,
    Interval,
    PhaseInfo,
    Plan,
    ProtocolInfo,
    RunStageInfo,
    Week,
)
from rehabplan.planning.assemble import build_week
from rehabplan.planning.changes import change_lines
from rehabplan.planning.made import made
from rehabplan.planning.provenance import solver_info
from rehabplan.planning.regenerate import regenerate
from rehabplan.planning.warnings import notes, warnings
from rehabplan.problem.build import build_problem
from rehabplan.problem.types import Problem
from rehabplan.validate.checks import check_plan
from rehabplan.validate.context import Context
from rehabplan.validate.progression import rises


def make_plan(profile: Profile, checkins: list[CheckIn] | None = None) -> Plan:
    """The plan for ``profile``: a referral if a red flag was reported, else the solved plan.

    With ``checkins``, each reported week's decision (advance, hold, step back, stop) adjusts
    the weeks after it (rehabplan.planning.regenerate); a stop ends the plan at that week as a referral.
    """
    if profile.red_flags:
        return referral_plan(profile)
    problem = build_problem(profile)
    regen = regenerate(problem, checkins or [], profile.pain)
    solution = regen.solution
    weeks = [
        build_week(problem, wp, week, state)
        for wp, week, state in zip(solution.problems, solution.weeks, solution.states)
    ]
    rose = rises(Context.of(_draft(profile, weeks)), weeks)
    weeks = [w.model_copy(update={"progression": r[0] if r else None}) for w, r in zip(weeks, rose)]
    facts = made(problem, solution, weeks, rose, regen.walk_passed)
    stop = regen.stopped
    plan = Plan(
        schema_version=SCHEMA_VERSION,
        status="referral" if stop else "ok",
        warnings=warnings(problem, solution, facts),
        referral=flag_referral(list(stop.flags), stop.week) if stop else None,
        changes=change_lines(regen.decisions, {w.number: w.run_stage for w in weeks}, regen.replanned),
        decisions=decisions(regen.decisions, checkins or []),
        notes=notes(problem),
        solver=solver_info(profile, solution, checkins),
        profile=profile,
        protocol=protocol_info(problem, weeks),
        weeks=weeks,
        made=facts,
    )
    check_plan(plan)
    return plan


def _draft(profile: Profile, weeks: list[Week]) -> Plan:
    """The weeks as a plan, to read what rose at each boundary (the validator's own reading:
    the ``progression`` it re-checks)."""
    return Plan(
        schema_version=SCHEMA_VERSION,
        status="ok",
        warnings=[],
        referral=None,
        changes=[],
        notes=[],
        solver=None,
        profile=profile,
        protocol=None,
        weeks=weeks,
    )


def decisions(decided: list[Decision], checkins: list[CheckIn]) -> list[CheckinDecision]:
    """Each decision with the pain numbers it was taken on (for the pain-trend chart)."""
    by_week = {c.week: c for c in checkins}
    return [recorded(d, by_week[d.week]) for d in decided]


def referral_plan(profile: Profile) -> Plan:
    """R-PM-03 red flag branch: no loading plan, the most urgent action first."""
    return Plan(
        schema_version=SCHEMA_VERSION,
        status="referral",
        warnings=[],
        referral=flag_referral(profile.red_flags),
        changes=[],
        notes=[],
        solver=None,
        profile=profile,
        protocol=None,
        weeks=[],
    )


def protocol_info(problem: Problem, weeks) -> ProtocolInfo:
    phases = []
    for proto in problem.protocols:
        for ph in proto.phases:
            in_plan = [w.number for w in weeks if w.phases[proto.name] == ph.id]
            phases.append(
                PhaseInfo(
                    condition=proto.name,
                    id=ph.id,
                    name=ph.name,
                    goal=ph.goal,
                    running=ph.running,
                    weeks=in_plan,
                )
            )
    ladder = problem.ladder
    stages = []
    for st in ladder.stages:
        run_min, walk_min = int(st.run_min), int(st.walk_min)
        intervals = [Interval(mode="run", minutes=run_min, repeats=st.repeats)]
        if walk_min:
            intervals.append(Interval(mode="walk", minutes=walk_min, repeats=st.repeats))
        stages.append(
            RunStageInfo(
                index=st.index,
                intervals=intervals,
                repeats=st.repeats,
                min_repeats=st.min_repeats,
                minutes=ladder.session_minutes(st, st.repeats),
                running_minutes=st.running_minutes(st.repeats),
                note=st.note or "",
            )
        )
    return ProtocolInfo(
        conditions=list(problem.profile.conditions),
        phases=phases,
        run_stages=stages,
    )
