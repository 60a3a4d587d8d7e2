"""Whatever people write, the commands that read it answer with an exit code and words, never a
traceback, a hang or a control character on the terminal.

Arbitrary text, YAML-looking text and structured-but-wrong documents (every field given values
of every shape: control characters, deep nesting, aliases, alias bombs) go through `validate`,
`plan`, `checkin --file` and `plan --checkins`, in-process. Each test has a quick run (the default)
and a long twin marked ``slow`` (`pytest -m slow`).
"""

import functools
import json
import re

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehabplan.cli import main
from rehabplan.intake.checkin import CheckIn
from rehabplan.intake.profile import Profile
from tests.support import GOOD

QUICK, LONG = 25, 600
# What must never reach a terminal: C0 controls but the line break, DEL, C1, bidi overrides.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
CHECKIN = {"week": 1, "sessions_done": 3, "pain_next_morning": 1}


def run(*args) -> None:
    """Run the CLI in-process: any outcome but a clean exit with words fails."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert not UNSAFE.search(result.stderr), result.stderr
    if args[0] != "plan":  # plan's standard output is the JSON document
        assert not UNSAFE.search(result.stdout), result.stdout


# ---- what people write ------------------------------------------------------------------------

YAML_BITS = [
    "name:",
    "age: 34",
    "conditions: [",
    "]",
    "{",
    "}",
    "- ",
    "\n",
    "  ",
    ": ",
    "&a ",
    "*a",
    "!!int ",
    "!!str ",
    "!!binary ",
    "? ",
    '"\\e[2J"',
    "'",
    "#",
    "|\n  ",
    ">\n  ",
    "---\n",
    "...",
    "<<: ",
    "2026-11-23",
    "week: 1",
    "note: ",
    "\x1b",
    "\x00",
    "\r",
    "\u202e",
    "0b1",
    "1e400",
    ".nan",
    "~",
    "%YAML 1.1\n",
    "9" * 5000,
]
texts = st.text() | st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=4), max_size=40).map("".join)

strings = st.text(max_size=12) | st.sampled_from(
    [
        "\x1b[2J\x1b[31mall clear",
        "Jo\nRay",
        "a\rb",
        "\x00",
        "\u202eabc",
        "x" * 1001,
        "",
        "9999-12-27",
        "2026-11-23",
        "18:00",
    ]
)
scalars = st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats() | strings
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(strings, inner, max_size=3), max_leaves=10
)


def nested(depth: int, leaf=1):
    for _ in range(depth):
        leaf = [leaf]
    return leaf


def bomb(levels: int, width: int):
    """A value that is one list repeated ``width`` times per level: YAML writes it with aliases."""
    return functools.reduce(lambda inner, _: [inner] * width, range(levels), ["lol"])


shapes = values | st.integers(20, 120).map(nested) | st.builds(bomb, st.integers(1, 12), st.integers(2, 9))


def document(base: dict, fields: list[str]):
    """``base`` with some fields (dotted for nested ones) replaced, added or removed."""

    def build(changes: dict, removed: list[str]) -> dict:
        data = json.loads(json.dumps(base))
        for path, value in changes.items():
            *heads, last = path.split(".")
            place = data
            for head in heads:
                if not isinstance(place.get(head), dict):
                    place[head] = {}
                place = place[head]
            place[last] = value
        for path in removed:
            data.pop(path.split(".")[0], None)
        return data

    return st.builds(
        build,
        st.dictionaries(st.sampled_from(fields) | strings, shapes, max_size=4),
        st.lists(st.sampled_from(fields), max_size=2),
    )


PROFILE_FIELDS = sorted(Profile.model_fields) + [
    "pain.at_rest",
    "pain.during_run",
    "availability.mon",
    "availability.sat",
    "running.baseline_weekly_minutes",
    "plan.start",
    "plan.weeks",
    "plan.session_time",
    "clinician.name",
    "clinician.notes",
    "clinician.logo",
]
profiles = document({**yaml.safe_load(GOOD), "plan": {"start": "2026-11-23", "weeks": 1}}, PROFILE_FIELDS)
checkins = document(CHECKIN, sorted(CheckIn.model_fields))


def size(value, budget: int = 10_000) -> int:
    """How many values ``value`` holds, counting a repeated one each time (at most ``budget``)."""
    count = 1
    for inner in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        count += size(inner, budget - count)
        if count >= budget:
            break
    return count


def as_file(data) -> st.SearchStrategy[tuple[str, str]]:
    """(file text, suffix): YAML, its repeated values written as aliases; JSON as well when small."""
    text = yaml.dump(data, allow_unicode=True, width=10**6)
    if size(data) >= 10_000:
        return st.just((text, ".yaml"))
    return st.sampled_from([(text, ".yaml"), (json.dumps(data), ".json")])


profile_files = st.tuples(texts, st.sampled_from([".yaml", ".json"])) | profiles.flatmap(as_file)
checkin_files = (
    st.tuples(texts, st.sampled_from([".yaml", ".json"]))
    | checkins.flatmap(as_file)
    | st.lists(checkins, max_size=3).flatmap(as_file)
)


# ---- the commands ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A folder with a good profile and a store holding one patient."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "good.yaml").write_text(GOOD + "plan: {start: 2026-11-23, weeks: 2}\n", encoding="utf-8")
    run("patient", "add", folder / "good.yaml", "--db", folder / "r.db")
    return folder


def write(folder, text: str, suffix: str, stem: str):
    path = folder / f"{stem}{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def check_profile(place, file) -> None:
    path = write(place, *file, "profile")
    run("validate", path)
    run("plan", path, "--format", "json", "--weeks", "1")


def check_checkins(place, file) -> None:
    path = write(place, *file, "checkin")
    run("checkin", "1", "--file", path, "--db", place / "r.db")
    run("plan", place / "good.yaml", "--checkins", path, "--format", "json")


def fuzz(check, strategy, examples: int):
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(file=strategy)
    def test(place, file):
        check(place, file)

    return test


test_any_profile_file_gets_words = fuzz(check_profile, profile_files, QUICK)
test_any_checkin_file_gets_words = fuzz(check_checkins, checkin_files, QUICK)
test_any_profile_file_gets_words_long = pytest.mark.slow(fuzz(check_profile, profile_files, LONG))
test_any_checkin_file_gets_words_long = pytest.mark.slow(fuzz(check_checkins, checkin_files, LONG))
