"""Roles, session templates and the clinical text around them, as data (docs/library.md):
every reference resolves, ladders climb, slots fit their session, the condition doses of the
issue "Prescriptions a physiotherapist would write" are in the data, whys name no condition and
age advice reaches only older people."""

import pytest
from pydantic import ValidationError

from rehabplan.api import example_path
from rehabplan.intake.profile import load_profile, parse_profile
from rehabplan.knowledge.catalog import load_catalog
from rehabplan.knowledge.lint import check_library
from rehabplan.knowledge.protocols import load_general_rules, load_protocols
from rehabplan.knowledge.roles import SessionTemplate, ladder_ids, load_roles, rung_of
from rehabplan.vocab import CONDITIONS, INTENSITY_LEVELS, ROLES, WEAKNESSES

NEW_EXERCISES = ("drop_landing", "lateral_hop", "cutting_drill", "leg_extension", "leg_extension_isometric")
KIND_FITS = {
    "strength": lambda ex: ex.kind in ("strength", "balance"),
    "isometric": lambda ex: ex.kind == "strength" and ex.contraction == "isometric",
    "plyometric": lambda ex: ex.kind == "plyometric",
}


def templates():
    return [(name, t) for name, p in load_protocols().items() for t in p.sessions]


def slot(condition: str, template: str, role: str):
    found = next(t for t in load_protocols()[condition].sessions if t.id == template)
    return next(s for s in found.slots if s.role == role)


def test_every_role_is_in_roles_yaml_in_vocabulary_order():
    assert list(load_roles()) == list(ROLES)
    assert ROLES == (
        "hip_abduction",
        "hip_external_rotation",
        "hip_extension",
        "quadriceps_isometric",
        "quadriceps_open_chain",
        "quadriceps_closed_chain",
        "hamstring",
        "hamstring_eccentric",
        "calf",
        "trunk",
        "balance",
        "energy_storage",
        "landing",
    )


def test_role_ladders_exist_and_climb():
    """Checked independently of library.py: no rung is easier (by intensity level) than the one before."""
    catalog = load_catalog()
    for name, role in load_roles().items():
        assert all(ex in catalog for ex in ladder_ids(role.ladder)), name
        levels = [min(INTENSITY_LEVELS.index(catalog.get(e).intensity_level) for e in rung) for rung in role.ladder]
        assert levels == sorted(levels), (name, role.ladder)


def test_every_weak_area_maps_to_exactly_one_role():
    roles = load_roles()
    for weakness in WEAKNESSES:
        assert [n for n, r in roles.items() if weakness in r.weakness] != [], weakness
        assert len([n for n, r in roles.items() if weakness in r.weakness]) == 1, weakness


def test_every_slot_role_phase_and_ladder_resolves_and_fits_its_session():
    catalog, roles = load_catalog(), load_roles()
    for name, template in templates():
        phases = {p.id for p in load_protocols()[name].phases}
        assert set(template.phases) <= phases, (name, template.id)
        assert 1 <= len(template.slots) <= 6
        for s in template.slots:
            assert s.role in roles
            ladder = s.ladder or roles[s.role].ladder
            for ex_id in ladder_ids(ladder):
                assert KIND_FITS[template.type](catalog.get(ex_id)), (name, template.id, ex_id)
            for start in [s.start, *s.phase_start.values()]:
                assert start is None or rung_of(ladder, start) is not None, (name, template.id, start)
            assert s.why and (s.source or template.source)


def test_every_condition_has_session_templates_with_sources():
    for name in CONDITIONS:
        protocol = load_protocols()[name]
        assert protocol.sessions, name
        covered = {ph for t in protocol.sessions for ph in t.phases}
        assert covered == {p.id for p in protocol.phases}, name
        for template in protocol.sessions:
            assert template.rule.startswith("R-") and template.source and template.why


def test_patellofemoral_hip_and_knee_in_every_phase():
    pfp = load_protocols()["patellofemoral_pain"]
    for phase in pfp.phases:
        roles = {s.role for t in pfp.templates(phase.id) for s in t.slots}
        assert {"hip_abduction", "quadriceps_closed_chain"} <= roles
        assert all(t.per_week.min >= 2 for t in pfp.templates(phase.id))
    quads = slot("patellofemoral_pain", "hip_and_knee", "quadriceps_closed_chain")
    assert quads.ladder[0] == ["straight_leg_raise"] and quads.phase_start["build"] == "mini_squat"


def test_it_band_hip_three_times_a_week_then_knee_flexion_then_running():
    itb = load_protocols()["iliotibial_band_syndrome"]
    hip = itb.sessions[0]
    assert hip.phases == [p.id for p in itb.phases] and (hip.per_week.min, hip.per_week.preferred) == (3, 3)
    assert (hip.counts("return").min, hip.counts("flexion_loading").min) == (2, 3)  # twice once back to running
    assert slot("iliotibial_band_syndrome", "hip", "quadriceps_closed_chain").phases == ["flexion_loading", "return"]
    last = itb.phases[-1]
    assert last.id == "return" and last.running == "continuous"
    assert last.entry[0].source and last.exit[0].min_weeks_in_phase == 2


def test_tendon_stages_follow_the_protocol():
    pt = load_protocols()["patellar_tendinopathy"]
    by_id = {t.id: t for t in pt.sessions}
    holds = by_id["holds"]
    assert holds.type == "isometric" and holds.every_free_day and holds.apart_from == ["heavy_slow"]
    hold = holds.slots[0].dose[-1]
    assert (hold.sets, hold.hold_s, hold.rest_s, hold.effort_rpe) == (5, 45, 120, 7)
    heavy = by_id["heavy_slow"]
    assert (heavy.per_week.min, heavy.per_week.max) == (3, 3) and heavy.min_hours_apart == 48
    assert heavy.phases == ["isotonic"]
    hsr = slot("patellar_tendinopathy", "heavy_slow", "quadriceps_closed_chain")
    assert [(d.sets, d.reps) for d in hsr.dose] == [(4, 15), (4, 12), (4, 10), (4, 8), (4, 6)]
    assert {(d.rest_s, d.tempo) for d in hsr.dose} == {(120, "3-0-3")}
    assert hsr.ladder[0][0] == "leg_press" and "eccentric_step_down" not in ladder_ids(hsr.ladder)
    jumps = by_id["jumps"]
    assert jumps.min_hours_apart == 72 and jumps.slots[0].picks == 2
    assert (jumps.slots[0].dose[-1].sets, jumps.slots[0].dose[-1].reps, jumps.slots[0].dose[-1].rest_s) == (3, 10, 120)
    assert by_id["heavy_slow_keep"].per_week.min == 2 and by_id["heavy_slow_keep"].slots == heavy.slots
    landing = by_id["landing"]
    assert landing.when == "jumping_sport" and landing.phases == ["return_to_sport"] and landing.min_hours_apart == 72
    assert {"drop_landing", "lateral_hop", "cutting_drill"} <= set(ladder_ids(load_roles()["landing"].ladder))


def test_arthritis_meniscus_posterior_and_prevention_templates():
    oa = {s.role: s for s in load_protocols()["knee_osteoarthritis"].sessions[0].slots}
    assert {"quadriceps_closed_chain", "hip_abduction", "hip_extension", "balance"} <= set(oa)
    assert oa["quadriceps_open_chain"].when == "age_65_plus"
    meniscus = {s.role for s in load_protocols()["degenerative_meniscus"].sessions[0].slots}
    assert {"quadriceps_closed_chain", "hamstring", "balance"} <= meniscus
    ham = slot("posterior_knee_pain", "back_of_knee", "hamstring")
    assert ladder_ids(ham.ladder)[:2] == ["isometric_heel_dig", "hamstring_curl"]
    assert "nordic_hamstring_curl" not in ladder_ids(ham.ladder)  # R-POST-01
    nordic = next(t for t in load_protocols()["prevention"].sessions if t.id == "nordic")
    assert nordic.equipment == ["nordic_anchor"] and nordic.min_hours_apart == 48
    assert nordic.slots[0].dose_table == "nordic" and nordic.per_week.max == 3
    assert load_general_rules().nordic_row(1)["sessions_per_week"] == 1


def test_the_walk_test_gates_running_only():
    for name, protocol in load_protocols().items():
        for phase in protocol.phases:
            for criterion in phase.entry + phase.exit:
                assert criterion.needs_walk_30min == (criterion.gate == "running"), (name, phase.id)


def test_education_topics_each_with_a_source():
    needed = {
        "patellofemoral_pain": {"step_rate", "hip_and_knee"},
        "iliotibial_band_syndrome": {"step_rate"},
        "knee_osteoarthritis": {"activity_safe"},
    }
    for name, protocol in load_protocols().items():
        topics = {e.topic for e in protocol.education}
        assert {"what", "load", "time_course"} | needed.get(name, set()) <= topics, name
        assert all(e.source and e.heading for e in protocol.education)
    for name in ("patellofemoral_pain", "iliotibial_band_syndrome"):
        step = next(e for e in load_protocols()[name].education if e.topic == "step_rate")
        assert "5 to 10 %" in step.text
    safe = [e.text for e in load_protocols()["knee_osteoarthritis"].education if e.topic == "activity_safe"]
    assert any("settles" in t for t in safe)


def test_whys_are_generic_and_condition_reasons_go_to_why_for():
    catalog = load_catalog()
    assert all("arthritis" not in ex.why.lower() for ex in catalog)
    sit = catalog.get("sit_to_stand")
    assert "arthritis" in sit.why_for_conditions(["knee_osteoarthritis"])
    assert sit.why_for_conditions(["patellar_tendinopathy"]) == sit.why


def test_age_advice_is_data_not_text():
    rule = load_general_rules().rule("R-MOB-02")
    for ex in load_catalog():
        for dose in ex.dosage:
            assert "aged" not in dose.load_guidance.lower() and "65" not in dose.load_guidance, ex.id
            if dose.older_adults:
                assert dose.older_adults.from_age == rule.values["from_age"] and dose.hold_s
        assert "over 65" not in ex.progression_rule.lower()
    hamstring = load_catalog().get("hamstring_stretch")
    assert [d.older_adults.hold_s for d in hamstring.dosage] == [30, 45, 60]


def test_new_exercises_are_complete_slot_only_and_on_a_ladder():
    catalog, roles = load_catalog(), load_roles()
    on_ladders = {e for r in roles.values() for e in ladder_ids(r.ladder)}
    for ex_id in NEW_EXERCISES:
        ex = catalog.get(ex_id)
        assert ex.figure is not None and ex.slot_only and ex_id in on_ladders
        assert ex.sources and len(ex.instructions) >= 3 and ex.dosage


def test_the_engine_does_not_pick_slot_only_exercises_yet():
    from rehabplan.problem.build import build_problem, week_problem
    from rehabplan.problem.state import initial_state

    profile = load_profile(example_path("jumpers_knee"))
    problem = build_problem(profile)
    week = week_problem(problem, initial_state(len(profile.conditions)))
    assert not {c.id for c in week.candidates} & set(NEW_EXERCISES)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"slots": [{"role": "calf", "priority": 1, "why": "Calves.", "ladder": ["calf_raise"], "start": "squat"}]},
            "start 'squat' is not on the slot's ladder",
        ),
        ({"per_week": {"min": 3, "preferred": 2}}, "give min <= preferred <= max"),
        (
            {
                "slots": [
                    {"role": "calf", "priority": 1, "why": "Calves."},
                    {"role": "calf", "priority": 2, "why": "Again."},
                ]
            },
            "each role fills one slot of a template",
        ),
        (
            {"slots": [{"role": "calf", "priority": 1, "why": "Calves.", "phases": ["later"]}]},
            "names phases the template is not in",
        ),
        ({"per_week_in": {"later": {"min": 1, "preferred": 1}}}, "per_week_in names phases the template is not in"),
    ],
)
def test_bad_templates_are_refused(change, message):
    data = {
        "id": "t",
        "name": "Test",
        "type": "strength",
        "phases": ["build"],
        "per_week": {"min": 2, "preferred": 2},
        "rule": "R-ST-02",
        "source": "acsm2009",
        "why": "A test template.",
        "slots": [{"role": "calf", "priority": 1, "why": "Calves."}],
    }
    with pytest.raises(ValidationError, match=message):
        SessionTemplate.model_validate({**data, **change})


def test_check_library_catches_broken_roles_and_slots(monkeypatch):
    import rehabplan.knowledge.lint as library

    roles = dict(load_roles())
    roles["calf"] = roles["calf"].model_copy(update={"ladder": [["single_leg_calf_raise"], ["calf_raise"], ["nope"]]})
    monkeypatch.setattr(library, "load_roles", lambda: roles)
    catalog = load_catalog()
    sit = catalog.exercises["sit_to_stand"]
    monkeypatch.setitem(catalog.exercises, "sit_to_stand", sit.model_copy(update={"why": "Good for knee arthritis."}))
    stretch = catalog.exercises["hamstring_stretch"]
    dose = stretch.dosage[0].model_copy(update={"load_guidance": "Per side; aged 65 or over, hold longer"})
    monkeypatch.setitem(catalog.exercises, "hamstring_stretch", stretch.model_copy(update={"dosage": [dose]}))
    jump = catalog.exercises["jump_squat"]
    monkeypatch.setitem(catalog.exercises, "jump_squat", jump.model_copy(update={"kind": "strength"}))
    wall = catalog.exercises["wall_sit"]
    wall = wall.model_copy(update={"progression_rule": "Tendon pain: can be done every day."})
    monkeypatch.setitem(catalog.exercises, "wall_sit", wall)
    problems = check_library()
    assert "roles.yaml: calf: ladder names unknown exercise 'nope'" in problems
    assert (
        "roles.yaml: calf: rung ['calf_raise'] is easier than the rung before it (['single_leg_calf_raise'])"
        in problems
    )
    assert "exercises/sit_to_stand.yaml: why names a condition ('arthritis'); move it to why_for" in problems
    assert "exercises/hamstring_stretch.yaml: dosage[0].load_guidance gives age advice; use older_adults" in problems
    named = "exercises/wall_sit.yaml: progression_rule names a condition ('tendon pain'); every handout prints it"
    assert named in problems
    assert (
        "conditions/patellar_tendinopathy.yaml: session jumps: slot energy_storage: jump_squat "
        "(strength, plyometric) does not fit a plyometric session"
    ) in problems


def test_jumping_sport_is_optional_and_left_out_when_false():
    base = {
        "age": 27,
        "conditions": ["patellar_tendinopathy"],
        "pain": {"at_rest": 0, "during_run": 5},
        "walk_30min_pain_free": True,
        "availability": {"mon": 30},
    }
    assert "jumping_sport" not in parse_profile(base, "p").model_dump()
    assert parse_profile({**base, "jumping_sport": True}, "p").model_dump()["jumping_sport"] is True
    assert load_profile(example_path("jumpers_knee")).jumping_sport
