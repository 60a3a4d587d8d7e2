"""The planning stage's sentences quote each rule's number from the data (rehabplan/data), so a
changed rule changes the words with it."""

from types import SimpleNamespace

from rehabplan.adapt.decide import Decision
from rehabplan.english import count_word, times
from rehabplan.knowledge.progression import load_progression
from rehabplan.knowledge.protocols import get_protocol, load_general_rules, load_ladder
from rehabplan.planning.cannot_fit import rule_family_words
from rehabplan.planning.changes import change_lines
from rehabplan.planning.warnings import daily_holds_warning, notes


def test_number_words():
    assert [count_word(n) for n in (0, 1, 2, 3, 10, 11)] == ["no", "one", "two", "three", "ten", "11"]
    assert [times(n) for n in (1, 2, 3, 12)] == ["once", "twice", "three times", "12 times"]


def test_the_rule_families_are_worded_with_the_rules_numbers(monkeypatch):
    words = rule_family_words()
    assert words["runs_per_7_days"] == "at most 4 runs in any 7 days (R-RTR-03)"
    assert words["stage_rules"] == "each walk-run stage done twice before the next (R-RTR-04)"
    assert words["strength_spacing"] == "48 hours between strength sessions for the same muscles (R-ST-01)"
    assert words["rest_day"] == "one full rest day a week (R-LD-08)"
    ladder, general = load_ladder(), load_general_rules()
    monkeypatch.setitem(ladder.rule("R-RTR-03").values, "max_runs_per_7_days", 3)
    monkeypatch.setitem(ladder.rule("R-RTR-04").values, "min_completions_per_stage", 3)
    monkeypatch.setitem(general.rule("R-ST-01").values, "min_hours_between", 72)
    monkeypatch.setitem(general.rule("R-LD-08").values, "min_rest_days_per_week", 2)
    words = rule_family_words()
    assert words["runs_per_7_days"] == "at most 3 runs in any 7 days (R-RTR-03)"
    assert words["stage_rules"] == "each walk-run stage done three times before the next (R-RTR-04)"
    assert words["strength_spacing"] == "72 hours between strength sessions for the same muscles (R-ST-01)"
    assert words["rest_day"] == "two full rest days a week (R-LD-08)"


def test_the_review_sentence_counts_the_check_ins_of_the_rule(monkeypatch):
    hold = Decision(
        week=5,
        action="hold",
        zone="amber",
        reasons=("2 of 6 sessions done",),
        stage_change=0,
        dosage_change=0,
        running_cut_pct=0,
        review=True,
    )
    assert "over the last three check-ins (week 5)" in change_lines([hold], {5: None})[1]
    rules = load_progression().model_copy(update={"no_improvement_checkins": 4})
    monkeypatch.setattr("rehabplan.planning.changes.load_progression", lambda: rules)
    assert "over the last four check-ins (week 5)" in change_lines([hold], {5: None})[1]


def _holds_week(available: int, held: int) -> tuple[SimpleNamespace, SimpleNamespace]:
    """A week of ``available`` days (Monday on), the tendon holds on the first ``held`` of them."""
    holds = SimpleNamespace(id="holds", name="Pain-relief thigh holds", every_free_day=True, rule="R-PT-01")
    budgets = tuple(20 if d < available else 0 for d in range(7))
    days = [SimpleNamespace(templates=lambda on=d < held: {"holds"} if on else set()) for d in range(7)]
    return SimpleNamespace(templates=[holds], budgets=budgets), SimpleNamespace(days=days)


def test_the_daily_holds_warning_says_on_which_days_the_holds_are():
    assert daily_holds_warning(*_holds_week(7, 5)) == []
    assert daily_holds_warning(*_holds_week(3, 3))[0] == (
        "The pain-relief thigh holds are meant for every day without slow heavy work (R-PT-01); your week has "
        "3 days, so the plan puts them on those. If you can, do them on the other days as well."
    )
    assert "puts them on one of them, slow heavy work takes the others." in daily_holds_warning(*_holds_week(3, 1))[0]


def test_the_arthritis_note_comes_with_the_protocol_that_carries_its_rule(monkeypatch):
    oa, pfp = get_protocol("knee_osteoarthritis"), get_protocol("patellofemoral_pain")
    assert len(notes(SimpleNamespace(protocols=(pfp,)))) == 3
    note = notes(SimpleNamespace(protocols=(pfp, oa)))[-1]
    assert note.endswith("fine: up to 5/10, settling within 24 hours (R-OA-03).")
    rule = next(r for r in oa.rules if r.id == "R-OA-03")
    monkeypatch.setitem(rule.values, "max_pain_during", 4)
    assert notes(SimpleNamespace(protocols=(oa,)))[-1].endswith("up to 4/10, settling within 24 hours (R-OA-03).")
