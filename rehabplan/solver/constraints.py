"""The hard rules, one function per constraint family, each citing the clinical rule it encodes.

Every function takes the week model and adds its constraints through ``m.add(..., family)``, so
that in explain mode each family is guarded by one literal and an infeasible week can be traced
back to the families that conflict (see ``rehabplan.solver.diagnose``). Families named with a
key (``count:<template>``, ``weak:<role>``, ``dose:<requirement>``) are weekly minimums the
solver may relax, lowest priority first, with a warning; ``floor:<template>`` never is.
"""

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
        busy += [m.sess[d, t.id] for t in m.wp.templates if t.loading]
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
    """R-ST-01: at least 48 hours between moderate- or high-load work for the same muscle
    group, so never on consecutive days, across the week boundary too. Pain-relief holds,
    mobility and low-intensity exercises are exempt (their options carry no spaced targets)."""
    loaded: dict[str, dict[int, list]] = {}
    for d in m.days:
        for option, v in m.picks_on(d):
            for t in option.spaced_targets:
                loaded.setdefault(t, {}).setdefault(d, []).append(v)
    last = _previous(m, 1)
    for t, days in sorted(loaded.items()):
        for d, vs in days.items():
            if d + 1 in days:
                for a in vs:
                    for b in days[d + 1]:
                        m.add(a + b <= 1, "strength_spacing")
        if last is not None and t in last.spaced_targets and 0 in days:
            for v in days[0]:
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
    """R-RTR-04: a stage is done in full (all its rounds) at least twice before the next one;
    the step up happens at the end of the week, so at most one stage a week (R-RTR-05)."""
    if m.advance is None:
        return
    done = m.wp.completions + sum(m.run_full.values())
    m.add(done >= m.wp.stage_completions * m.advance, "stage_rules")


def add_running_volume(m: WeekModel) -> None:
    """R-LD-01, R-LD-02, R-LD-05: weekly running minutes within this week's cap (+10 % a week,
    +30 % over two weeks once continuous; never above the pre-injury baseline)."""
    if not m.run or m.wp.running_cap is None:
        return
    m.add(sum(m.running_minutes(d) for d in m.days) <= m.wp.running_cap, "running_volume")


def add_tendon_rules(m: WeekModel) -> None:
    """R-PT-04 (patellar tendinopathy): 48 hours between any two run or jump sessions, so not on
    the same day, not on consecutive days, Sunday to Monday included. (Slow heavy work on at most
    3 non-consecutive days and jumps every third day are the templates' own limits.)"""
    if not m.wp.run_plyo_spacing:
        return
    both = {d: ([m.run[d]] if d in m.run else []) + m.sessions_of("plyometric", d) for d in m.days}
    for d, vs in both.items():
        if len(vs) >= 2:
            m.add(sum(vs) <= 1, "tendon_rules")
        if d + 1 in both and vs and both[d + 1]:
            m.add(sum(vs) + sum(both[d + 1]) <= 1, "tendon_rules")
    last = _previous(m, 1)
    if last is not None and (last.run or last.plyometric) and both.get(0):
        m.add(sum(both[0]) == 0, "tendon_rules")


def add_nordic_rules(m: WeekModel) -> None:
    """R-NH-01: Nordic curls on at most 3 days a week (the week's row of the table is the
    session's own weekly number) and never on consecutive days, across the week boundary too."""
    nordic: dict[int, list] = {}
    for d in m.days:
        vs = [v for option, v in m.picks_on(d) if option.nordic]
        if vs:
            nordic[d] = vs
    if not nordic:
        return
    m.add(sum(v for vs in nordic.values() for v in vs) <= m.wp.nordic_max_sessions, "nordic")
    for d, vs in nordic.items():
        if d + 1 in nordic:
            m.add(sum(vs) + sum(nordic[d + 1]) <= 1, "nordic")
    last = _previous(m, 1)
    if last is not None and last.nordic and 0 in nordic:
        m.add(sum(nordic[0]) == 0, "nordic")


def add_one_session_each(m: WeekModel) -> None:
    """At most one cross-training or walking session a day, and an exercise at most once a day
    (a session template is at most once a day by construction: one hold session, R-ISO-01)."""
    for d in m.days:
        cross = m.cross_on(d)
        if len(cross) > 1:
            m.add(sum(cross) <= 1, "one_session")
        same: dict[str, list] = {}
        for option, v in m.picks_on(d):
            same.setdefault(option.id, []).append(v)
        for vs in same.values():
            if len(vs) > 1:
                m.add(sum(vs) <= 1, "one_session")


def add_session_size(m: WeekModel) -> None:
    """R-HO-03: a session holds at most 6 exercises, always."""
    most = m.wp.session_items[1]
    for (d, template), _s in sorted(m.sess.items()):
        if sum(slot.picks for slot in m.templates[template].slots) > most:
            m.add(m.items(d, template) <= most, "session_size")


def add_small_sessions(m: WeekModel) -> None:
    """R-HO-03: a session holds at least 3 exercises whenever the day's minutes allow: a slot
    is left out of a smaller session only when the day has no minutes left for the shortest
    exercise its ladder allows (counted with runs and cross-training at their shortest)."""
    fewest = m.wp.session_items[0]
    for (d, template), s in sorted(m.sess.items()):
        t = m.templates[template]
        budget = m.wp.budgets[d]
        small = m.cp.new_bool_var(f"small_{d}_{template}")
        m.add(m.items(d, template) >= fewest * (1 - small), "small_sessions")
        for k, slot in enumerate(t.slots):
            fill = m.fill[d, template, k]
            slack = budget - m.minutes[d]
            m.add(slack <= slot.cheapest - 1 + budget * (2 - s + fill - small), "small_sessions")


def add_template_counts(m: WeekModel) -> None:
    """Each session's sessions a week (the condition's rule: R-PFP-01, R-ITB-01, R-PT-01/02/04,
    R-OA-02, R-MEN-01, R-NH-01, ...): at least its minimum (relaxable, with a warning), never
    more than its maximum; the week's first session at least once whatever happens."""
    for t in m.wp.templates:
        count = sum(m.sess[d, t.id] for d in m.days)
        if t.per_week_max < len(m.days):
            m.add(count <= t.per_week_max, "template_max")
        if f"count:{t.id}" not in m.dropped:
            m.add(count >= min(t.per_week_min, len(m.days)), f"count:{t.id}")
        if t.essential:
            m.add(count >= 1, f"floor:{t.id}")


def add_template_spacing(m: WeekModel) -> None:
    """A session's ``min_hours_apart`` (48 h: R-PT-02 slow heavy work, R-NH-01 Nordic curls; 72 h:
    R-PT-04 jumps every third day), across the week boundary too; and ``apart_from``: slow
    heavy work and the tendon holds never on the same day (R-PT-01: holds on the other days)."""
    for t in m.wp.templates:
        days = {d: m.sess[d, t.id] for d in m.days}
        for d, v in days.items():
            for gap in range(1, t.gap_days):
                if d + gap in days:
                    m.add(v + days[d + gap] <= 1, "template_spacing")
        for back in range(1, t.gap_days):
            prev = _previous(m, back)
            if prev is not None and t.id in prev.templates:
                for d, v in days.items():
                    if d + back < t.gap_days:
                        m.add(v == 0, "template_spacing")
        for other in t.apart_from:
            if other in m.templates:
                for d in m.days:
                    m.add(m.sess[d, t.id] + m.sess[d, other] <= 1, "template_spacing")


def add_free_days(m: WeekModel) -> None:
    """R-PT-01: a session prescribed on every free day (the tendon holds) is on every available
    day without one of its ``apart_from`` sessions, unless the day has no minutes left for it."""
    for t in m.wp.templates:
        if not t.every_free_day:
            continue
        need = min(s.cheapest for s in t.slots)
        for d in m.days:
            budget = m.wp.budgets[d]
            tight = m.cp.new_bool_var(f"tight_{d}_{t.id}")
            m.add(budget - m.minutes[d] <= need - 1 + budget * (1 - tight), "free_days")
            other = [m.sess[d, u] for u in t.apart_from if (d, u) in m.sess]
            m.add(m.sess[d, t.id] + sum(other) + tight >= 1, "free_days")


def add_weak_areas(m: WeekModel) -> None:
    """R-ST-02: every weak area the person listed is trained on at least 2 days a week
    (relaxable, with a warning)."""
    for role in m.weak_roles():
        if f"weak:{role}" not in m.dropped:
            m.add(sum(m.weak_days(role)) >= min(m.wp.weak_area_days, len(m.days)), f"weak:{role}")


def add_doses(m: WeekModel) -> None:
    """R-OA-02 (aerobic work) and R-RTR-01 (graded walks): each requirement gets its minimum
    sessions a week (relaxable, with a warning). Stretching for tight areas (R-MOB-01) is a
    weighted goal instead: it supports the strength work and gives way to a session's slot or
    a full walk-run session on a short day (the plan warns when it does)."""
    for req in m.wp.requirements:
        if req.kind != "mobility" and f"dose:{req.key}" not in m.dropped:
            m.add(m.count(req) >= req.min_per_week, f"dose:{req.key}")


def add_running_floor(m: WeekModel) -> None:
    """R-PRE-01: a runner without injury keeps at least 80 % of their usual weekly running
    (relaxable, with a warning, when the days cannot hold it)."""
    if m.wp.running_floor and m.run_len and "run_floor" not in m.dropped:
        m.add(sum(m.running_minutes(d) for d in m.days) >= m.wp.running_floor, "run_floor")


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
    add_session_size,
    add_small_sessions,
    add_template_counts,
    add_template_spacing,
    add_free_days,
    add_weak_areas,
    add_doses,
    add_running_floor,
)
