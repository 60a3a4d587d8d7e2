"""The soft goals: named, weighted penalty terms; the model minimises their sum.

Rewards are negative penalties. The weights order the goals: missing a weekly minimum costs more
than anything else, then a session's slots (higher priority first: a short day drops its
lowest-priority slots), then running progress, then the preferred number of sessions, then the
shape of the week (spread, hard/easy, strength away from runs), then exercise choice.
"""

from rehabplan.problem.types import WeekSchedule
from rehabplan.solver.model import WeekModel

WEIGHTS = {
    "below_minimum": 1000,  # per session short of a relaxed weekly minimum (template, weak area, dose)
    "below_secondary_minimum": 400,  # the same for a session that is not the week's first (it gives way to slots)
    "session_rank": 10,  # less per session short of a later-ranked template's minimum (ties go to the first)
    "below_preferred": 30,  # per session short of a template's preferred number a week
    "dose_below_preferred": 20,  # the same for stretching, aerobic work and graded walks
    "slot_dropped": 300,  # a session without one of its slots, divided by the slot's priority
    "mobility_below_minimum": 25,  # per stretching session short of R-MOB-01's days (below a slot or a full run)
    "runs": -150,  # per run (at most the usual number a week: add_runs_per_window)
    "running_minute": -5,  # per minute of continuous running (within the week's cap)
    "uneven_runs": 1,  # per minute between the week's longest and shortest continuous run
    "below_running_cap": 10,  # continuous running: per minute below the week's cap (toward the baseline)
    "full_run": -300,  # a walk-run session in full (half of a stage done, R-RTR-04; then the stage held in full)
    "short_run_walks": 80,  # a run with its walks shortened: for a run or a slot to fit, not a stretch
    "ladder_step": -400,  # stepping up the walk-run ladder this week (worth a third run and a stretch)
    "aerobic_session": -30,  # per cross-training or walking session while running is low
    "aerobic_session_later": -10,  # the same once running is continuous
    "liked_modality": -12,  # per cross-training session of a kind the person likes
    "cross_on_run_day": 40,  # cross-training on a run day
    "strength_on_run_day": 25,  # strength on a run day
    "stacked_loading": 20,  # two loading sessions (run, strength, jumps) on the same day
    "hard_after_hard": 15,  # a hard day followed by another hard day
    "exercise_item": 2,  # per exercise placed (plus its option cost)
    "mobility_item": 2,  # per stretch placed (plus its fit cost)
    "moved_run": 10,  # a run on a day the plan issued before did not have one, or the reverse
    "moved_cross": 6,  # the same for a cross-training session
    "moved_exercise": 4,  # the same for one exercise on one day
}


def build_objective(m: WeekModel, reference: WeekSchedule | None = None) -> None:
    """Add every term to the model's objective; with ``reference``, also the cost of changes."""
    terms = []
    terms += _sessions(m)
    terms += _doses(m)
    terms += _running(m)
    terms += _aerobic(m)
    terms += _week_shape(m)
    terms += _exercise_choice(m)
    if reference is not None:
        terms += _stay_close(m, reference)
    m.cp.minimize(sum(terms))


def _shortfall(m: WeekModel, name: str, count, goal: int, weight: int) -> list:
    if goal <= 0:
        return []
    short = m.cp.new_int_var(0, goal, name)
    m.cp.add(short >= goal - count)
    return [weight * short]


def _sessions(m: WeekModel) -> list:
    """Sessions a week (minimum, preferred), full sessions, and weak areas twice a week."""
    out = []
    days = len(m.days)
    for t in m.wp.templates:
        count = sum(m.sess[d, t.id] for d in m.days)
        weight = WEIGHTS["below_minimum"] if t.essential else WEIGHTS["below_secondary_minimum"]
        weight -= WEIGHTS["session_rank"] * t.priority
        out += _shortfall(m, f"short_{t.id}", count, min(t.per_week_min, days), weight)
        out += _shortfall(m, f"miss_{t.id}", count, min(t.per_week_preferred, days), WEIGHTS["below_preferred"])
        for d in m.days:
            for k, slot in enumerate(t.slots):
                dropped = m.cp.new_bool_var(f"dropped_{d}_{t.id}_{k}")
                m.cp.add(dropped >= m.sess[d, t.id] - m.fill[d, t.id, k])
                out.append(WEIGHTS["slot_dropped"] // slot.priority * dropped)
    for role in m.weak_roles():
        goal = min(m.wp.weak_area_days, days)
        out += _shortfall(m, f"weak_short_{role}", sum(m.weak_days(role)), goal, WEIGHTS["below_minimum"])
    return out


def _doses(m: WeekModel) -> list:
    out = []
    for req in m.wp.requirements:
        count = m.count(req)
        weight = WEIGHTS["mobility_below_minimum"] if req.kind == "mobility" else WEIGHTS["below_minimum"]
        out += _shortfall(m, f"short_{req.key}", count, req.min_per_week, weight)
        out += _shortfall(m, f"miss_{req.key}", count, req.preferred, WEIGHTS["dose_below_preferred"])
    return out


def _running(m: WeekModel) -> list:
    if not m.run:
        return []
    out = [WEIGHTS["runs"] * v for v in m.run.values()]  # runs are capped by add_runs_per_window
    if m.advance is not None:
        out.append(WEIGHTS["ladder_step"] * m.advance)
    if m.stage is not None:
        out += [WEIGHTS["full_run"] * v for v in m.run_full.values()]
    out += [WEIGHTS["short_run_walks"] * v for v in m.run_short.values()]
    step = m.wp.run_limits.step
    out += [WEIGHTS["running_minute"] * step * v for v in m.run_len.values()]
    if m.run_len and m.wp.running_cap:
        # once continuous, the week's cap is where running is going (the baseline, rising at most
        # 10 % a week): reaching it outweighs a stretch that would take the same minutes
        total = sum(m.running_minutes(d) for d in m.days)
        out += _shortfall(m, "below_cap", total, m.wp.running_cap, WEIGHTS["below_running_cap"])
    if len(m.run_len) >= 2:
        top = m.wp.run_limits.max_run // step
        longest = m.cp.new_int_var(0, top, "longest_run")
        shortest = m.cp.new_int_var(0, top, "shortest_run")
        for d, v in m.run_len.items():
            m.cp.add(longest >= v)
            m.cp.add(shortest <= v + top * (1 - m.run[d]))
        out.append(WEIGHTS["uneven_runs"] * step * (longest - shortest))
    return out


def _aerobic(m: WeekModel) -> list:
    weight = WEIGHTS["aerobic_session"] if m.wp.aerobic_bonus else WEIGHTS["aerobic_session_later"]
    liked = {x.word for x in m.wp.modalities if x.liked}
    out = []
    for (d, word), on in sorted(m.cross.items()):
        out.append(weight * on)
        if word in liked:
            out.append(WEIGHTS["liked_modality"] * on)
        if d in m.run:
            both = m.cp.new_bool_var(f"cross_run_{d}_{word}")
            m.cp.add(both >= on + m.run[d] - 1)
            out.append(WEIGHTS["cross_on_run_day"] * both)
    return out


def _week_shape(m: WeekModel) -> list:
    out = []
    hard = {}
    for d in m.days:
        loading = [m.run[d]] if d in m.run else []
        loading += [m.sess[d, t.id] for t in m.wp.templates if t.loading]
        if len(loading) >= 2:
            stacked = m.cp.new_int_var(0, len(loading) - 1, f"stacked_{d}")
            m.cp.add(stacked >= sum(loading) - 1)
            out.append(WEIGHTS["stacked_loading"] * stacked)
        strength = m.sessions_of("strength", d)
        if d in m.run and strength:
            both = m.cp.new_bool_var(f"strength_run_{d}")
            for s in strength:
                m.cp.add(both >= m.run[d] + s - 1)
            out.append(WEIGHTS["strength_on_run_day"] * both)
        heavy = [v for option, v in m.picks_on(d) if option.spaced_targets]
        heavy += loading[:1] if d in m.run else []
        if heavy:
            h = m.cp.new_bool_var(f"hard_{d}")
            m.cp.add_max_equality(h, heavy)
            hard[d] = h
    for d, hard_day in hard.items():
        if d + 1 in hard:
            pair = m.cp.new_bool_var(f"hard_pair_{d}")
            m.cp.add(pair >= hard_day + hard[d + 1] - 1)
            out.append(WEIGHTS["hard_after_hard"] * pair)
    return out


def _exercise_choice(m: WeekModel) -> list:
    out = []
    for (_d, template, k, exercise), v in sorted(m.pick.items()):
        out.append((WEIGHTS["exercise_item"] + m.option(template, k, exercise).cost) * v)
    costs = {c.id: c.fit_cost for c in m.wp.candidates}
    for (_d, cid), v in sorted(m.x.items()):
        out.append((WEIGHTS["mobility_item"] + costs[cid]) * v)
    return out


def _stay_close(m: WeekModel, reference: WeekSchedule) -> list:
    """Regeneration: each run, cross-training session or exercise placed where the earlier
    version of this week did not have it, or missing where it had, costs a little.

    Why small weights: a regenerated plan should look like the one the person already has
    (same run days, same exercises on the same days), but never at the price of a dose, a
    run or the shape of the week; these only break ties and near-ties.
    """
    out = []
    for d, on in sorted(m.run.items()):
        out.append(WEIGHTS["moved_run"] * (1 - on if reference.days[d].run else on))
    for (d, word), on in sorted(m.cross.items()):
        cross = reference.days[d].cross
        was = cross is not None and cross[0] == word
        out.append(WEIGHTS["moved_cross"] * (1 - on if was else on))
    for (d, template, _k, exercise), on in sorted(m.pick.items()):
        was = any(s.template == template and exercise in (e for _r, e in s.items) for s in reference.days[d].sessions)
        out.append(WEIGHTS["moved_exercise"] * (1 - on if was else on))
    for (d, cid), on in sorted(m.x.items()):
        was = cid in reference.days[d].mobility
        out.append(WEIGHTS["moved_exercise"] * (1 - on if was else on))
    return out
