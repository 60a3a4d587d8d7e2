"""The guided session: a script of steps played against an injected clock.

`rehabplan today` shows one day of a plan (today/day.py); `--guide` turns the day into a flat
script (``steps``) and plays it (``run_guide``): a countdown for every hold, rest, run or walk
interval, warm-up and cool-down, a prompt for every set of reps. At the end
``rehabplan.today.session_log.ask_checkin`` asks the session's check-in questions.

Why injected: nothing here sleeps, prints or reads the keyboard itself. The caller hands in a
clock and the terminal functions, so a test plays a whole session in no time and sees every
second counted.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rehabplan.english import amount, side_words, tempo
from rehabplan.errors import NotFound
from rehabplan.knowledge.catalog import Exercise, load_catalog
from rehabplan.knowledge.handout_texts import load_texts
from rehabplan.plan_model import CrossSession, Item, RunSession, Session

# the script


@dataclass(frozen=True)
class Announce:
    text: str


@dataclass(frozen=True)
class Countdown:
    seconds: int
    label: str


@dataclass(frozen=True)
class Await:
    text: str  # what to do, ending in "press Enter ..."


Step = Announce | Countdown | Await


def steps(sessions: Sequence[Session]) -> list[Step]:
    """The day as a flat script, in the order it is done. Same sessions, same script."""
    texts = load_texts()
    script: list[Step] = []
    for number, session in enumerate(sessions, 1):
        label = texts.session_types[session.type].label
        script += [
            Announce(f"Session {number} of {len(sessions)}: {label}, {session.minutes} min"),
            Await("Press Enter to start"),
        ]
        script += _session_steps(session)
    script.append(Announce(f"Well done: {'the session is' if len(sessions) == 1 else 'all sessions are'} finished."))
    return script


def _session_steps(session: Session) -> list[Step]:
    texts = load_texts()
    run = isinstance(session, RunSession)
    script: list[Step] = []
    if session.warm_up_minutes:
        if run:
            script += [
                Announce(f"Warm-up walk, {session.warm_up_minutes} min: brisk, picking up the pace."),
                Countdown(session.warm_up_minutes * 60, "Warm-up walk"),
            ]
        else:
            script += [
                *warm_up_announcements(session.warm_up_minutes),
                Countdown(session.warm_up_minutes * 60, "Warm-up"),
            ]
            if session.items:
                script.append(Await("Warm-up done: press Enter for the first exercise"))
    if isinstance(session, RunSession):
        script.append(
            Announce(
                f"{run_pattern(session)}. {texts.run_intensity[session.run_intensity]}. "
                f"{texts.terrain[session.terrain]}."
            )
        )
        rounds = max(i.repeats for i in session.intervals)
        for count in range(1, rounds + 1):
            for interval in (i for i in session.intervals if i.repeats >= count):
                where = f"Round {count} of {rounds}: " if rounds > 1 else ""
                script.append(Countdown(interval.minutes * 60, where + interval.mode.capitalize()))
    elif isinstance(session, CrossSession):
        main = session.minutes - session.warm_up_minutes - session.cool_down_minutes
        what = f"{texts.modalities[session.modality]}, effort {session.effort} out of 10"
        script += [Announce(f"{what}. {session.load_guidance.rstrip('.')}."), Countdown(main * 60, what)]
    script += _item_steps(session.items)
    if session.cool_down_minutes:
        script.append(Countdown(session.cool_down_minutes * 60, "Cool-down walk" if run else "Cool-down"))
    return script


def warm_up_announcements(minutes: int) -> list[Announce]:
    """What the warm-up routine is, step by step, from the exercise library (its warmup exercise)."""
    routine = load_catalog().routine("warmup")
    return [
        Announce(f"Warm-up, {minutes} min: {routine.cues[0].lower()}."),
        *(Announce(f"  {number}. {line}") for number, line in enumerate(routine.instructions, 1)),
    ]


def _item_steps(items: Sequence[Item]) -> list[Step]:
    """Each exercise: what and how, then every set (each side in turn), rests between sets and
    between exercises. Why the rest before the next exercise: it is the time to get into place."""
    script: list[Step] = []
    for index, item in enumerate(items):
        script += [Announce(("Next: " if index else "") + dose_line(item)), Announce("  " + how_line(item))]
        if index and items[index - 1].rest_s:
            script.append(Countdown(items[index - 1].rest_s, "Rest"))
        sets = item.sets or 1
        for count in range(1, sets + 1):
            for side in _sides(item):
                where = f"Set {count} of {sets}" + (f", {side} side" if side else "")
                if item.reps is not None:
                    script.append(Await(f"{where}: {item.reps} reps — press Enter when done"))
                elif item.hold_s is not None:
                    script.append(Countdown(item.hold_s, f"{where}: hold"))
                else:
                    assert item.minutes is not None  # an item without reps or a hold is timed
                    script.append(Countdown(item.minutes * 60, where if item.sets else item.name))
            if count < sets and item.rest_s:
                script.append(Countdown(item.rest_s, "Rest"))
    return script


def _exercise(item: Item) -> Exercise | None:
    """The library's record; None for a stored plan naming an exercise the library no longer has."""
    try:
        return load_catalog().get(item.id)
    except NotFound:
        return None


def _unilateral(item: Item) -> bool:
    exercise = _exercise(item)
    return exercise.unilateral if exercise else item.side != "both"


def _sides(item: Item) -> list[str | None]:
    """Why: a one-leg exercise with side "both" is done on each leg in turn; with "left" or
    "right" only on the sore side (docs/plan.md)."""
    if not _unilateral(item):
        return [None]
    return ["left", "right"] if item.side == "both" else [item.side]


def dose_line(item: Item) -> str:
    """``Glute bridge, 3 × 12 reps, rest 60 s``"""
    rest = f", rest {item.rest_s} s" if item.rest_s else ""
    return f"{item.name}, {amount(item.sets, item.reps, item.hold_s, item.minutes)}{rest}"


def how_line(item: Item) -> str:
    """The side, tempo, load and the first cue, as sentences."""
    exercise = _exercise(item)
    cues = exercise.cues[:1] if exercise else []
    parts = [side_words(item.side, _unilateral(item)), tempo(item.tempo), item.load_guidance, *cues]
    return " ".join(p.rstrip(".") + "." for p in parts if p)


def run_pattern(session: RunSession) -> str:
    """``Run 1 min, walk 4 min, 3 rounds``"""
    pattern = ", ".join(f"{i.mode} {i.minutes} min" for i in session.intervals)
    rounds = max((i.repeats for i in session.intervals), default=1)
    return (pattern + (f", {rounds} rounds" if rounds > 1 else "")).capitalize()


# playing the script


class Clock(Protocol):
    def now(self) -> float: ...  # seconds, monotonic

    def sleep(self, seconds: float) -> None: ...


SKIP, PAUSE = "skip", "pause"  # what a key pressed during a countdown asks for
KEYS_HINT = "Enter: skip · p: pause"


def run_guide(
    script: Sequence[Step],
    clock: Clock,
    out: Callable[[str], None],
    wait_enter: Callable[[str], None],
    tick: Callable[[str], None] | None = None,
    key: Callable[[float], str | None] | None = None,
) -> None:
    """Play ``script``: print announcements, wait for Enter, count every countdown down.

    A countdown calls ``tick`` once a second with the time left (``out`` when not given; a
    terminal overwrites one line), then ``out`` once with "done". Why ``now()``: each wait
    ends on the next whole second since the countdown began, so printing never adds drift.

    ``key(seconds)``, when given (a keyboard), waits instead of ``clock.sleep`` and returns
    SKIP, PAUSE or None: SKIP ends the countdown at once, PAUSE waits for Enter and then goes
    on with the time that was left. Why: an 8-minute warm-up or a 10-minute walk may be done
    already, or be interrupted by the doorbell.
    """
    tick = tick or out
    for step in script:
        if isinstance(step, Announce):
            out(step.text)
        elif isinstance(step, Await):
            wait_enter(step.text)
        else:
            _countdown(step, clock, out, wait_enter, tick, key)


def _countdown(
    step: Countdown,
    clock: Clock,
    out: Callable[[str], None],
    wait_enter: Callable[[str], None],
    tick: Callable[[str], None],
    key: Callable[[float], str | None] | None,
) -> None:
    name = f"{step.label} {duration(step.seconds)}"
    hint = f" ({KEYS_HINT})" if key else ""
    began = clock.now()
    for left in range(step.seconds, 0, -1):
        tick(f"{name}: {duration(left)} left{hint}")
        if key is None:
            clock.sleep(max(0.0, began + step.seconds - left + 1 - clock.now()))
            continue
        while (wait := began + step.seconds - left + 1 - clock.now()) > 0:
            pressed = key(wait)
            if pressed == SKIP:
                out(f"{name}: skipped with {duration(left)} left")
                return
            if pressed == PAUSE:
                paused = clock.now()
                wait_enter(f"Paused with {duration(left)} left: press Enter to go on")
                began += clock.now() - paused
                tick(f"{name}: {duration(left)} left{hint}")
    out(f"{name}: done")


def duration(seconds: int) -> str:
    """``45 s``, ``4 min``, ``2:30 min``"""
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" if not rest else f"{minutes}:{rest:02d} min"
