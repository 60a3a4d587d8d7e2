"""The end of a guided session: its check-in questions, the advice on the answers and the
`rehabplan checkin` command it suggests. No terminal."""

from datetime import date

import pytest

from rehabplan.api import build_plan, example_path, plan_profile
from rehabplan.today import session_log
from rehabplan.today.day import today_sessions
from rehabplan.today.session_log import Question


@pytest.fixture(scope="module")
def plan():
    """Jumper's knee from Monday 2 November 2026 (as in test_guide.py)."""
    return build_plan(plan_profile(example_path("jumpers_knee"), start="2026-11-02"))


def day(plan, iso: str):
    return today_sessions(plan, date.fromisoformat(iso))


def three_sessions(plan) -> str:
    """The first day with three sessions (holds, a walk or cross-training, stretches)."""
    return next(d.date.isoformat() for w in plan.weeks for d in w.days if len(d.sessions) == 3)


def answers(**given):
    asked: list[Question] = []

    def ask(question: Question):
        asked.append(question)
        return given[question.key]

    return ask, asked


NO_SIGNS = {flag: False for flag, _, _ in session_log.FLAG_QUESTIONS}  # every warning sign answered no


def test_checkin_after_everything_was_done(plan):
    view = day(plan, three_sessions(plan))
    ask, asked = answers(all_done=True, pain_during=2, **NO_SIGNS, note="  stairs easier ")
    log = session_log.ask_checkin(view, ask)
    assert log == session_log.SessionLog(date.fromisoformat(three_sessions(plan)), 1, 3, 3, 2, (), "stairs easier")
    assert [(q.key, q.kind, q.high) for q in asked] == [
        ("all_done", "yes_no", 0),
        ("pain_during", "number", 10),
        ("persistent_swelling", "yes_no", 0),
        ("giving_way", "yes_no", 0),
        ("locking", "yes_no", 0),
        ("cannot_straight_leg_raise", "yes_no", 0),
        ("note", "text", 500),
    ]
    assert asked[0].text == "Did you do all 3 of today's sessions?"


def test_checkin_asks_how_many_when_not_all_were_done(plan):
    view = day(plan, three_sessions(plan))
    signs = {**NO_SIGNS, "persistent_swelling": True, "locking": True}
    ask, asked = answers(all_done=False, completed=1, pain_during=5, **signs, note="")
    log = session_log.ask_checkin(view, ask)
    assert (log.completed, log.planned, log.flags, log.note) == (1, 3, ("persistent_swelling", "locking"), None)
    assert asked[1] == Question(
        "completed", "How many of the 3 sessions did you finish? (0-2)", "number", 2, "the sessions you finished"
    )


def test_one_session_not_done_is_none_done(plan):
    view = day(plan, "2026-11-17")  # a walk-run session only
    ask, asked = answers(all_done=False, pain_during=0, **NO_SIGNS, note="")
    assert session_log.ask_checkin(view, ask).completed == 0
    assert "completed" not in [q.key for q in asked] and asked[0].text == "Did you do today's session?"


def log(pain: int, *flags: str) -> session_log.SessionLog:
    return session_log.SessionLog(date(2026, 11, 2), 1, 1, 1, pain, flags, None)


@pytest.mark.parametrize(
    "pain, zone, words",
    [
        (3, "green", "Pain 3/10: Green (0-3): safe. Carry on."),
        (
            4,
            "amber",
            "Pain 4/10: Amber (4-5): acceptable only if it settles by the next morning. Hold: repeat this level",
        ),
        (5, "amber", "Pain 5/10: Amber"),
        (6, "red", "Pain 6/10: Red (6-10): too much. Stop that activity and step back a level."),
    ],
)
def test_pain_advice_follows_the_pain_rule(pain, zone, words):
    advice = session_log.advice(log(pain))
    assert advice.zone == zone and advice.pain.startswith(words) and advice.alerts == ()


def test_red_flag_answers_give_the_action_most_urgent_first():
    advice = session_log.advice(log(2, "persistent_swelling", "locking"))
    assert advice.alerts == (
        "RED FLAG (urgent): Knee locks or will not straighten. Stop running and do not add load. Get an urgent "
        "appointment at an acute knee or fracture clinic (via your GP, a health line such as NHS 111 in the UK, "
        "or urgent care).",
        "RED FLAG (soon): Swelling that will not settle. Stop running and cut back exercise. See a GP or "
        "physiotherapist within a week to find out why the knee keeps swelling.",
    )


def test_a_yes_to_a_warning_sign_alerts_before_the_next_question(plan):
    events = []

    def ask(question: Question):
        events.append(question.key)
        return {"all_done": True, "pain_during": 2, "giving_way": True, "note": ""}.get(question.key, False)

    log = session_log.ask_checkin(day(plan, "2026-11-02"), ask, events.append)
    assert events == [
        "all_done",
        "pain_during",
        "persistent_swelling",
        "giving_way",
        [
            "RED FLAG (soon): Knee gives way. Stop running. See a physiotherapist or doctor within a "
            "week. Until then keep only to exercises that do not make the knee buckle."
        ],
        "locking",
        "cannot_straight_leg_raise",
        "note",
    ]
    assert log.flags == ("giving_way",)


@pytest.mark.parametrize(
    "flags, sessions, command",
    [
        (
            (),
            ["strength"],
            "rehabplan checkin 1 --week 1 --sessions-done N --pain-during-exercise N --pain-next-morning N",
        ),
        (
            ("persistent_swelling", "giving_way", "locking"),
            ["run", "strength"],
            "rehabplan checkin 1 --week 1 --sessions-done N --pain-during-run N --pain-next-morning N "
            "--swelling --giving-way --locking",
        ),
        (
            ("cannot_straight_leg_raise",),
            ["strength"],
            "rehabplan checkin 1 --week 1 --sessions-done N --pain-during-exercise N "
            "--pain-next-morning N --red-flag cannot_straight_leg_raise",
        ),
        (
            ("night_pain",),
            ["walk"],
            "rehabplan checkin 1 --week 1 --sessions-done N --pain-during-exercise N "
            "--pain-next-morning N --red-flag night_pain",
        ),
    ],
)
def test_the_suggested_checkin_carries_the_warning_signs(flags, sessions, command):
    """Why: copying the command must record what the person just said, not drop it."""
    assert session_log.checkin_command(log(2, *flags), "1", sessions) == command


@pytest.mark.parametrize(
    "question, typed, reason",
    [
        (
            Question("pain_during", "Pain?", "number", 10, "a pain score"),
            "11",
            "11 is out of range; give a pain score, 0-10",
        ),
        (
            Question("pain_during", "Pain?", "number", 10, "a pain score"),
            "five",
            "'five' is not a whole number; give a pain score, 0-10",
        ),
        (
            Question("completed", "How many?", "number", 1, "the sessions you finished"),
            "2",
            "2 is out of range; give the sessions you finished, 0-1",
        ),
        (Question("locking", "Locked?", "yes_no"), "perhaps", "'perhaps' is not yes or no; answer yes or no"),
        (Question("note", "Note?", "text", 500), "x" * 501, "the note is 501 characters long; keep it to 500"),
    ],
)
def test_a_wrong_answer_says_why_in_words(question, typed, reason):
    """Why: click's own messages read "0<=x<=1" and "invalid input"."""
    with pytest.raises(ValueError) as err:  # noqa: PT011 - the whole message is checked below
        question.parse(typed)
    assert str(err.value) == reason


def test_answers_read_as_typed():
    assert Question("all_done", "Done?", "yes_no").parse("Y") is True
    assert Question("pain_during", "Pain?", "number", 10, "a pain score").parse(" 4 ") == 4
    assert Question("note", "Note?", "text", 500).parse("") == ""


def test_a_leg_that_cannot_be_lifted_straight_is_an_emergency_at_once(plan):
    """Why: a torn quadriceps or patellar tendon shows after loading and needs A&E today."""
    alerts = []
    given = {"all_done": True, "pain_during": 6, "cannot_straight_leg_raise": True, "note": ""}
    log = session_log.ask_checkin(day(plan, "2026-11-02"), lambda q: given.get(q.key, False), alerts.append)
    assert log.flags == ("cannot_straight_leg_raise",)
    assert alerts == [
        [
            "RED FLAG (emergency): Cannot lift the leg with the knee straight. Stop all exercise. Go to A&E or an "
            "emergency department today; not being able to lift the straight leg can mean the quadriceps or "
            "kneecap (patellar) tendon has torn."
        ]
    ]
    assert session_log.advice(log).alerts == tuple(alerts[0])
