"""Condition protocols, the ladder, red flags and the pain rule: complete and consistent."""

import pytest

from rehabplan.knowledge.protocols import (
    load_general_rules,
    load_ladder,
    load_pain_rule,
    load_protocols,
    load_red_flags,
)
from rehabplan.vocab import CONDITIONS, INJURY_CONDITIONS, RED_FLAGS

PHASES = {
    "patellofemoral_pain": ["settle", "build", "return"],
    "iliotibial_band_syndrome": ["minimal_load", "extension_loading", "flexion_loading", "return"],
    "patellar_tendinopathy": ["isometric", "isotonic", "energy_storage", "return_to_sport"],
    "knee_osteoarthritis": ["start", "build", "maintain"],
    "degenerative_meniscus": ["settle", "strength", "function"],
    "posterior_knee_pain": ["settle", "build", "return"],
    "prevention": ["foundation", "performance"],
}


def test_every_condition_has_a_protocol():
    assert list(load_protocols()) == list(CONDITIONS)


@pytest.mark.parametrize("name", CONDITIONS)
def test_protocol_shape(name):
    protocol = load_protocols()[name]
    assert [p.id for p in protocol.phases] == PHASES[name]
    for phase in protocol.phases:
        assert phase.exit or phase is protocol.phases[-1], f"{name}/{phase.id} has no exit criteria"
        lo, hi = phase.typical_weeks
        assert lo <= hi
    assert protocol.priority_targets and len(protocol.education) >= 2


def _rule(rules, rule_id):
    return next(r for r in rules if r.id == rule_id)


def test_condition_doses_from_the_clinical_rules():
    protocols = load_protocols()
    pfp = {d.target: d for d in protocols["patellofemoral_pain"].priority_targets}
    assert pfp["quadriceps"].min_sessions_per_week >= 2 and pfp["hip_abductors"].min_sessions_per_week >= 2
    itb = {d.target: d for d in protocols["iliotibial_band_syndrome"].priority_targets}
    assert itb["hip_abductors"].min_sessions_per_week >= 2 and itb["hip_abductors"].preferred_sessions_per_week >= 3
    pt = protocols["patellar_tendinopathy"]
    daily = [d for d in pt.priority_targets if d.contraction == "isometric"]
    assert daily and daily[0].min_sessions_per_week == 7 and daily[0].phases == ["isometric"]
    itb_terrain = protocols["iliotibial_band_syndrome"].running
    assert any(lim.terrain == ["flat"] and lim.last_week == 4 for lim in itb_terrain)
    meniscus = {d.target for d in protocols["degenerative_meniscus"].priority_targets}
    assert {"quadriceps", "balance"} <= meniscus


def test_only_an_injury_holds_running_back():
    """Profile.is_prevention reads vocab.INJURY_CONDITIONS; the protocols must agree: a condition
    that is no injury runs continuously in every phase, an injury has a phase that holds running back."""
    for name, protocol in load_protocols().items():
        holds_back = any(phase.running != "continuous" for phase in protocol.phases)
        assert holds_back == (name in INJURY_CONDITIONS), name


def test_walk_run_session_minutes_are_added_up_in_one_place():
    ladder = load_ladder()
    first, top = ladder.stages[0], ladder.stages[-1]
    assert (first.run_min, first.walk_min, ladder.warm_up_min, ladder.cool_down_min) == (1, 4, 10, 5)
    assert ladder.session_minutes(first, 3) == 10 + 3 * (1 + 4) + 5
    assert first.running_minutes(3) == 3 and top.running_minutes(top.repeats) == 30


def test_ladder_follows_the_return_to_run_rules():
    ladder = load_ladder()
    assert ladder.stages[-1].continuous and not any(s.continuous for s in ladder.stages[:-1])
    assert all(s.run_min <= 5 for s in ladder.stages[:4])  # R-RTR-07: short bouts first
    full = [s.running_minutes(s.repeats) for s in ladder.stages]
    assert full == sorted(full)
    rules = {r.id: r for r in ladder.rules}
    assert rules["R-RTR-03"].values["max_runs_per_7_days"] == 4
    assert rules["R-RTR-04"].values["min_completions_per_stage"] == 2
    assert rules["R-RTR-01"].values["walk_minutes"] == 30
    continuous = {r.id: r for r in ladder.continuous_rules}
    assert continuous["R-LD-01"].values["max_weekly_increase_pct"] == 10
    assert continuous["R-LD-02"].values["max_two_week_increase_pct"] == 30


def test_every_red_flag_has_an_urgent_enough_action():
    flags = load_red_flags()
    assert set(flags) == set(RED_FLAGS)
    assert flags["cannot_bear_weight"].urgency == "emergency"
    assert flags["hot_swollen_joint"].urgency == "emergency"
    assert flags["calf_swelling"].urgency == "urgent"
    assert flags["locking"].urgency == "urgent"


def test_emergency_numbers_and_health_lines_are_not_only_the_uks():
    """Why: a runner outside the UK reads "Call 999" as a number that does not work there."""
    for flag, info in load_red_flags().items():
        if "999" in info.action:
            assert "your local emergency number (999 / 112 / 911)" in info.action, flag
        if "NHS 111" in info.action:
            assert "such as NHS 111 in the UK" in info.action, flag


def test_pain_rule_covers_0_to_10_without_gaps():
    rule = load_pain_rule()
    covered = [n for z in rule.zones for n in range(z.low, z.high + 1)]
    assert covered == list(range(11))
    assert [rule.zone(n).name for n in (3, 4, 5, 6)] == ["green", "amber", "amber", "red"]


def test_nordic_table_and_general_rules():
    general = load_general_rules()
    table = general.nordic_table
    assert table[0]["sessions_per_week"] == 1 and table[0]["sets"] == 2 and table[0]["reps"] == 5
    assert max(row["sessions_per_week"] for row in table) == 3
    ids = {r.id for r in general.rules}
    assert {"R-ST-01", "R-ST-02", "R-LD-08", "R-NH-01", "R-DIS-01"} <= ids
    assert len(general.disclaimer) >= 4
