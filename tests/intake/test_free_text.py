"""Free text (names, goals, notes) cannot drive a terminal: control characters are refused when
read, naming the field, and shown as visible escapes wherever stored text is printed."""

import json

import pytest
import yaml
from icalendar import Calendar

from rehabplan.errors import InvalidInput
from rehabplan.intake.checkin import parse_checkins
from rehabplan.intake.profile import parse_profile
from rehabplan.patients.store import Store
from rehabplan.safetext import control_problem, printable
from tests.support import GOOD

CHECKIN = {"week": 1, "sessions_done": 3, "pain_next_morning": 1}
ATTACK = "\x1b[2J\x1b[31mall clear, no referral"
FIELDS = [
    "name",
    "goal",
    "clinician.name",
    "clinician.clinic",
    "clinician.contact",
    "clinician.logo",
    "clinician.notes",
]


def profile_with(path: str, value: str) -> dict:
    data = yaml.safe_load(GOOD)
    if "." in path:
        head, key = path.split(".")
        data[head] = {key: value}
    else:
        data[path] = value
    return data


def problems(data: dict) -> list[str]:
    with pytest.raises(InvalidInput) as err:
        parse_profile(data, "p.yaml")
    return err.value.lines()[1:]


@pytest.mark.parametrize("field", FIELDS)
def test_every_free_text_field_refuses_an_escape_sequence(field):
    assert problems(profile_with(field, ATTACK)) == [
        f"p.yaml: {field}: '\\x1b[2J\\x1b[31mall clear, no referral' contains a control character "
        "(ESC, U+001B) at position 1; remove it"
    ]


@pytest.mark.parametrize(
    "char, named",
    [
        ("\x00", "NUL, U+0000"),
        ("\r", "CR, U+000D"),
        ("\t", "TAB, U+0009"),
        ("\x7f", "DEL, U+007F"),
        ("\x9b", "U+009B"),
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE, U+202E"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE, U+2066"),
    ],
)
def test_each_kind_of_control_character_is_named(char, named):
    assert control_problem(f"Jo{char}") == f"contains a control character ({named}) at position 3; remove it"


@pytest.mark.parametrize("field", ["name", "clinician.name", "clinician.clinic", "clinician.contact"])
def test_a_name_is_one_line(field):
    assert problems(profile_with(field, "Jamie\nRivera")) == [
        f"p.yaml: {field}: 'Jamie\\nRivera' contains a line break (LF, U+000A) at position 6; write it on one line"
    ]


@pytest.mark.parametrize("field", ["goal", "clinician.notes"])
def test_a_goal_and_notes_may_run_over_several_lines_but_hold_no_other_control(field):
    parse_profile(profile_with(field, "Back to 10 km.\nThen a half marathon.\n"), "p.yaml")
    assert problems(profile_with(field, "Back\r\nto 10 km")) == [
        f"p.yaml: {field}: 'Back\\r\\nto 10 km' contains a control character (CR, U+000D) at position 5; remove it"
    ]


def test_letters_of_every_script_are_free_text():
    profile = parse_profile(profile_with("name", "Zoë Ōtsuka-Müller 山田 أحمد"), "p.yaml")
    assert profile.name == "Zoë Ōtsuka-Müller 山田 أحمد"


def test_a_check_in_note_refuses_control_characters_but_keeps_lines():
    assert parse_checkins({**CHECKIN, "note": "Stairs easier.\nHills still sore."}, "c.yaml")[0].note
    with pytest.raises(InvalidInput) as err:
        parse_checkins({**CHECKIN, "note": "ok\x1b]0;owned\x07"}, "c.yaml")
    assert err.value.lines()[1:] == [
        "c.yaml: note: 'ok\\x1b]0;owned\\x07' contains a control character (ESC, U+001B) at position 3; remove it"
    ]


def test_validate_refuses_the_name_and_prints_no_escape(write, cli):
    path = write(GOOD.replace("name: Test Runner", 'name: "\\e[2J\\e[31mall clear"'))
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert result.stderr.splitlines()[1] == (
        f"{path}: name: '\\x1b[2J\\x1b[31mall clear' contains a control character (ESC, U+001B) at position 1; "
        "remove it"
    )


def test_checkin_note_option_is_refused_with_the_option_named(cli, write, tmp_path):
    db = tmp_path / "r.db"
    cli("patient", "add", write(GOOD), "--db", db)
    result = cli(
        "checkin",
        "1",
        "--week",
        "1",
        "--sessions-done",
        "2",
        "--pain-next-morning",
        "1",
        "--note",
        "fine\x1b[2J",
        "--db",
        db,
    )
    assert result.exit_code == 2 and "\x1b" not in result.output
    assert result.stderr.splitlines()[1] == (
        "--note: 'fine\\x1b[2J' contains a control character (ESC, U+001B) at position 5; remove it"
    )


def test_error_messages_escape_what_they_quote(write, cli):
    """A key, a file name or a nested value holding ESC is shown escaped too."""
    path = write(GOOD + '"\\e[2Jbad": 1\nweaknesses: ["\\e[31m"]\n', "p\x1b[2J.yaml")
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert "p\\x1b[2J.yaml: \\x1b[2Jbad: 1 is not a known field" in result.stderr


def old_store(tmp_path):
    """A store with a patient whose name and check-in note hold control characters, as one made
    before they were refused may (written straight to the store, past the checks)."""
    db = tmp_path / "old.db"
    profile = json.loads(parse_profile({**yaml.safe_load(GOOD), "plan": {"weeks": 2}}, "p").model_dump_json())
    with Store.open(db) as store:
        patient = store.add_patient(ATTACK + "\nline\r\x00", json.dumps({**profile, "name": "Jo\nRay\x1b[2J"}))
        store.add_checkin(patient, 1, json.dumps({**CHECKIN, "note": "\x1b[31mred\u202e"}))
    return db


@pytest.mark.parametrize("command", [["patient", "list"], ["patient", "show", "1"], ["history", "1"]])
def test_stored_control_characters_are_printed_escaped(command, cli, write, tmp_path):
    db = old_store(tmp_path)
    assert cli("plan", "--patient", "1", "--db", db).exit_code == 0  # history shows a decided week's note
    result = cli(*command, "--db", db)
    assert result.exit_code == 0, result.output
    assert "\\x1b[2J\\x1b[31mall clear, no referral\\nline\\r\\x00" in result.stdout
    assert not any(c in result.output for c in "\x1b\r\x00\u202e")
    if command[0] == "history":
        assert "note: \\x1b[31mred\\u202e" in result.stdout


def test_a_stored_name_with_a_line_break_makes_a_calendar(cli, write, tmp_path):
    db = old_store(tmp_path)
    result = cli("plan", "--patient", "1", "--format", "ics", "--db", db)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    assert str(calendar["x-wr-calname"]) == "Knee plan: Jo\\nRay\\x1b[2J"
    assert b"\x1b" not in result.stdout_bytes


def test_printable_keeps_text_and_escapes_controls():
    assert printable("Zoë 山田, 5 km") == "Zoë 山田, 5 km"
    assert printable("a\x1b[2J\tb\u2028c\x85") == "a\\x1b[2J\\tb\\u2028c\\x85"
    assert printable("one\ntwo\r", newlines=True) == "one\ntwo\\r"
