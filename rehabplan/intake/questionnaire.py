"""`rehabplan init`'s questionnaire as data: the questions in order and how each answer is read
(the commented profile the answers make is rehabplan.intake.profile_text). No click here: the CLI
asks, this module checks.

Why data: one list of questions drives the prompts, an answers file and `--defaults`, so all
three read and check answers alike, and tests can drive every question without a terminal.
A question's key is the profile field it fills ("pain.at_rest", "availability.mon"), so a
problem the profile model finds across answers points back at the questions to ask again.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, get_args

from rehabplan.english import DAYS
from rehabplan.errors import FieldProblem, InvalidInput
from rehabplan.intake.answers import as_word, line_of_text, optional, pick, whole, yes_no
from rehabplan.intake.profile import MAX_DAY_MINUTES, next_monday, parse_profile, start_problem
from rehabplan.intake.profile_text import Answers, answered_flags, as_text, profile_yaml  # noqa: F401 (profile_yaml: the CLI's)
from rehabplan.knowledge.protocols import load_protocols, load_red_flags
from rehabplan.vocab import (
    CONDITIONS,
    CROSS_TRAINING,
    EQUIPMENT,
    HOUSEHOLD,
    TIGHTNESS,
    WEAKNESSES,
    WEEKDAYS,
    Side,
)
from rehabplan.yamlio import parse_text

# Why not asked at intake: this flag is raised by three weekly check-ins without improvement
# (rehabplan/adapt/decide.py); before the first plan there are no check-ins to ask about.
CHECKIN_ONLY_FLAGS = ("no_improvement",)

# Plain words for the vocabularies that have no title in the library (conditions use their
# protocol titles). tests/intake/test_questionnaire.py checks these cover every vocabulary word.
LABELS = {
    "weaknesses": {
        "hip_abductors": "side of the hip (lifts the leg out to the side)",
        "hip_external_rotators": "deep hip muscles that turn the knee outwards",
        "glutes": "buttocks",
        "quadriceps": "front of the thigh",
        "hamstrings": "back of the thigh",
        "calves": "calves",
        "core": "trunk and stomach",
    },
    "tightness": {
        "it_band": "outside of the thigh (IT band)",
        "hamstrings": "back of the thigh",
        "quadriceps": "front of the thigh",
        "calves": "calves",
        "hip_flexors": "front of the hip",
    },
    "equipment": {
        "resistance_band": "resistance band (elastic exercise band)",
        "dumbbells": "dumbbells",
        "kettlebell": "kettlebell",
        "step": "aerobic step or low sturdy box",
        "gym_machines": "gym machines (leg press, leg curl, ...)",
        "bike": "exercise bike or bicycle",
        "pool": "swimming pool",
        "elliptical": "elliptical cross-trainer",
        "treadmill": "treadmill",
        "foam_roller": "foam roller",
        "nordic_anchor": "a partner or fixed anchor to hold your ankles (Nordic curls)",
        "strap": "stretching strap or belt",
        "mat": "exercise mat",
    },
    "cross_training": {
        "bike": "cycling, outdoors or on an exercise bike",
        "swim": "swimming",
        "pool_run": "running in deep water (pool running)",
        "elliptical": "elliptical cross-trainer",
        "walk": "brisk walking",
    },
}

SECTIONS = {
    "safety": "Safety first: warning signs that need a clinician before any exercise plan. "
    "Answer yes or no for your knee as it is now.",
    "knee": "You and your knee.",
    "week": "Your week: how much time you can give, and what you have to train with.",
    "running": "Your running before the knee problem, and what you want from the plan.",
    "plan": "The plan.",
}
PAIN = " (0 no pain, 10 the worst imaginable)"
DEFAULT_MINUTES = dict(zip(WEEKDAYS, (0, 30, 0, 45, 0, 60, 0)))


@dataclass(frozen=True)
class Question:
    """One question: ``parse(text)`` returns the value or raises ValueError with the reason and fix."""

    key: str
    prompt: str
    parse: Callable[[str], Any]
    section: str
    default: str | Callable[[Answers], str] = ""  # "" = skipped (optional questions only)
    choices: tuple[tuple[str, str], ...] = ()  # (word, plain words), shown numbered

    def default_text(self, answers: Answers) -> str:
        return self.default(answers) if callable(self.default) else self.default


@dataclass(frozen=True)
class Issue:
    """A problem the profile model finds in the answers, and the questions to ask again for it."""

    keys: tuple[str, ...]
    problem: FieldProblem

    @property
    def message(self) -> str:
        return self.problem.render()


# ---- reading the answers only this questionnaire asks --------------------------------------------


def conditions(text: str) -> list[str]:
    chosen = pick(CONDITIONS, "knee problems", several=True)(text)
    if not chosen:
        raise ValueError("no knee problem given; give at least one (choose prevention if your knee is fine)")
    if "prevention" in chosen and len(chosen) > 1:
        raise ValueError(
            "prevention is for a runner with no current injury; "
            "give prevention alone, or only the knee problems you have"
        )
    return chosen


def equipment(text: str) -> list[str]:
    """Equipment words; the household items (always assumed) are accepted and left out."""
    items = [item for item in text.split(",") if as_word(item) not in HOUSEHOLD]
    return pick(EQUIPMENT, "equipment words", several=True)(",".join(items) or "none")


def this_monday(today: date | None = None) -> date:
    """The Monday of the week ``today`` is in (today itself on a Monday): init's default start.

    Why not the next Monday (a profile's default): a plan starting this week has today in week
    1, so `rehabplan today` shows today's sessions and week 1 can be recorded at its end, the
    day someone first tries rehabplan; the question names next week's Monday for a full week 1.
    """
    today = today or date.today()
    return today - timedelta(days=today.weekday())


def monday(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text.strip()!r} is not a date; write it as YYYY-MM-DD, for example {this_monday().isoformat()}"
        ) from None
    problem = start_problem(day)
    if problem:
        raise ValueError(f"{day.isoformat()} {problem}")
    return day


# ---- the questions -----------------------------------------------------------------------------


def _choices(vocabulary: str, words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    labels = LABELS[vocabulary]
    return tuple((w, labels.get(w, w.replace("_", " "))) for w in words)


def questions(today: date | None = None) -> tuple[Question, ...]:
    """Every question in the order asked: red-flag screening first."""
    return screening() + details(today)


def screening() -> tuple[Question, ...]:
    return tuple(
        Question(f"red_flags.{flag}", f"{info.question} (yes/no)", yes_no, "safety", "no")
        for flag, info in load_red_flags().items()
        if flag not in CHECKIN_ONLY_FLAGS
    )


def details(today: date | None = None) -> tuple[Question, ...]:
    today = today or date.today()
    titles = {name: protocol.title for name, protocol in load_protocols().items()}
    sides = get_args(Side)
    lists = "several allowed, comma-separated; numbers or words; none if none"
    minutes = f"0-{MAX_DAY_MINUTES}; 0 = rest day"
    return (
        Question("name", "Your name, printed on the handout (optional)", line_of_text(80, "the name"), "knee"),
        Question("age", "Your age in years", whole(12, 100, "your age in years"), "knee", "35"),
        Question(
            "conditions",
            "Which knee problem do you have? (one or more, comma-separated; numbers or words)",
            conditions,
            "knee",
            "patellofemoral_pain",
            tuple((c, titles[c]) for c in CONDITIONS),
        ),
        Question(
            "side",
            f"Which knee: {', '.join(sides[:-1])} or {sides[-1]}?",
            pick(sides, "sides", several=False),
            "knee",
            "both",
        ),
        Question(
            "pain.at_rest",
            "Knee pain at rest today, 0-10 (0 no pain, 10 the worst imaginable)",
            whole(0, 10, "a pain score", PAIN),
            "knee",
            "1",
        ),
        Question(
            "pain.during_run",
            "Worst knee pain during a typical recent run, 0-10",
            whole(0, 10, "a pain score", PAIN),
            "knee",
            "4",
        ),
        Question(
            "pain.next_morning",
            "Knee pain the morning after a run, 0-10 (optional)",
            optional(whole(0, 10, "a pain score", PAIN)),
            "knee",
        ),
        Question(
            "walk_30min_pain_free",
            "Can you walk briskly for 30 minutes without pain or a limp? (yes/no)",
            yes_no,
            "knee",
            "yes",
        ),
        Question(
            "weaknesses",
            f"Muscles found weak, by you or a clinician ({lists})",
            pick(WEAKNESSES, "muscles", several=True),
            "knee",
            "none",
            _choices("weaknesses", WEAKNESSES),
        ),
        Question(
            "tightness",
            f"Muscles that feel tight ({lists})",
            pick(TIGHTNESS, "muscles", several=True),
            "knee",
            "none",
            _choices("tightness", TIGHTNESS),
        ),
        *(
            Question(
                f"availability.{day}",
                f"Minutes you can give on {DAYS[day]} ({minutes})",
                whole(0, MAX_DAY_MINUTES, f"minutes on {DAYS[day]}", " (0 = rest day)"),
                "week",
                str(DEFAULT_MINUTES[day]),
            )
            for day in WEEKDAYS
        ),
        Question(
            "equipment",
            f"What do you have to train with? Floor, wall, chair and stairs are assumed ({lists})",
            equipment,
            "week",
            "none",
            _choices("equipment", EQUIPMENT),
        ),
        Question(
            "cross_training",
            f"Other exercise you would enjoy on non-running days ({lists})",
            pick(CROSS_TRAINING, "kinds of exercise", several=True),
            "week",
            "walk",
            _choices("cross_training", CROSS_TRAINING),
        ),
        Question(
            "running.baseline_weekly_minutes",
            "Minutes of running a week before the knee problem (0 if you are new to running)",
            whole(0, 1500, "minutes a week"),
            "running",
            "90",
        ),
        Question(
            "running.baseline_runs_per_week",
            "Runs a week before the knee problem (0-14)",
            whole(0, 14, "runs a week"),
            "running",
            lambda a: "0" if a.get("running.baseline_weekly_minutes") == 0 else "3",
        ),
        Question(
            "jumping_sport",
            "Do you also play a sport with jumping, landing or cutting, such as basketball, "
            "volleyball, football or netball? (yes/no)",
            yes_no,
            "running",
            "no",
        ),
        Question(
            "goal",
            "Your goal, in a few words, for example: back to 5 km without knee pain (optional)",
            line_of_text(200, "the goal"),
            "running",
        ),
        Question(
            "plan.start",
            "First day of the plan, a Monday (YYYY-MM-DD): this week's puts today in "
            f"week 1; {next_monday(today).isoformat()} starts next week",
            monday,
            "plan",
            this_monday(today).isoformat(),
        ),
        Question("plan.weeks", "How many weeks should the plan cover? (1-52)", whole(1, 52, "weeks"), "plan", "8"),
    )


# ---- all answers -------------------------------------------------------------------------------


def answer(question: Question, text: str, answers: Answers) -> Any:
    """Read one answer; nothing typed takes the default, as at the prompt."""
    return question.parse(text if text.strip() else question.default_text(answers))


def default_answers(today: date | None = None) -> Answers:
    """Every question's default: a demo profile with no red flags."""
    answers: Answers = {}
    for question in questions(today):
        answers[question.key] = answer(question, "", answers)
    return answers


def issues(answers: Answers) -> list[Issue]:
    """Check the answers as the profile they make, with the real model (cross-field rules too).

    Why through the YAML text: what is checked is exactly what is written.
    """
    try:
        parse_profile(parse_text(profile_yaml(answers), "the answers"), "the answers")
    except InvalidInput as err:
        return [Issue(_keys_for(p.path, answers), p) for p in err.problems]
    return []


def _keys_for(path: str, answers: Answers) -> tuple[str, ...]:
    field = re.sub(r"\[\d+\]", "", path)
    keys = tuple(k for k in answers if k == field or k.startswith(f"{field}."))
    if not keys:
        raise LookupError(f"no question of rehabplan init fills the profile field {path!r}")
    return keys
