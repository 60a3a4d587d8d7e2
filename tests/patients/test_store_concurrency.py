"""Several processes writing at once lose nothing; a writer killed mid-write leaves a sound database.

Each worker is a separate Python process (subprocess), as concurrent CLI invocations would be.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from rehabplan.patients.records import stored_profile
from rehabplan.patients.store import Store
from tests.support import GOOD

ROOT = Path(__file__).resolve().parents[2]

# Waits for a common start time, then records its own patient and 50 weekly check-ins.
WRITER = """
import json, sys, time
from pathlib import Path
from rehabplan.patients.store import Store

path, name, count, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
with Store.open(path) as store:  # several processes may create and migrate the file together
    patient = store.add_patient(name, json.dumps({"name": name}))
    for week in range(1, count + 1):
        store.add_checkin(patient, week, json.dumps({"who": name, "week": week}))
        time.sleep(0.001)  # let the others in between, so the writes interleave
"""

# Writes check-ins (replacing earlier ones) and plans until killed; says "go" once it is writing.
FOREVER = """
import sys
from pathlib import Path
from rehabplan.patients.store import Store

sys.path.insert(0, sys.argv[3])
from test_store_concurrency import checkin_json, plan_json

with Store.open(Path(sys.argv[1])) as store:
    patient = int(sys.argv[2])
    seq = 0
    while True:
        row = store.add_checkin(patient, seq % 7 + 1, checkin_json(patient, seq), replace=True)
        if seq % 5 == 4:
            store.add_plan(patient, 1, plan_json(patient, seq), [row.id])
        if seq == 3:
            print("go", flush=True)
        seq += 1
"""


def checkin_json(patient: int, seq: int) -> str:
    """What the killed writer records as check-in ``seq``: easy to recognise, varied in size."""
    return json.dumps({"patient": patient, "seq": seq, "note": "knee " * (seq % 40)})


def plan_json(patient: int, seq: int) -> str:
    """A plan large enough to span several pages, so a kill can land mid-write."""
    return json.dumps({"patient": patient, "seq": seq, "weeks": [{"n": n, "x": "run " * 50} for n in range(100)]})


def python(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", *args], cwd=ROOT, env=env, **kwargs)


def test_four_writers_at_once_lose_nothing(tmp_path):
    path = tmp_path / "rehabplan.db"  # does not exist yet: the writers race to create it too
    start = time.time() + 1.5
    names = ["w0", "w1", "w2", "w3"]
    workers = [python(WRITER, str(path), name, "50", str(start)) for name in names]
    assert [w.wait(timeout=60) for w in workers] == [0, 0, 0, 0]

    with Store.open(path) as store:
        patients = store.patients()
        assert sorted(p.name for p in patients) == names
        total = 0
        for patient in patients:
            rows = store.checkins(patient.id, include_superseded=True)
            assert [json.loads(r.checkin_json) for r in rows] == [
                {"who": patient.name, "week": week} for week in range(1, 51)
            ]
            total += len(rows)
        assert total == 200
        assert store.integrity_check() == []


def test_a_writer_killed_mid_write_leaves_whole_rows_or_none(tmp_path):
    path = tmp_path / "rehabplan.db"
    rng = random.Random(20261123)
    with Store.open(path) as store:
        patients = [store.add_patient(f"p{n}", "{}") for n in range(5)]
    for patient in patients:
        writer = python(FOREVER, str(path), str(patient), str(Path(__file__).parent), stdout=subprocess.PIPE)
        try:
            assert writer.stdout.readline() == b"go\n"
            time.sleep(rng.uniform(0.05, 0.4))
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=10)
            writer.stdout.close()
        assert writer.returncode == -signal.SIGKILL

        with Store.open(path) as store:
            assert store.integrity_check() == []
            history = store.checkins(patient, include_superseded=True)
            seqs = sorted(json.loads(row.checkin_json)["seq"] for row in history)
            assert seqs == list(range(len(seqs))) and len(seqs) >= 4  # no gaps: each one whole or absent
            for row in history:
                seq = json.loads(row.checkin_json)["seq"]
                assert row.checkin_json == checkin_json(patient, seq) and row.week == seq % 7 + 1
            assert len(store.checkins(patient)) == min(7, len(seqs))  # one current per week
            plans = store.plans(patient)
            planned = list(range(4, len(seqs), 5))
            if planned and planned[-1] == len(seqs) - 1 and len(plans) == len(planned) - 1:
                planned.pop()  # killed between the check-in and its plan: two transactions
            assert [json.loads(p.plan_json)["seq"] for p in plans] == planned
            for plan in plans:
                assert plan.plan_json == plan_json(patient, json.loads(plan.plan_json)["seq"])


# Waits for a common start time, then issues the same plan as the other processes.
ISSUER = """
import sys, time
from pathlib import Path
from rehabplan.patients import records

path, start = Path(sys.argv[1]), float(sys.argv[2])
inputs = records.plan_inputs(path, 1)
time.sleep(max(0.0, start - time.time()))
issued = records.issue_plan(path, 1, inputs, sys.argv[3])
print(issued.version, issued.new)
"""


def test_the_same_plan_issued_by_four_processes_at_once_is_stored_once(tmp_path, write):
    """Concurrent `plan --patient` runs build byte-identical plans: "unchanged" is decided inside
    the write transaction, so only the first stores it."""
    path = tmp_path / "rehabplan.db"
    with Store.open(path) as store:
        store.add_patient("Ann", stored_profile(write(GOOD)).model_dump_json())
    plan = json.dumps({"weeks": [{"n": n, "x": "run " * 50} for n in range(50)]})
    start = time.time() + 2.0
    workers = [python(ISSUER, str(path), str(start), plan, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    answers = sorted(w.communicate(timeout=60)[0].split() for w in workers)
    assert [w.returncode for w in workers] == [0, 0, 0, 0]
    assert answers == [["1", "False"]] * 3 + [["1", "True"]]
    with Store.open(path) as store:
        assert [p.version for p in store.plans(1)] == [1]
