"""The guided session as a library: today's view of a plan, the script of steps, playing it
against a fake clock, and the check-in at the end. No terminal, no real time."""

import subprocess
import sys
from datetime import date

import pytest

from rehabplan.api import build_plan, example_path, plan_profile
from rehabplan.plan_model import Referral
from rehabplan.today import guide
from rehabplan.today.day import today_sessions, today_text
from rehabplan.today.guide import Announce, Await, Countdown


@pytest.fixture(scope="module")
def plan():
    """Jumper's knee from Monday 2 November 2026: tendon holds, walks, cross-training, stretches and
    strength in week 1; slow heavy strength, then walk-runs from week 3."""
    return build_plan(plan_profile(example_path("jumpers_knee"), start="2026-11-02"))


class FakeClock:
    """Never sleeps; records every sleep and moves its own time on by it."""

    def __init__(self):
        self.time = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += seconds


def countdowns(script) -> list[tuple[int, str]]:
    return [(s.seconds, s.label) for s in script if isinstance(s, Countdown)]


def day(plan, iso: str):
    return today_sessions(plan, date.fromisoformat(iso))


def first(plan, *types: str, stretches: int | None = None) -> str:
    """The first day of the plan whose sessions are of ``types``, in order (and whose stretching
    session has ``stretches`` items): the days are the solver's, the tests ask for a kind of day."""
    for week in plan.weeks:
        for d in week.days:
            kinds = tuple(s.type for s in d.sessions)
            stretching = [len(s.items) for s in d.sessions if s.type == "mobility"]
            if kinds == types and (stretches is None or stretching == [stretches]):
                return d.date.isoformat()
    raise LookupError(types)


def holds_day(plan) -> str:
    """Holds, a walk and two stretches."""
    return first(plan, "isometric", "walk", "mobility", stretches=2)


def heading(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d:%A} {d.day} {d:%B} {d.year}"


# today


def test_a_training_day(plan):
    view = day(plan, "2026-11-02")
    assert (view.status, view.week, view.weeks, view.phase) == ("train", 1, 12, "Pain-relief holds")
    assert [s.type for s in view.sessions] == ["isometric", "walk", "mobility"]
    assert view.next_day == date(2026, 11, 3)


def test_a_rest_day_names_the_next_session(plan):
    view = day(plan, "2026-11-08")
    assert (view.status, view.week, view.sessions, view.available) == ("rest", 1, (), False)
    assert (view.next_day, view.next_sessions) == (date(2026, 11, 9), ("isometric", "cross_training"))
    assert today_text(view) == (
        "Sunday 8 November 2026: week 1 of 12, Pain-relief holds\n"
        "Nothing planned today: not one of your training days. Next session: Monday 9 November 2026 "
        "(Tendon holds, Cross-training)."
    )


def test_days_outside_the_plan(plan):
    before = day(plan, "2026-10-30")
    assert (before.status, before.week, before.next_day) == ("before", None, date(2026, 11, 2))
    assert today_text(before) == (
        "Friday 30 October 2026 is before the plan, which starts on Monday 2 November 2026. "
        "Next session: Monday 2 November 2026 (Tendon holds, Walk, Mobility)."
    )
    after = day(plan, "2027-02-01")
    assert (after.status, after.next_day, after.last) == ("after", None, date(2027, 1, 24))
    assert today_text(after) == ("Monday 1 February 2027 is after the plan, which ended on Sunday 24 January 2027.")


def test_a_referral_has_no_sessions_on_any_day(plan):
    referral = Referral(urgency="urgent", reasons=["locking"], message="Stop and see a clinician today.")
    view = today_sessions(plan.model_copy(update={"referral": referral}), date(2026, 11, 2))
    assert (view.status, view.sessions) == ("referral", ())
    assert today_text(view) == (
        "Monday 2 November 2026: this plan ends in a referral (urgent), so it has no sessions to do.\n"
        "Stop and see a clinician today."
    )


def test_the_day_as_text(plan):
    text = today_text(day(plan, holds_day(plan)))
    assert text.splitlines()[:5] == [
        f"{heading(holds_day(plan))}: week 1 of 12, Pain-relief holds",
        "3 sessions, 30 min in all",
        "",
        "1. Tendon holds, 12 min",
        "   Leg extension hold (machine), 5 × 45 s hold, rest 120 s",
    ]
    assert "     Left leg, the sore side. About 70 % of your hardest push" in text
    assert "2. Walk, 10 min: Brisk walking, effort 3 out of 10" in text
    assert "   Hamstring stretch (lying), 2 × 20 s hold, rest 10 s\n     Each leg in turn." in text
    assert text.endswith("Pain 0-3/10 is fine; 4-5/10 only if it settles by next morning; stop at 6/10 or more.")
    run = today_text(day(plan, "2026-11-17"))
    assert (
        "1. Run, 45 min: walk-run stage 1\n"
        "   Warm-up walk 10 min; run 1 min, walk 4 min, 6 rounds; cool-down walk 5 min\n" in run
    )


# the script


def test_holds_and_rests_in_order(plan):
    view = day(plan, holds_day(plan))
    holds, _walk, stretches = view.sessions
    iso, ham, quad = holds.items[0], *stretches.items
    assert (iso.sets, iso.hold_s, iso.rest_s, iso.side) == (5, 45, 120, "left")  # the sore side only (R-PT-01)
    assert (
        (ham.sets, ham.hold_s, ham.rest_s, ham.side)
        == (2, 20, 10, "both")
        == (quad.sets, quad.hold_s, quad.rest_s, quad.side)
    )  # each leg in turn
    expected = [
        (45, "Set 1 of 5, left side: hold"),
        (120, "Rest"),
        (45, "Set 2 of 5, left side: hold"),
        (120, "Rest"),
        (45, "Set 3 of 5, left side: hold"),
        (120, "Rest"),
        (45, "Set 4 of 5, left side: hold"),
        (120, "Rest"),
        (45, "Set 5 of 5, left side: hold"),
        (600, "Brisk walking, effort 3 out of 10"),
        (20, "Set 1 of 2, left side: hold"),
        (20, "Set 1 of 2, right side: hold"),
        (10, "Rest"),
        (20, "Set 2 of 2, left side: hold"),
        (20, "Set 2 of 2, right side: hold"),
        (10, "Rest"),  # between the two stretches
        (20, "Set 1 of 2, left side: hold"),
        (20, "Set 1 of 2, right side: hold"),
        (10, "Rest"),
        (20, "Set 2 of 2, left side: hold"),
        (20, "Set 2 of 2, right side: hold"),
    ]
    script = guide.steps(view.sessions)
    assert countdowns(script) == expected
    assert script[:4] == [
        Announce("Session 1 of 3: Tendon holds, 12 min"),
        Await("Press Enter to start"),
        Announce("Leg extension hold (machine), 5 × 45 s hold, rest 120 s"),
        Announce(
            "  Left leg, the sore side. About 70 % of your hardest push (7 out of 10); knee bent about 60 "
            "degrees; tendon pain no higher than 3 out of 10. Steady push, no jerks."
        ),
    ]
    nxt = script.index(Announce("Next: Quadriceps stretch (standing), 2 × 20 s hold, rest 10 s"))
    assert isinstance(script[nxt + 1], Announce) and script[nxt + 2] == Countdown(10, "Rest")
    assert script[-1] == Announce("Well done: all sessions are finished.")
    assert guide.steps(view.sessions) == script  # deterministic


def test_rep_sets_wait_for_enter_after_the_warm_up(plan):
    strength = day(plan, first(plan, "strength", "walk", "mobility")).sessions[0]
    assert strength.type == "strength" and strength.warm_up_minutes == 8
    script = guide.steps([strength])
    assert script[2:10] == [
        Announce("Warm-up, 8 min: warm, not tired."),
        Announce("  1. Walk briskly, or pedal easily on a bike, for 5 minutes, slowly picking up the pace."),
        Announce("  2. Leg swings holding a wall: 10 forwards and back, then 10 across the body, on each leg."),
        Announce(
            "  3. Bodyweight squats: 10 slow reps, no deeper than halfway while the knee is sore. Then calf "
            "raises: 15 slow reps on both feet."
        ),
        Announce("  4. Walking lunges: 6 short steps on each leg, front knee over the toes and not too deep."),
        Announce(
            "  5. Before runs, hops or jumps: add 20 metres of easy skipping or high-knee marching. Before "
            "Nordic curls: 2-3 slow half-range practice lowers."
        ),
        Countdown(480, "Warm-up"),
        Await("Warm-up done: press Enter for the first exercise"),
    ]
    calf, bridge = strength.items[:2]
    assert [s for s in script if isinstance(s, (Await, Countdown))][3:10] == [
        Await(f"Set 1 of 2: {calf.reps} reps — press Enter when done"),
        Countdown(calf.rest_s, "Rest"),
        Await(f"Set 2 of 2: {calf.reps} reps — press Enter when done"),
        Countdown(calf.rest_s, "Rest"),
        Await(f"Set 1 of 2: {bridge.reps} reps — press Enter when done"),
        Countdown(bridge.rest_s, "Rest"),
        Await(f"Set 2 of 2: {bridge.reps} reps — press Enter when done"),
    ]
    assert "  Both legs together. 2 s down, 1 s pause, 2 s up." in script[11].text


def test_one_leg_rep_sets_name_each_side(plan):
    side_lying = day(plan, first(plan, "strength", "walk", "mobility")).sessions[0].items[2]
    assert side_lying.id == "side_lying_hip_abduction" and side_lying.side == "both"  # strength: both legs
    awaited = [s.text for s in guide._item_steps([side_lying]) if isinstance(s, Await)]
    assert awaited == [
        f"Set {n} of 2, {side} side: 10 reps — press Enter when done" for n in (1, 2) for side in ("left", "right")
    ]


def test_walk_run_intervals_in_order(plan):
    run = day(plan, "2026-11-17").sessions[0]
    assert run.type == "run" and [(i.mode, i.minutes, i.repeats) for i in run.intervals] == [
        ("run", 1, 6),
        ("walk", 4, 6),
    ]
    rounds = [
        (seconds, f"Round {n} of 6: {what}") for n in range(1, 7) for seconds, what in ((60, "Run"), (240, "Walk"))
    ]
    assert countdowns(guide.steps([run])) == [(600, "Warm-up walk"), *rounds, (300, "Cool-down walk")]
    assert sum(s for s, _ in countdowns(guide.steps([run]))) == run.minutes * 60
    assert Announce(
        "Run 1 min, walk 4 min, 6 rounds. Easy pace: you can talk in full sentences. Mostly flat, no steep downhills."
    ) in guide.steps([run])


def test_cross_training_counts_its_minutes(plan):
    cross = day(plan, first(plan, "isometric", "cross_training", "mobility")).sessions[1]
    assert cross.type == "cross_training"
    assert (cross.modality, cross.warm_up_minutes) == ("bike", 0) and cross.effort in (3, 4)
    label = f"Cycling (indoor or outdoor), effort {cross.effort} out of 10"
    assert countdowns(guide.steps([cross])) == [(cross.minutes * 60, label)]


def test_an_exercise_the_library_no_longer_has(plan):
    """A stored plan may outlive an exercise: guided by the plan's own fields, without cues."""
    item = day(plan, holds_day(plan)).sessions[2].items[0].model_copy(update={"id": "retired_stretch"})
    assert countdowns(guide._item_steps([item])) == [(20, "Set 1 of 2: hold"), (10, "Rest"), (20, "Set 2 of 2: hold")]
    assert guide.how_line(item) == "Both legs together. " + item.load_guidance + "."
    sore = item.model_copy(update={"side": "right"})
    assert countdowns(guide._item_steps([sore]))[0] == (20, "Set 1 of 2, right side: hold")


# playing it


def test_run_guide_counts_every_second_on_the_fake_clock(plan):
    view = day(plan, holds_day(plan))
    script = guide.steps(view.sessions)
    clock, said, ticks, waited = FakeClock(), [], [], []
    guide.run_guide(script, clock, said.append, waited.append, ticks.append)
    assert clock.sleeps == [1.0] * sum(s for s, _ in countdowns(script))
    assert sum(clock.sleeps) == 5 * 45 + 4 * 120 + 600 + 2 * (4 * 20 + 10) + 10 == 1495
    assert waited == ["Press Enter to start"] * 3
    done = [line for line in said if line.endswith(": done")]
    assert done[:3] == [
        "Set 1 of 5, left side: hold 45 s: done",
        "Rest 2 min: done",
        "Set 2 of 5, left side: hold 45 s: done",
    ]
    assert len(done) == len(countdowns(script))
    assert ticks[:3] == [
        "Set 1 of 5, left side: hold 45 s: 45 s left",
        "Set 1 of 5, left side: hold 45 s: 44 s left",
        "Set 1 of 5, left side: hold 45 s: 43 s left",
    ]
    assert ticks[45:47] == ["Rest 2 min: 2 min left", "Rest 2 min: 1:59 min left"]
    assert len(ticks) == 1495


def test_without_a_tick_function_every_second_is_printed():
    clock, said = FakeClock(), []
    guide.run_guide([Announce("Go"), Countdown(3, "Hold"), Await("Enter")], clock, said.append, said.append)
    assert said == ["Go", "Hold 3 s: 3 s left", "Hold 3 s: 2 s left", "Hold 3 s: 1 s left", "Hold 3 s: done", "Enter"]


def test_printing_time_does_not_make_a_countdown_drift():
    clock = FakeClock()

    def slow_tick(_text):  # a terminal that takes a quarter of a second to print
        clock.time += 0.25

    guide.run_guide([Countdown(4, "Hold")], clock, lambda _: None, lambda _: None, slow_tick)
    assert clock.sleeps == [0.75] * 4 and clock.time == 1004.0


class FakeKeys:
    """A keyboard on the fake clock: waits out each call, except the calls given a key, which
    come ``after`` seconds into the wait."""

    def __init__(self, clock: FakeClock, presses: dict[int, tuple[float, str]]):
        self.clock, self.presses, self.calls = clock, presses, 0

    def __call__(self, seconds: float) -> str | None:
        self.calls += 1
        after, key = self.presses.get(self.calls, (seconds, None))
        self.clock.time += after
        return key


def test_enter_skips_the_rest_of_a_countdown():
    """Why: an 8-minute warm-up or a 10-minute walk done already need not be sat through."""
    clock, said, ticks = FakeClock(), [], []
    script = [Countdown(480, "Warm-up"), Announce("Next")]
    guide.run_guide(script, clock, said.append, said.append, ticks.append, FakeKeys(clock, {3: (0.2, guide.SKIP)}))
    assert said == ["Warm-up 8 min: skipped with 7:58 min left", "Next"]
    assert ticks == [
        f"Warm-up 8 min: {left} left (Enter: skip · p: pause)" for left in ("8 min", "7:59 min", "7:58 min")
    ]
    assert clock.time == 1002.2


def test_p_pauses_and_enter_goes_on_with_the_time_left():
    clock, said, waited = FakeClock(), [], []

    def away(text):  # the person comes back 100 s later
        waited.append(text)
        clock.time += 100

    guide.run_guide(
        [Countdown(5, "Hold")], clock, said.append, away, lambda _: None, FakeKeys(clock, {3: (0.5, guide.PAUSE)})
    )
    assert waited == ["Paused with 3 s left: press Enter to go on"]
    assert said == ["Hold 5 s: done"]
    assert clock.time == 1000 + 5 + 100  # five seconds counted, the pause not


def test_other_keys_change_nothing():
    clock, said = FakeClock(), []
    guide.run_guide(
        [Countdown(2, "Hold")], clock, said.append, said.append, lambda _: None, FakeKeys(clock, {1: (0.3, None)})
    )
    assert said == ["Hold 2 s: done"] and clock.time == 1002.0


@pytest.mark.parametrize("seconds, words", [(45, "45 s"), (60, "1 min"), (150, "2:30 min"), (600, "10 min")])
def test_duration(seconds, words):
    assert guide.duration(seconds) == words


def test_the_guide_needs_no_click_and_no_renderer():
    """Why: the library is driven by the CLI, never the other way round, and starts quickly."""
    code = (
        "import sys, rehabplan.today.guide, rehabplan.today.day, rehabplan.today.session_log; "
        "print(sorted(m for m in ('click', 'jinja2', 'weasyprint', 'ortools') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert found == "[]\n"
