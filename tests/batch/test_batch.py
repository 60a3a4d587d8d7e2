"""`rehabplan batch`: a folder of profiles to a folder of plans, in parallel processes; bad
profiles are collected into the summary and never stop the batch (exit 1 if any failed)."""

import json
import os
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from rehabplan import api
from rehabplan.batch import run as batch
from rehabplan.batch.jobs import ItemResult, Job
from rehabplan.batch.pool import run_in_pool
from rehabplan.batch.run import run_batch
from rehabplan.cli import main
from rehabplan.cli.cmd_batch import batch as batch_command  # importing it registers `batch` on main
from tests.support import GOOD

EXAMPLES = [
    "runners_knee",
    "it_band",
    "jumpers_knee",
    "knee_oa",
    "meniscus",
    "behind_knee",
    "healthy_runner",
    "clinic_handout",
]
FIRST_MONDAY = date(2026, 11, 23)
BAD_FIELD = GOOD + "plan: {start: 2026-11-23, weeks: 2}\navailability_days: 3\n"
MALFORMED = "name: Broken Profile\nconditions: [patellofemoral_pain\nside: right\n"


def run(*args):
    """Run the CLI in-process; a crash (anything but a clean exit) fails the test at once."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def good_profile(i: int, weeks: int = 2) -> dict:
    """Example ``i % 8`` with its own name and start date."""
    data = yaml.safe_load(api.example_path(EXAMPLES[i % len(EXAMPLES)]).read_text(encoding="utf-8"))
    data["name"] = f"Patient {i:02d}"
    data["plan"] = {"weeks": weeks, "start": (FIRST_MONDAY + timedelta(weeks=i // len(EXAMPLES))).isoformat()}
    return data


def write_profile(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    if path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Path:
    """20 good profiles (YAML, .yml and JSON; one with a red flag) and 2 bad ones."""
    folder = tmp_path_factory.mktemp("clinic") / "profiles"
    folder.mkdir()
    for i in range(20):
        data = good_profile(i)
        if i == 7:
            data["red_flags"] = ["night_pain"]
        write_profile(folder, f"patient_{i:02d}" + (".json", ".yml", ".yaml")[i % 3], data)
    (folder / "bad_field.yaml").write_text(BAD_FIELD, encoding="utf-8")
    (folder / "malformed.yaml").write_text(MALFORMED, encoding="utf-8")
    (folder / "notes.txt").write_text("not a profile\n", encoding="utf-8")
    (folder / ".patient_99.yaml").write_text("editor backup\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def json_batch(clinic: Path):
    """The clinic folder to JSON with one job (in this process)."""
    out = clinic.parent / "out-1"
    return out, run("batch", clinic, "-o", out, "--format", "json", "--jobs", "1")


def test_the_command_is_registered():
    assert main.commands["batch"] is batch_command


def test_twenty_plans_and_a_summary_naming_the_two_failures(clinic, json_batch):
    out, result = json_batch
    assert result.exit_code == 1, result.stderr
    plans = sorted(p.name for p in out.glob("patient_*"))
    assert plans == [f"patient_{i:02d}.json" for i in range(20)]
    assert not (out / "bad_field.json").exists() and not (out / "malformed.json").exists()

    summary = (out / "batch-summary.txt").read_text(encoding="utf-8")
    assert summary.splitlines()[1] == "20 plans written (1 referral), 2 failed"
    assert "FAILED    bad_field.yaml\n" in summary
    assert (
        f"    {clinic}/bad_field.yaml: 1 problem in the profile\n"
        f"    {clinic}/bad_field.yaml: availability_days: 3 is not a known field; did you mean availability?\n"
    ) in summary
    assert (
        f"FAILED    malformed.yaml\n    {clinic}/malformed.yaml: line 3, column 5: not valid YAML "
        "(did not find expected ',' or ']'); fix the syntax there\n"
    ) in summary
    assert "ok        patient_00.json -> patient_00.json\n" in summary
    assert "referral  patient_07.yml -> patient_07.json\n" in summary
    assert "internal error" not in summary

    data = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert (data["total"], data["written"], data["referrals"], data["failed"]) == (22, 20, 1, 2)
    assert [p["profile"] for p in data["profiles"]][:3] == ["bad_field.yaml", "malformed.yaml", "patient_00.json"]
    failed = {p["profile"]: p["messages"] for p in data["profiles"] if p["status"] == "failed"}
    assert set(failed) == {"bad_field.yaml", "malformed.yaml"}
    assert any("availability_days" in line for line in failed["bad_field.yaml"])

    err = result.stderr
    assert "FAILED bad_field.yaml\n" in err and "FAILED malformed.yaml\n" in err
    assert f"  {clinic}/malformed.yaml: line 3" in err
    assert "REFERRAL patient_07.yml: referral (" in err
    assert err.rstrip().endswith(f"20 plans written to {out}/ (1 referral), 2 failed: see {out}/batch-summary.txt")
    assert result.stdout == ""


def test_two_jobs_write_the_same_bytes_as_one(clinic, json_batch):
    one, _ = json_batch
    two = clinic.parent / "out-2"
    result = run("batch", clinic, "-o", two, "--format", "json", "--jobs", "2")
    assert result.exit_code == 1, result.stderr
    names = sorted(p.name for p in one.iterdir())
    assert sorted(p.name for p in two.iterdir()) == names
    for name in names:
        if name not in ("batch-summary.json", "batch-summary.txt"):
            assert (two / name).read_bytes() == (one / name).read_bytes(), name
    summary = lambda folder: {**json.loads((folder / "batch-summary.json").read_text()), "out_dir": None}  # noqa: E731
    assert summary(two) == summary(one)


@pytest.mark.parametrize("i", [0, 1, 7, 9, 19])
def test_json_plans_equal_rehabplan_plan(clinic, json_batch, i):
    out, _ = json_batch
    profile = next(clinic.glob(f"patient_{i:02d}.*"))
    single = run("plan", profile, "--format", "json")
    assert single.exit_code == 0, single.stderr
    assert (out / f"patient_{i:02d}.json").read_bytes() == single.stdout_bytes


def test_pdf_batch_writes_readable_handouts(tmp_path):
    from pypdf import PdfReader

    folder = tmp_path / "profiles"
    folder.mkdir()
    for i in (3, 7):
        write_profile(folder, f"p{i}.yaml", good_profile(i, weeks=1))
    out = tmp_path / "handouts"
    result = run("batch", folder, "-o", out, "--jobs", "2", "--paper", "a4")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.rstrip().endswith(f"2 plans written to {out}/; summary in {out}/batch-summary.txt")
    for i in (3, 7):
        data = (out / f"p{i}.pdf").read_bytes()
        assert data.startswith(b"%PDF")
        reader = PdfReader(out / f"p{i}.pdf")
        assert len(reader.pages) >= 2
        assert f"Patient {i:02d}" in reader.pages[0].extract_text()


def test_ics_batch_passes_the_format_through(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder, "cal.yaml", good_profile(1, weeks=1))
    result = run("batch", folder, "-o", tmp_path / "out", "--format", "ics", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "out" / "cal.ics").read_bytes()
    assert written == run("plan", folder / "cal.yaml", "--format", "ics").stdout_bytes
    assert written.startswith(b"BEGIN:VCALENDAR")


def test_output_folder_is_created_and_the_in_process_batch_exits_0(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder, "only.yaml", good_profile(0, weeks=1))
    out = tmp_path / "new" / "nested"
    result = run("batch", folder, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "only.json").read_text())["profile"]["name"] == "Patient 00"
    assert f"1 plan written to {out}/; summary in" in result.stderr
    assert (out / "batch-summary.txt").read_text().startswith(f"rehabplan batch: 1 profile from {folder} to {out} ")


@pytest.mark.parametrize(
    "args, message",
    [
        (["{missing}", "-o", "{out}"], "{missing}: no such folder; give the folder that holds the profile files"),
        (
            ["{empty}", "-o", "{out}"],
            "{empty}: holds no profile files (*.yaml, *.yml or *.json); give the folder that holds them",
        ),
        (["{file}", "-o", "{out}"], "{file}: is a file, not a folder"),
        (["{one}", "-o", "{one}"], "-o {one}: is the profiles folder; give another folder"),
        (["{one}", "-o", "{file}"], "-o {file}: is a file; give a folder for the plans"),
        (["{one}", "-o", "{out}", "--jobs", "0"], "Invalid value for '--jobs': 0 is not in the range x>=1."),
    ],
)
def test_bad_requests_exit_2(tmp_path, args, message):
    names = {
        "missing": tmp_path / "missing",
        "empty": tmp_path / "empty",
        "file": tmp_path / "file.yaml",
        "one": tmp_path / "one",
        "out": tmp_path / "out",
    }
    names["empty"].mkdir()
    names["file"].write_text(GOOD, encoding="utf-8")
    names["one"].mkdir()
    write_profile(names["one"], "a.yaml", good_profile(0, weeks=1))
    result = run("batch", *[a.format(**names) for a in args])
    assert result.exit_code == 2
    assert message.format(**names) in result.stderr
    assert not names["out"].exists()


def test_colliding_output_names_fail_the_second_profile(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder, "a.json", good_profile(0, weeks=1))
    write_profile(folder, "A.yaml", good_profile(1, weeks=1))
    write_profile(folder, "batch-summary.yaml", good_profile(2, weeks=1))
    out = tmp_path / "out"
    result = run_batch(folder, out, "json", "a4", jobs=1)
    by_name = {item.profile: item for item in result.items}
    assert [i.profile for i in result.items] == ["A.yaml", "a.json", "batch-summary.yaml"]
    assert by_name["A.yaml"].status == "ok" and (out / "A.json").exists()
    assert by_name["a.json"].messages == (
        "a.json: its plan would be written to a.json, which is already the plan of A.yaml; rename the profile file",
    )
    assert by_name["batch-summary.yaml"].messages == (
        "batch-summary.yaml: its plan would be written to batch-summary.json, which is the batch summary; "
        "rename the profile file",
    )
    assert json.loads((out / "batch-summary.json").read_text())["failed"] == 2


def test_a_bug_is_recorded_as_an_internal_error_and_the_batch_goes_on(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name in ("a", "b", "c"):
        write_profile(folder, f"{name}.yaml", good_profile(0, weeks=1))
    real = api.build_plan

    def buggy(profile, checkins=None):
        if profile.plan.weeks == 1 and buggy.calls == 1:
            buggy.calls += 1
            raise KeyError("week")
        buggy.calls += 1
        return real(profile, checkins)

    buggy.calls = 0
    monkeypatch.setattr(api, "build_plan", buggy)
    result = run_batch(folder, tmp_path / "out", "json", "a4", jobs=1)
    assert [i.status for i in result.items] == ["ok", "failed", "ok"]
    assert result.items[1].messages == ("internal error: KeyError: 'week'",)
    assert "Traceback" in result.items[1].detail
    summary = (tmp_path / "out" / "batch-summary.txt").read_text()
    assert "    internal error: KeyError: 'week'\n    | Traceback (most recent call last):" in summary


def test_progress_is_reported_once_per_profile(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name in ("b", "a"):
        write_profile(folder, f"{name}.yaml", good_profile(0, weeks=1))
    (folder / "c.yaml").write_text(MALFORMED, encoding="utf-8")
    seen = []
    run_batch(folder, tmp_path / "out", "json", "a4", jobs=1, progress=lambda *args: seen.append(args))
    assert seen == [(0, 3, ""), (1, 3, "a.yaml"), (2, 3, "b.yaml"), (3, 3, "c.yaml")]


# ---- a worker that dies --------------------------------------------------------------------------
# These run in worker processes, so they live at module level (the workers import this module).


def _no_set_up() -> None:
    pass


def _dies_on_crash(job: Job) -> ItemResult:
    if job.profile.name == "crash.yaml":
        os._exit(3)
    return ItemResult(job.profile.name, "ok", job.output.name)


def _always_dies(job: Job) -> ItemResult:
    os._exit(3)


def _run(task, names: list[str]) -> dict[int, ItemResult]:
    todo = [(i, Job(Path(name), Path(name).with_suffix(".json"), "json", "a4")) for i, name in enumerate(names)]
    results: dict[int, ItemResult] = {}
    run_in_pool(todo, 2, task, _no_set_up, (), results.__setitem__)
    return results


def test_a_worker_that_dies_fails_only_its_own_profile():
    names = ["a.yaml", "b.yaml", "crash.yaml", "d.yaml", "e.yaml", "f.yaml"]
    results = _run(_dies_on_crash, names)
    assert sorted(results) == list(range(6))
    assert [results[i].status for i in range(6)] == ["ok", "ok", "failed", "ok", "ok", "ok"]
    assert results[2].messages[0].startswith("internal error: the worker process died while building this plan")


def test_workers_that_always_die_stop_the_retries():
    results = _run(_always_dies, [f"{i}.yaml" for i in range(30)])
    assert sorted(results) == list(range(30))
    assert all(r.failed for r in results.values())
    assert sum("not built" in r.messages[0] for r in results.values()) >= 20


def test_default_jobs_is_the_usable_cpus():
    assert batch.default_jobs() == len(os.sched_getaffinity(0))


def test_the_summary_lists_every_profile_in_name_order(clinic, json_batch):
    out, _ = json_batch
    lines = (out / "batch-summary.txt").read_text().splitlines()
    listed = [line.split()[1] for line in lines[3:] if not line.startswith("    ")]
    assert listed == sorted(
        p.name for p in clinic.iterdir() if p.suffix in (".yaml", ".yml", ".json") and not p.name.startswith(".")
    )


def test_examples_folder_copied_as_is(tmp_path):
    """The bundled examples (no start date: the next Monday) all plan in one batch."""
    folder = tmp_path / "examples"
    shutil.copytree(api.example_path("runners_knee").parent, folder)
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^  weeks: \d+$", "  weeks: 1", text), encoding="utf-8")
    result = run_batch(folder, tmp_path / "out", "json", "a4", jobs=2)
    assert [i.status for i in result.items] == ["ok"] * len(EXAMPLES)
    assert result.jobs == 2
