"""rehabplan.solver.constraints: every hard-rule family, one assignment at a time.

Each family gets an assignment that satisfies it (the model stays feasible), one that violates it
(infeasible, and the explain-mode core names the family) and an edge case. The week comes from a
real profile (``build_problem`` + ``week_problem``); ``loose`` narrows it so that only the family
under test can object: no weekly minimums (sessions, doses, weak areas), no daily holds and no
small-session rule, unless a test puts one back. The assignment is pinned in full: every session,
slot, exercise, stretch, run, full-length run, shortened run walks and cross-training variable is
set, so the solver only checks it. Items are (day, session template, exercise).
"""

from dataclasses import replace
from datetime import date

import yaml
from ortools.sat.python import cp_model

from rehabplan.intake.profile import parse_profile
from rehabplan.planning.cannot_fit import cannot_fit_message, change_words
from rehabplan.problem.build import build_problem, week_problem
from rehabplan.problem.state import initial_state
from rehabplan.problem.types import DayRecord, State, WeekProblem
from rehabplan.solver.constraints import FAMILIES
from rehabplan.solver.diagnose import DayChange, smallest_change
from rehabplan.solver.engine import new_solver
from rehabplan.solver.week import feasible, new_model
from tests.support import GOOD

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
EVERY_DAY = "{mon: 60, tue: 60, wed: 60, thu: 60, fri: 60, sat: 60, sun: 60}"

PFP = GOOD + "plan: {start: 2026-11-23, weeks: 1}\n"
PFP_EVERY_DAY = PFP.replace("{mon: 45, wed: 45, sat: 60}", EVERY_DAY)
TENDON = PFP_EVERY_DAY.replace("patellofemoral_pain", "patellar_tendinopathy")
POSTERIOR_WEAK = PFP_EVERY_DAY.replace("patellofemoral_pain", "posterior_knee_pain") + "weaknesses: [hamstrings]\n"
RUNNER = (
    PFP_EVERY_DAY.replace("patellofemoral_pain", "prevention")
    + "equipment: [nordic_anchor]\nrunning: {baseline_weekly_minutes: 120, baseline_runs_per_week: 3}\n"
)
HIP = "hip_and_knee"  # the kneecap pain's strength session


def week(text: str, state: State | None = None, **changes):
    """The problem and the first week (or the week after ``state``) for a profile text."""
    profile = parse_profile(yaml.safe_load(text), "profile.yaml")
    problem = build_problem(profile)
    wp = week_problem(problem, state or initial_state(len(profile.conditions), profile.walk_30min_pain_free))
    return problem, replace(wp, **changes) if changes else wp


def loose(wp: WeekProblem, keep: tuple[str, ...] = ()) -> WeekProblem:
    """``wp`` without weekly minimums, daily holds or the small-session rule; the families in
    ``keep`` ("requirements", "templates", "small") stay as they are."""
    templates = wp.templates
    if "templates" not in keep:
        templates = tuple(
            replace(
                t,
                per_week_min=0,
                per_week_max=7,
                essential=False,
                every_free_day=False,
                slots=tuple(replace(s, weak=False) for s in t.slots),
            )
            for t in wp.templates
        )
    return replace(
        wp,
        templates=templates,
        requirements=wp.requirements if "requirements" in keep else (),
        session_items=wp.session_items if "small" in keep else (1, wp.session_items[1]),
    )


def state(phase: int = 0, weeks_in_phase: int = 0, recent=(), **fields) -> State:
    """A one-condition state: ``recent`` is the last days of the previous week, oldest first."""
    return State(week=1, phase_index=(phase,), weeks_in_phase=(weeks_in_phase,), recent=tuple(recent), **fields)


def pin(m, items=(), runs=(), full=(), short=(), cross=(), stretches=(), advance=None) -> None:
    """Pin the whole week: exactly these (day, template, exercise) items (their slots and
    sessions on), (day, exercise) stretches, runs, full-length runs, runs with shortened walks
    and (day, modality) cross-training sessions; everything else off."""
    wanted = set(items)
    assert wanted <= {(d, t, e) for d, t, _k, e in m.pick}, f"not in the model: {wanted - set(m.pick)}"
    for (d, t, _k, e), v in m.pick.items():
        m.cp.add(v == int((d, t, e) in wanted))
    for (d, t, k), f in m.fill.items():
        m.cp.add(f == int(any((d, t, o.id) in wanted for o in m.slot(t, k).options)))
    for (d, t), s in m.sess.items():
        m.cp.add(s == int(any(item[:2] == (d, t) for item in wanted)))
    assert set(stretches) <= set(m.x)
    for key, v in m.x.items():
        m.cp.add(v == int(key in stretches))
    assert set(runs) <= set(m.run) and set(full) <= set(runs) and set(short) <= set(runs)
    for d, v in m.run.items():
        m.cp.add(v == int(d in runs))
        if m.stage is not None:
            m.cp.add(m.run_full[d] == int(d in full))
        m.cp.add(m.run_short[d] == int(d in short))
    assert set(cross) <= set(m.cross)
    for key, v in m.cross.items():
        m.cp.add(v == int(key in cross))
    if advance is not None:
        m.cp.add(m.advance == int(advance))


def solve(problem, wp, dropped=(), **assignment) -> int:
    """The status of the model with every family and the assignment pinned."""
    m = new_model(problem, wp, explain=False, dropped=frozenset(dropped))
    pin(m, **assignment)
    status = new_solver().solve(m.cp)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE)
    return status


def fits(problem, wp, dropped=(), **assignment) -> bool:
    return solve(problem, wp, dropped, **assignment) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def core(problem, wp, dropped=(), **assignment) -> list[str]:
    """The families the solver blames for an infeasible pinned assignment (as ``feasible`` does,
    with the assignment added unguarded)."""
    m = new_model(problem, wp, explain=True, dropped=frozenset(dropped))
    pin(m, **assignment)
    names = sorted(m.guards)
    m.cp.add_assumptions([m.guards[n] for n in names])
    solver = new_solver(explain=True)
    assert solver.solve(m.cp) == cp_model.INFEASIBLE
    by_index = {m.guards[n].index: n for n in names}
    return sorted(by_index[i] for i in solver.sufficient_assumptions_for_infeasibility())


def session(day: int, template: str, *exercises: str) -> list[tuple[int, str, str]]:
    return [(day, template, e) for e in exercises]


# PFP week 1 ("settle"): the hip and knee session's slots hold a straight leg raise, side-lying
# hip abduction, a glute bridge, a clamshell (or fire hydrant) and a dead bug; all low intensity.
SETTLE = ("straight_leg_raise", "side_lying_hip_abduction", "glute_bridge", "clamshell", "dead_bug")


def test_families_in_order():
    assert [f.__name__ for f in FAMILIES] == [
        "add_day_budgets",
        "add_rest_day",
        "add_strength_spacing",
        "add_run_spacing",
        "add_runs_per_window",
        "add_stage_rules",
        "add_running_volume",
        "add_tendon_rules",
        "add_nordic_rules",
        "add_one_session_each",
        "add_session_size",
        "add_small_sessions",
        "add_template_counts",
        "add_template_spacing",
        "add_free_days",
        "add_weak_areas",
        "add_doses",
        "add_running_floor",
    ]


def test_the_unpinned_weeks_fit():
    for text in (PFP, PFP_EVERY_DAY, TENDON, POSTERIOR_WEAK, RUNNER):
        problem, wp = week(text)
        assert feasible(problem, wp) == (True, [])


# ---- day budgets ----------------------------------------------------------------------------
# PFP week 1: walk-run stage 1; a short run (3 rounds) takes 10 + 15 + 5 = 30 minutes, 25 with the
# walks shortened to 5 + 5, a full run (6 rounds) 45; each exercise is 6 minutes and a strength
# session starts with an 8-minute warm-up unless a run came first that day.


def test_budget_a_short_run_fits_a_45_minute_day():
    problem, wp = week(PFP)
    m = new_model(problem, loose(wp), explain=False)
    pin(m, runs=[MON])
    solver = new_solver()
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    assert solver.value(m.minutes[MON]) == 30
    m = new_model(problem, loose(wp), explain=False)
    pin(m, runs=[MON], short=[MON])
    assert solver.solve(m.cp) == cp_model.OPTIMAL and solver.value(m.minutes[MON]) == 25


def test_budget_a_full_run_and_strength_do_not_fit_45_minutes():
    problem, wp = week(PFP)
    assignment = dict(runs=[MON], full=[MON], items=session(MON, HIP, "glute_bridge"))  # 45 + 6 = 51
    assert not fits(problem, loose(wp), **assignment)
    assert core(problem, loose(wp), **assignment) == ["budget:0"]


def test_budget_exactly_on_the_budget_is_fine():
    problem, wp = week(PFP)
    assert fits(problem, loose(wp), runs=[MON], full=[MON])  # 45 of 45
    tight = loose(replace(wp, budgets=(14, 0, 45, 0, 0, 60, 0)))
    assert fits(problem, tight, items=session(MON, HIP, "glute_bridge"))  # 8 warm-up + 6
    short = loose(replace(wp, budgets=(13, 0, 45, 0, 0, 60, 0)))
    assert core(problem, short, items=session(MON, HIP, "glute_bridge")) == ["budget:0"]


def test_budget_unavailable_days_have_no_variables():
    problem, wp = week(PFP)
    m = new_model(problem, wp, explain=False)
    assert m.days == [MON, WED, SAT]
    assert {d for d, _t in m.sess} == {MON, WED, SAT}
    assert sorted(m.run) == [MON, WED, SAT] and sorted(m.minutes) == [MON, WED, SAT]


def test_budget_a_five_minute_day_names_the_budget_and_the_weekly_session():
    problem, wp = week(PFP.replace("{mon: 45, wed: 45, sat: 60}", "{sat: 5}"))
    assert feasible(problem, wp) == (False, ["budget:5", f"count:{HIP}"])
    assert feasible(problem, wp, {f"count:{HIP}"}) == (False, ["budget:5", f"floor:{HIP}"])


# ---- rest day (R-LD-08) ----------------------------------------------------------------------


def test_rest_day_six_busy_days_and_one_rest_fit():
    problem, wp = week(PFP_EVERY_DAY)
    assert fits(problem, loose(wp), items=[(d, HIP, "clamshell") for d in range(6)])


def test_rest_day_seven_busy_days_do_not_fit():
    problem, wp = week(PFP_EVERY_DAY)
    assignment = dict(items=[(d, HIP, "clamshell") for d in range(7)])
    assert not fits(problem, loose(wp), **assignment)
    assert core(problem, loose(wp), **assignment) == ["rest_day"]


def test_rest_day_cross_training_is_busy_but_stretching_is_not():
    problem, wp = week(PFP_EVERY_DAY + "tightness: [calves]\n")
    stretch = next(c.id for c in wp.candidates)
    stretching = [(d, stretch) for d in range(7)]
    strength = [(d, HIP, "clamshell") for d in range(6)]
    assert fits(problem, loose(wp), items=strength, stretches=stretching)
    assert not fits(problem, loose(wp), items=strength, stretches=stretching, cross=[(SUN, "walk")])
    assert core(problem, loose(wp), items=strength, stretches=stretching, cross=[(SUN, "walk")]) == ["rest_day"]


def test_rest_day_with_a_day_off_every_available_day_may_be_busy():
    problem, wp = week(PFP_EVERY_DAY.replace("sun: 60", "sun: 0"))
    assert fits(problem, loose(wp), items=[(d, HIP, "clamshell") for d in range(6)], cross=[(SAT, "walk")])


# ---- strength spacing (R-ST-01) ----------------------------------------------------------------
# PFP "build" phase: the hip hike is moderate (spaced: hip abductors and glutes); the clamshell
# is low intensity (exempt).


def test_strength_spacing_two_days_apart_fit():
    problem, wp = week(PFP_EVERY_DAY, state(phase=1))
    assert fits(problem, loose(wp), items=[(MON, HIP, "hip_hike"), (WED, HIP, "hip_hike")])


def test_strength_spacing_same_muscles_on_consecutive_days_do_not_fit():
    problem, wp = week(PFP_EVERY_DAY, state(phase=1))
    assignment = dict(items=[(MON, HIP, "hip_hike"), (TUE, HIP, "hip_hike")])
    assert not fits(problem, loose(wp), **assignment)
    assert core(problem, loose(wp), **assignment) == ["strength_spacing"]


def test_strength_spacing_low_intensity_work_is_exempt():
    problem, wp = week(PFP_EVERY_DAY, state(phase=1))
    assert fits(problem, loose(wp), items=[(d, HIP, "clamshell") for d in range(6)])


def test_strength_spacing_last_sunday_blocks_monday_for_the_same_muscles():
    sunday_hips = DayRecord(spaced_targets=frozenset({"hip_abductors"}))
    problem, wp = week(PFP_EVERY_DAY, state(phase=1, recent=[sunday_hips]))
    assert not fits(problem, loose(wp), items=[(MON, HIP, "hip_hike")])
    assert core(problem, loose(wp), items=[(MON, HIP, "hip_hike")]) == ["strength_spacing"]
    assert fits(problem, loose(wp), items=[(TUE, HIP, "hip_hike")])
    assert fits(problem, loose(wp), items=[(MON, HIP, "clamshell")])
    sunday_calves = DayRecord(spaced_targets=frozenset({"calves"}))
    _, other = week(PFP_EVERY_DAY, state(phase=1, recent=[sunday_calves]))
    assert fits(problem, loose(other), items=[(MON, HIP, "hip_hike")])


# ---- run spacing (R-RTR-02) ----------------------------------------------------------------------


def test_run_spacing_runs_two_days_apart_fit():
    problem, wp = week(PFP_EVERY_DAY)
    assert wp.no_consecutive_runs
    assert fits(problem, loose(wp), runs=[MON, WED, FRI])
    assert fits(problem, loose(wp), runs=[MON, WED, SUN])


def test_run_spacing_runs_on_consecutive_days_do_not_fit():
    problem, wp = week(PFP_EVERY_DAY)
    assert not fits(problem, loose(wp), runs=[MON, TUE])
    assert core(problem, loose(wp), runs=[MON, TUE]) == ["run_spacing"]


def test_run_spacing_a_sunday_run_blocks_monday_but_a_saturday_run_does_not():
    problem, wp = week(PFP_EVERY_DAY, state(recent=[DayRecord(run=True)]))
    assert not fits(problem, loose(wp), runs=[MON])
    assert core(problem, loose(wp), runs=[MON]) == ["run_spacing"]
    assert fits(problem, loose(wp), runs=[TUE])
    _, saturday = week(PFP_EVERY_DAY, state(recent=[DayRecord(run=True), DayRecord()]))
    assert fits(problem, loose(saturday), runs=[MON])


def test_run_spacing_does_not_apply_to_a_running_prevention_runner():
    problem, wp = week(RUNNER)
    assert (wp.run_mode, wp.no_consecutive_runs) == ("continuous", False)
    assert fits(problem, replace(loose(wp), running_floor=0), runs=[MON, TUE])


# ---- runs per week and per 7 days (R-RTR-03) -------------------------------------------------------
# Run spacing alone already keeps a ladder week to 4 runs in 7 days, so these tests switch it off
# (``no_consecutive_runs=False``) to let the window family be the one that objects.


def test_runs_per_week_three_ladder_runs_fit():
    problem, wp = week(PFP_EVERY_DAY, no_consecutive_runs=False)
    assert wp.max_runs_per_week == 3  # R-RTR-03's usual number on the ladder
    assert fits(problem, loose(wp), runs=[MON, TUE, WED])


def test_runs_per_week_a_fourth_ladder_run_does_not_fit():
    problem, wp = week(PFP_EVERY_DAY, no_consecutive_runs=False)
    runs = [MON, TUE, WED, THU]
    assert not fits(problem, loose(wp), runs=runs)
    assert core(problem, loose(wp), runs=runs) == ["runs_per_week"]


def test_runs_per_7_days_reach_back_into_last_week():
    # Last Friday, Saturday and Sunday were run days: with Monday that is 4 in 7 days (fine);
    # Tuesday would make 5 in the 7 days Wednesday-Tuesday.
    last_week = [DayRecord(), DayRecord(), DayRecord(), DayRecord(run=True), DayRecord(run=True), DayRecord(run=True)]
    problem, wp = week(PFP_EVERY_DAY, state(recent=last_week), no_consecutive_runs=False, max_runs_per_week=4)
    wp = loose(wp)
    assert fits(problem, wp, runs=[MON])
    assert not fits(problem, wp, runs=[MON, TUE])
    assert core(problem, wp, runs=[MON, TUE]) == ["runs_per_7_days"]
    assert fits(problem, wp, runs=[MON, FRI, SAT, SUN])  # never more than 4 in any 7 days
    assert not fits(problem, wp, runs=[MON, THU])  # Fri-Sun, Mon and Thu: 5 in 7 days


def test_runs_per_week_of_a_runner_is_their_own_number():
    problem, wp = week(RUNNER.replace("baseline_runs_per_week: 3", "baseline_runs_per_week: 2"))
    wp = replace(loose(wp), running_floor=0)
    assert (wp.run_mode, wp.max_runs_per_week) == ("continuous", 2)
    assert fits(problem, wp, runs=[MON, THU])
    assert core(problem, wp, runs=[MON, WED, FRI]) == ["runs_per_week"]


def test_no_run_variables_before_the_30_minute_walk():
    problem, wp = week(PFP_EVERY_DAY.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false"))
    assert (wp.run_mode, wp.max_runs_per_week) == ("walk_only", 0)
    assert new_model(problem, wp, explain=False).run == {}


# ---- stage rules (R-RTR-04) ----------------------------------------------------------------------


def test_stage_two_full_runs_allow_the_step_up():
    problem, wp = week(PFP_EVERY_DAY)
    assert (wp.stage, wp.completions, wp.can_advance, wp.stage_completions) == (1, 0, True, 2)
    assert fits(problem, loose(wp), runs=[MON, WED], full=[MON, WED], advance=True)


def test_stage_short_runs_do_not_allow_the_step_up():
    """A stage counts as done only when its full prescription was run (all its rounds)."""
    problem, wp = week(PFP_EVERY_DAY)
    assert not fits(problem, loose(wp), runs=[MON, WED], full=[MON], advance=True)
    assert core(problem, loose(wp), runs=[MON, WED], full=[MON], advance=True) == ["stage_rules"]
    assert fits(problem, loose(wp), runs=[MON, WED], full=[MON], advance=False)


def test_stage_completions_from_last_week_count():
    problem, wp = week(PFP_EVERY_DAY, state(stage=1, completions=1))
    assert wp.completions == 1
    assert fits(problem, loose(wp), runs=[MON], full=[MON], advance=True)
    assert core(problem, loose(wp), runs=[], advance=True) == ["stage_rules"]
    _, done = week(PFP_EVERY_DAY, state(stage=1, completions=2))
    assert fits(problem, loose(done), runs=[], advance=True)


# ---- running volume (R-LD-05 on the ladder) --------------------------------------------------------
# A baseline of 12 minutes a week caps running at 12; a stage-1 run is 3 running minutes short
# (3 rounds) and 6 full (6 rounds).

LOW_BASELINE = PFP_EVERY_DAY + "running: {baseline_weekly_minutes: 12, baseline_runs_per_week: 1}\n"


def test_running_volume_under_the_cap_fits():
    problem, wp = week(LOW_BASELINE)
    assert wp.running_cap == 12
    assert fits(problem, loose(wp), runs=[MON, WED], full=[MON])  # 6 + 3


def test_running_volume_over_the_cap_does_not_fit():
    problem, wp = week(LOW_BASELINE)
    assignment = dict(runs=[MON, WED, FRI], full=[MON, WED])  # 6 + 6 + 3
    assert not fits(problem, loose(wp), **assignment)
    assert core(problem, loose(wp), **assignment) == ["running_volume"]


def test_running_volume_exactly_on_the_cap_fits_and_no_cap_for_a_new_runner():
    problem, wp = week(LOW_BASELINE)
    assert fits(problem, loose(wp), runs=[MON, WED], full=[MON, WED])  # 12 of 12
    new_problem, new_runner = week(PFP_EVERY_DAY)
    assert new_runner.running_cap is None
    assert fits(new_problem, loose(new_runner), runs=[MON, WED, FRI], full=[MON, WED, FRI])


# ---- tendon rules (R-PT-04) ------------------------------------------------------------------------
# Patellar tendinopathy "energy storage" phase: jumps (jump squats and split jumps, two picks).

JUMPS = ("jump_squat", "split_jump")


def test_tendon_runs_and_jumps_48_hours_apart_fit():
    problem, wp = week(TENDON, state(phase=2))
    assert wp.run_plyo_spacing
    assert fits(problem, loose(wp), runs=[MON], items=session(WED, "jumps", *JUMPS))


def test_tendon_runs_and_jumps_on_the_same_or_the_next_day_do_not_fit():
    problem, wp = week(TENDON, state(phase=2))
    for day in (MON, TUE):
        assignment = dict(runs=[MON], items=session(day, "jumps", *JUMPS))
        assert not fits(problem, loose(wp), **assignment)
        assert core(problem, loose(wp), **assignment) == ["tendon_rules"]


def test_tendon_last_sundays_run_or_jumps_block_monday():
    problem, wp = week(TENDON, state(phase=2, recent=[DayRecord(run=True)]))
    assert core(problem, loose(wp), items=session(MON, "jumps", *JUMPS)) == ["tendon_rules"]
    assert fits(problem, loose(wp), items=session(TUE, "jumps", *JUMPS))
    _, saturday = week(TENDON, state(phase=2, recent=[DayRecord(plyometric=True), DayRecord()]))
    assert fits(problem, loose(saturday), runs=[MON])  # a run 48 hours after the jumps


# ---- Nordic curls (R-NH-01) -----------------------------------------------------------------------
# A runner without injury with an anchor: the Nordic session's weekly number is the table's row
# (1 in week 1), at most 3 and never on back-to-back days; it takes the full warm-up.


def nordic_week(nordic_max: int = 3, recent=()):
    problem, wp = week(RUNNER, state(recent=recent))
    nordic = next(t for t in wp.templates if t.id == "nordic")
    assert nordic.slots[0].options[0].nordic and nordic.per_week_max == 1 and nordic.gap_days == 2
    wp = replace(loose(wp), running_floor=0, nordic_max_sessions=nordic_max)
    # the session's own weekly limit and spacing, and the hamstrings' 48 hours, off: only the
    # Nordic family may object
    unspaced = tuple(
        replace(
            t,
            gap_days=1,
            slots=tuple(replace(s, options=tuple(replace(o, spaced_targets=()) for o in s.options)) for s in t.slots),
        )
        for t in wp.templates
    )
    return problem, replace(wp, templates=unspaced)


def test_nordic_within_the_tables_sessions_fits():
    problem, wp = nordic_week(nordic_max=1)
    assert fits(problem, wp, items=session(WED, "nordic", "nordic_hamstring_curl"))


def test_nordic_more_sessions_than_allowed_do_not_fit():
    problem, wp = nordic_week(nordic_max=1)
    items = session(MON, "nordic", "nordic_hamstring_curl") + session(THU, "nordic", "nordic_hamstring_curl")
    assert not fits(problem, wp, items=items)
    assert core(problem, wp, items=items) == ["nordic"]
    problem, two = nordic_week(nordic_max=2)
    assert fits(problem, two, items=items)


def test_nordic_never_on_back_to_back_days_across_the_weekend():
    problem, wp = nordic_week()
    items = session(MON, "nordic", "nordic_hamstring_curl") + session(TUE, "nordic", "nordic_hamstring_curl")
    assert core(problem, wp, items=items) == ["nordic"]
    problem, after_sunday = nordic_week(recent=[DayRecord(nordic=True)])
    assert "nordic" in core(problem, after_sunday, items=session(MON, "nordic", "nordic_hamstring_curl"))
    assert fits(problem, after_sunday, items=session(TUE, "nordic", "nordic_hamstring_curl"))


def test_nordic_day_minutes_include_the_full_warm_up():
    problem, wp = nordic_week()
    m = new_model(problem, wp, explain=False)
    pin(m, items=session(WED, "nordic", "nordic_hamstring_curl"))
    solver = new_solver()
    assert solver.solve(m.cp) == cp_model.OPTIMAL
    assert solver.value(m.minutes[WED]) == 8 + wp.jump_warm_up == 18


# ---- one session each ------------------------------------------------------------------------------


def test_one_cross_training_session_a_day():
    problem, wp = week(TENDON + "cross_training: [bike]\nequipment: [bike]\n")
    assert [m.word for m in wp.modalities] == ["bike", "walk"]
    assert fits(problem, loose(wp), cross=[(SAT, "bike"), (SUN, "walk")])
    assert not fits(problem, loose(wp), cross=[(SAT, "bike"), (SAT, "walk")])
    assert core(problem, loose(wp), cross=[(SAT, "bike"), (SAT, "walk")]) == ["one_session"]


# ---- session size (R-HO-03) ------------------------------------------------------------------------


def test_a_session_holds_at_most_6_exercises():
    """Templates hold at most 6 slots; a weak area's slot can make a seventh."""
    problem, wp = week(PFP_EVERY_DAY)
    (hip,) = wp.templates
    rotation = hip.slots[3]
    clamshell, hydrant = rotation.options
    squat = replace(clamshell, id="mini_squat")
    slots = hip.slots[:3] + (replace(rotation, options=(clamshell,)),) + hip.slots[4:]
    slots += (
        replace(rotation, role="rotation_again", options=(hydrant,)),
        replace(rotation, role="squat", options=(squat,)),
    )
    wp = loose(replace(wp, templates=(replace(hip, slots=slots),)))
    six = session(MON, HIP, *SETTLE, "fire_hydrant")
    assert fits(problem, wp, items=six)
    seven = six + session(MON, HIP, "mini_squat")
    assert not fits(problem, wp, items=seven)
    assert core(problem, wp, items=seven) == ["session_size"]


def test_small_sessions_a_day_with_time_holds_at_least_3_exercises():
    problem, wp = week(PFP)
    wp = loose(wp, keep=("small",))
    assert fits(problem, wp, items=session(MON, HIP, *SETTLE[:3]))  # 8 + 18 of 45
    two = session(MON, HIP, *SETTLE[:2])
    assert not fits(problem, wp, items=two)
    assert core(problem, wp, items=two) == ["small_sessions"]


def test_small_sessions_a_short_day_may_hold_fewer():
    problem, wp = week(PFP)
    wp = loose(replace(wp, budgets=(20, 0, 45, 0, 0, 60, 0)), keep=("small",))
    assert fits(problem, wp, items=session(MON, HIP, *SETTLE[:2]))  # 8 + 12 of 20: no room for a third
    wp = loose(replace(wp, budgets=(25, 0, 45, 0, 0, 60, 0)), keep=("small",))
    assert core(problem, wp, items=session(MON, HIP, *SETTLE[:2])) == ["small_sessions"]  # 5 minutes left


# ---- sessions a week (the conditions' rules) --------------------------------------------------------


def test_template_counts_the_weekly_minimum_and_its_floor():
    problem, wp = week(PFP)
    wp = loose(wp, keep=("templates",))
    (hip,) = wp.templates
    assert (hip.per_week_min, hip.per_week_max, hip.essential) == (2, 3, True)
    two = session(MON, HIP, *SETTLE) + session(WED, HIP, *SETTLE)
    assert fits(problem, wp, items=two)
    one = session(MON, HIP, *SETTLE)
    assert core(problem, wp, items=one) == [f"count:{HIP}"]
    assert fits(problem, wp, {f"count:{HIP}"}, items=one)  # relaxed, with a warning
    assert core(problem, wp, {f"count:{HIP}"}) == [f"floor:{HIP}"]  # but never none


def test_template_counts_never_above_the_maximum():
    problem, wp = week(TENDON, state(phase=1, weeks_in_phase=2))
    most = {t.id: t.per_week_max for t in wp.templates}
    assert most["heavy_slow"] == 3  # R-PT-02
    wp = loose(wp)  # then the maximum back, without the 48 hours between sessions
    wp = replace(wp, templates=tuple(replace(t, per_week_max=most[t.id], gap_days=1) for t in wp.templates))
    days = [(d, "heavy_slow", "calf_raise") for d in (MON, WED, FRI, SUN)]
    assert fits(problem, wp, items=days[:3])
    assert core(problem, wp, items=days) == ["template_max"]


# ---- spacing between sessions (R-PT-02, R-PT-04, R-PT-01) ----------------------------------------


def test_template_spacing_slow_heavy_work_48_hours_apart():
    problem, wp = week(TENDON, state(phase=1, weeks_in_phase=2))
    assert next(t for t in wp.templates if t.id == "heavy_slow").gap_days == 2
    assert fits(problem, loose(wp), items=[(MON, "heavy_slow", "calf_raise"), (WED, "heavy_slow", "calf_raise")])
    tuesday = [(MON, "heavy_slow", "calf_raise"), (TUE, "heavy_slow", "calf_raise")]
    assert core(problem, loose(wp), items=tuesday) == ["template_spacing"]


def test_template_spacing_jumps_72_hours_apart_across_the_weekend():
    problem, wp = week(TENDON, state(phase=2))
    assert next(t for t in wp.templates if t.id == "jumps").gap_days == 3
    assert fits(problem, loose(wp), items=session(MON, "jumps", *JUMPS) + session(THU, "jumps", *JUMPS))
    wednesday = session(MON, "jumps", *JUMPS) + session(WED, "jumps", *JUMPS)
    assert core(problem, loose(wp), items=wednesday) == ["template_spacing"]
    _, saturday = week(TENDON, state(phase=2, recent=[DayRecord(templates=frozenset({"jumps"})), DayRecord()]))
    assert core(problem, loose(saturday), items=session(MON, "jumps", *JUMPS)) == ["template_spacing"]
    assert fits(problem, loose(saturday), items=session(TUE, "jumps", *JUMPS))


def test_template_spacing_holds_never_on_a_slow_heavy_day():
    problem, wp = week(TENDON, state(phase=1, weeks_in_phase=2))
    assert next(t for t in wp.templates if t.id == "holds").apart_from == ("heavy_slow",)
    same_day = [(MON, "heavy_slow", "calf_raise"), (MON, "holds", "wall_sit")]
    assert core(problem, loose(wp), items=same_day) == ["template_spacing"]


def test_free_days_the_holds_on_every_day_without_slow_heavy_work():
    problem, wp = week(TENDON, state(phase=1, weeks_in_phase=2))
    wp = replace(loose(wp), templates=tuple(replace(t, every_free_day=t.id == "holds") for t in loose(wp).templates))
    heavy = [(d, "heavy_slow", "calf_raise") for d in (MON, WED, FRI)]
    holds = [(d, "holds", "wall_sit") for d in (TUE, THU, SAT, SUN)]
    assert fits(problem, wp, items=heavy + holds)
    assert core(problem, wp, items=heavy + holds[1:]) == ["free_days"]  # none on Tuesday
    tight = replace(wp, budgets=(60, 11, 60, 60, 60, 60, 60))  # 11 minutes: no room for the 12-minute hold
    assert fits(problem, tight, items=heavy + holds[1:])


# ---- weak areas (R-ST-02) ------------------------------------------------------------------------


def test_weak_areas_twice_a_week():
    problem, wp = week(POSTERIOR_WEAK)
    (back,) = wp.templates
    hamstring = next(s for s in back.slots if s.role == "hamstring")
    assert hamstring.weak and wp.weak_area_days == 2
    wp = replace(
        loose(wp),
        templates=(
            replace(loose(wp).templates[0], slots=tuple(replace(s, weak=s.role == "hamstring") for s in back.slots)),
        ),
    )
    heel_digs = [(d, "back_of_knee", "isometric_heel_dig") for d in (MON, WED)]
    assert fits(problem, wp, items=heel_digs)
    assert core(problem, wp, items=heel_digs[:1]) == ["weak:hamstring"]
    assert fits(problem, wp, {"weak:hamstring"}, items=heel_digs[:1])  # relaxed, with a warning


# ---- other weekly doses (R-OA-02 aerobic work, R-RTR-01 graded walks) -------------------------------


def test_doses_graded_walks_on_three_days():
    problem, wp = week(PFP_EVERY_DAY.replace("walk_30min_pain_free: true", "walk_30min_pain_free: false"))
    (walks,) = [r for r in wp.requirements if r.kind == "walk"]
    assert (walks.key, walks.min_per_week, wp.walking) == ("walk", 3, 10)
    wp = loose(wp, keep=("requirements",))
    assert fits(problem, wp, cross=[(MON, "walk"), (WED, "walk"), (FRI, "walk")])
    assert core(problem, wp, cross=[(MON, "walk"), (WED, "walk")]) == ["dose:walk"]
    assert fits(problem, wp, {"dose:walk"}, cross=[(MON, "walk")])


# ---- a runner's usual running (R-PRE-01) ------------------------------------------------------------


def test_running_floor_a_runner_keeps_80_percent_of_their_week():
    problem, wp = week(RUNNER)
    assert (wp.running_floor, wp.running_cap) == (96, 120)
    wp = loose(wp)
    assert fits(problem, wp, runs=[MON, WED, FRI])  # three runs of up to 45 minutes on 60-minute days
    assert core(problem, wp, runs=[MON]) == ["budget:0", "run_floor"]  # one run holds 45 at most
    assert fits(problem, wp, {"run_floor"}, runs=[MON])


# ---- explanations ----------------------------------------------------------------------------------


def test_a_five_minute_saturday_explained_with_the_smallest_change():
    problem, wp = week(PFP.replace("{mon: 45, wed: 45, sat: 60}", "{sat: 5}"))
    dropped = {f"count:{HIP}"}
    ok, blamed = feasible(problem, wp, dropped)
    assert not ok
    change = smallest_change(problem, wp, dropped)
    assert change == DayChange(day=5, minutes=15)
    assert change_words(wp, change) == "give Saturday 15 minutes instead of 5 (availability.sat: 15)"
    assert cannot_fit_message(wp, blamed, change).splitlines() == [
        "no safe plan fits week 1 with the days you have (Saturday 5 min).",
        "These requirements cannot all be met together: Saturday's 5 minutes; at least one hip and knee "
        "strength session a week (R-PFP-01).",
        "Smallest change that fits: give Saturday 15 minutes instead of 5 (availability.sat: 15).",
    ]


# Patellar tendinopathy, slow heavy stage: slow heavy work (three times a week, or on each of
# fewer days) and the daily holds (at least twice), never on the same day.
TENDON_DAYS = TENDON.replace(EVERY_DAY, "{mon: 20, sat: 20}")


def test_no_change_fits_gives_the_general_advice():
    problem, wp = week(TENDON_DAYS, state(phase=1, weeks_in_phase=2))
    ok, blamed = feasible(problem, wp)
    assert not ok and "template_spacing" in blamed
    assert smallest_change(problem, wp, set()) is None  # one more day still leaves three
    assert cannot_fit_message(wp, blamed, None).splitlines()[-1] == (
        "Give more days or more minutes in `availability`, then try again."
    )


def test_a_missing_day_is_suggested_as_a_new_day():
    four_days = TENDON_DAYS.replace("{mon: 20, sat: 20}", "{mon: 20, wed: 20, fri: 20, sun: 20}")
    problem, wp = week(four_days, state(phase=1, weeks_in_phase=2))
    assert feasible(problem, wp)[0] is False  # four days for five sessions (slow heavy three times)
    change = smallest_change(problem, wp, set())
    assert change == DayChange(day=TUE, minutes=15)  # a day with room for the 12-minute holds
    assert change_words(wp, change) == "add Tuesday with 15 minutes (availability.tue: 15)"


def test_week_dates_come_from_the_profile():
    _, wp = week(PFP)
    assert wp.start == date(2026, 11, 23)
