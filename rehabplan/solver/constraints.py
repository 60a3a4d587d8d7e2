"""The hard rules, one function per constraint family, each citing the clinical rule it encodes.

Every function takes the week model and adds its constraints through ``m.add(..., family)``, so
that in explain mode each family is guarded by one literal and an infeasible week can be traced
back to the families that conflict (see ``rehabplan.solver.diagnose``).
"""

from rehabplan.problem.types import MOVING_CONTRACTIONS
from rehabplan.solver.model import WeekModel


def add_day_budgets(m: WeekModel) -> None:
    """Sessions only on available days, and the day's minutes (warm-up and cool-down included)
    never exceed what the person gave for that day. (Profile availability, docs/profile.md.)

    Unavailable days have no variables at all, so only the budget needs a constraint.
    """
    for d in m.days:
        m.add(m.minutes[d] <= m.wp.budgets[d], f"budget:{d}")


def add_rest_day(m: WeekModel) -> None:
    """R-LD-08: at least one full rest day a week: no run, strength, jumps or cross-training.

    Pain-relief isometric holds and stretching may still happen on it (R-ST-01 exempts them).
    """
    if len(m.days) < 7:
        return  # an unavailable day is already a rest day
    rests = []
    for d in m.days:
        rest = m.cp.new_bool_var(f"rest_{d}")
        busy = [m.run[d]] if d in m.run else []
        busy += [m.session[d, b] for b in ("load", "plyometric") if (d, b) in m.session]
        busy += m.cross_on(d)
        for v in busy:
            m.add(v + rest <= 1, "rest_day")
        rests.append(rest)
    m.add(sum(rests) >= 1, "rest_day")


def _previous(m: WeekModel, back: int):
    """The record of the day ``back`` days before Monday (1 = last Sunday), or None."""
    recent = m.wp.previous.recent
    return recent[-back] if len(recent) >= back else None


def add_strength_spacing(m: WeekModel) -> None:
    """R-ST-01: at least 48 hours between moderate- or high-load sessions for the same muscle
    group, so never on consecutive days, across the week boundary too. Pain-relief holds,
    mobility, balance and low-intensity exercises are exempt."""
    targets = sorted({t for c in m.wp.candidates for t in c.spaced_targets})
    for t in targets:
        loaded = {}
        for d in m.days:
            vs = [v for c, v in m.on_day[d] if t in c.spaced_targets]
            if vs:
                loaded[d] = vs
        for d, vs in loaded.items():
            if d + 1 in loaded:
                for a in vs:
                    for b in loaded[d + 1]:
                        m.add(a + b <= 1, "strength_spacing")
        last = _previous(m, 1)
        if last is not None and t in last.spaced_targets and 0 in loaded:
            for v in loaded[0]:
                m.add(v == 0, "strength_spacing")


def add_run_spacing(m: WeekModel) -> None:
    """R-RTR-02 (walk-run) and R-PT-04 (tendon, 48 h): no runs on two days in a row, Sunday to
    Monday included (also when last week was the ladder's and this one is not)."""
    if not m.run:
        return
    last = _previous(m, 1)
    if last is not None and last.run and 0 in m.run and (m.wp.no_consecutive_runs or last.ladder):
        m.add(m.run[0] == 0, "run_spacing")
    if not m.wp.no_consecutive_runs:
        return
    for d in m.days:
        if d in m.run and d + 1 in m.run:
            m.add(m.run[d] + m.run[d + 1] <= 1, "run_spacing")


def add_runs_per_window(m: WeekModel) -> None:
    """R-RTR-03: at most 4 runs in any 7 days on the ladder (sliding windows that reach back into
    last week), and never more runs in a week than the plan allows for this stage of return."""
    if not m.run:
        return
    m.add(sum(m.run.values()) <= m.wp.max_runs_per_week, "runs_per_week")
    if m.wp.run_mode != "walk_run":
        return
    limit = m.wp.max_runs_per_7_days
    recent = m.wp.previous.recent
    for end in range(7):
        before = sum(1 for back in range(1, 7 - end) if len(recent) >= back and recent[-back].run)
        window = [m.run[d] for d in range(end + 1) if d in m.run]
        if window and before:
            m.add(sum(window) + before <= limit, "runs_per_7_days")


def add_stage_rules(m: WeekModel) -> None:
    """R-RTR-04: a stage is done at least twice before the next one; the step up happens at the
    end of the week, so at most one stage a week (R-RTR-05, and never two in 7 days)."""
    if m.advance is None:
        return
    done = m.wp.completions + sum(m.run.values())
    m.add(done >= 2 * m.advance, "stage_rules")


def add_running_volume(m: WeekModel) -> None:
    """R-LD-01, R-LD-02, R-LD-05: weekly running minutes within this week's cap (+10 % a week,
    +30 % over two weeks once continuous; never above the pre-injury baseline)."""
    if not m.run or m.wp.running_cap is None:
        return
    m.add(sum(m.running_minutes(d) for d in m.days) <= m.wp.running_cap, "running_volume")


def add_tendon_rules(m: WeekModel) -> None:
    """Patellar tendinopathy. R-PT-02: slow heavy thigh work on at most 3 days a week (never on
    consecutive days: R-ST-01). R-PT-04: jump sessions at least 72 hours apart, and 48 hours
    between any two run or jump sessions (so not on the same day either)."""
    wp = m.wp
    if wp.quad_isotonic_max is not None:
        days = []
        for d in m.days:
            vs = [
                v
                for c, v in m.on_day[d]
                if c.bucket == "load"
                and "quadriceps" in c.targets
                and m.matcher.get(c.id).contraction in MOVING_CONTRACTIONS
            ]
            if vs:
                q = m.cp.new_bool_var(f"quad_isotonic_{d}")
                m.cp.add_max_equality(q, vs)
                days.append(q)
        if days:
            m.add(sum(days) <= wp.quad_isotonic_max, "tendon_rules")
    if not wp.run_plyo_spacing:
        return
    plyo = {d: m.session[d, "plyometric"] for d in m.days if (d, "plyometric") in m.session}
    gap = wp.plyo_gap_days
    for d, jumps in plyo.items():
        for k in range(1, gap):
            if d + k in plyo:
                m.add(jumps + plyo[d + k] <= 1, "tendon_rules")
    for back in range(1, gap):
        prev = _previous(m, back)
        if prev is not None and prev.plyometric:
            for d, jumps in plyo.items():
                if d + back < gap:
                    m.add(jumps == 0, "tendon_rules")
    both = {d: [v for v in (m.run.get(d), plyo.get(d)) if v is not None] for d in m.days}
    for d, vs in both.items():
        if len(vs) == 2:
            m.add(sum(vs) <= 1, "tendon_rules")
        if d + 1 in both and vs and both[d + 1]:
            m.add(sum(vs) + sum(both[d + 1]) <= 1, "tendon_rules")
    last = _previous(m, 1)
    if last is not None and (last.run or last.plyometric) and both.get(0):
        m.add(sum(both[0]) == 0, "tendon_rules")


def add_nordic_rules(m: WeekModel) -> None:
    """R-NH-01: Nordic curl sessions never exceed the week's row of the Nordic table and are never
    on consecutive days (the warm-up in the same session is part of the day's minutes)."""
    nordic = {d: v for d in m.days for c, v in m.on_day[d] if c.nordic}
    if not nordic:
        return
    m.add(sum(nordic.values()) <= m.wp.nordic_max_sessions, "nordic")
    for d, v in nordic.items():
        if d + 1 in nordic:
            m.add(v + nordic[d + 1] <= 1, "nordic")
    last = _previous(m, 1)
    if last is not None and last.nordic and 0 in nordic:
        m.add(nordic[0] == 0, "nordic")


def add_one_session_each(m: WeekModel) -> None:
    """At most one pain-relief hold session a day (the hold dose is one exercise, 5 x 45 s:
    R-ISO-01) and at most one cross-training or walking session a day."""
    for d in m.days:
        holds = m.items(d, "isometric")
        if len(holds) > 1:
            m.add(sum(holds) <= 1, "one_session")
        cross = m.cross_on(d)
        if len(cross) > 1:
            m.add(sum(cross) <= 1, "one_session")


def add_doses(m: WeekModel) -> None:
    """R-ST-02, the conditions' dose rules (R-PFP-01, R-ITB-01, R-PT-01, R-OA-02, R-MEN-01, ...)
    and R-MOB-01: each requirement gets its minimum sessions a week. Essential requirements keep
    at least one session even when the minimum had to be relaxed."""
    for req in m.wp.requirements:
        count = m.count(req)
        if f"dose:{req.key}" not in m.dropped:
            m.add(count >= req.min_per_week, f"dose:{req.key}")
        if req.essential:
            m.add(count >= 1, f"floor:{req.key}")


FAMILIES = (
    add_day_budgets,
    add_rest_day,
    add_strength_spacing,
    add_run_spacing,
    add_runs_per_window,
    add_stage_rules,
    add_running_volume,
    add_tendon_rules,
    add_nordic_rules,
    add_one_session_each,
    add_doses,
)
