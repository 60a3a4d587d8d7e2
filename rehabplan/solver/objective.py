"""The soft goals: named, weighted penalty terms; the model minimises their sum.

Rewards are negative penalties. The weights order the goals: missing a minimum dose costs more
than anything else, then running progress, then the preferred doses, then the shape of the
week (spread, hard/easy, strength away from runs), then exercise choice and tidiness.
"""

from rehabplan.problem.types import WeekSchedule
from rehabplan.solver.model import WeekModel

WEIGHTS = {
    "dose_below_minimum": 1000,  # per session short of a requirement's minimum
    "dose_below_preferred": 20,  # per session short of the preferred number
    "runs": -120,  # per run (at most the usual number a week: add_runs_per_window)
    "full_run": -40,  # a run at the stage's full rounds, or the week's target length
    "ladder_step": -150,  # stepping up the walk-run ladder this week
    "aerobic_session": -30,  # per cross-training or walking session while running is low
    "aerobic_session_later": -10,  # the same once running is continuous
    "liked_modality": -12,  # per cross-training session of a kind the person likes
    "cross_on_run_day": 40,  # cross-training on a run day
    "strength_on_run_day": 25,  # strength on a run day
    "stacked_loading": 20,  # two loading sessions (run, strength, jumps) on the same day
    "hard_after_hard": 15,  # a hard day followed by another hard day
    "exercise_item": 2,  # per exercise placed (plus its fit cost)
    "strength_item": -12,  # per exercise in a strength session: fuller sessions, fewer days
    "distinct_exercise": 8,  # per different exercise in the week
    "new_in_phase": 12,  # an exercise not used earlier in the same phase
    "stale_at_phase_change": 6,  # the previous phase's exercise in a new phase's first week
    "session_over_six": 50,  # per exercise beyond 6 in one session (R-HO-03)
    "session_misses_target": 15,  # a strength session leaving out one of the week's targets
    "moved_run": 10,  # a run on a day the plan issued before did not have one, or the reverse
    "moved_cross": 6,  # the same for a cross-training session
    "moved_exercise": 4,  # the same for one exercise on one day
}


def build_objective(m: WeekModel, reference: WeekSchedule | None = None) -> None:
    """Add every term to the model's objective; with ``reference``, also the cost of changes."""
    terms = []
    terms += _doses(m)
    terms += _running(m)
    terms += _aerobic(m)
    terms += _week_shape(m)
    terms += _exercise_choice(m)
    if reference is not None:
        terms += _stay_close(m, reference)
    m.cp.minimize(sum(terms))


def _doses(m: WeekModel) -> list:
    out = []
    for req in m.wp.requirements:
        count = m.count(req)
        short = m.cp.new_int_var(0, req.min_per_week, f"short_{req.key}")
        m.cp.add(short >= req.min_per_week - count)
        miss = m.cp.new_int_var(0, req.preferred, f"miss_{req.key}")
        m.cp.add(miss >= req.preferred - count)
        out += [WEIGHTS["dose_below_minimum"] * short, WEIGHTS["dose_below_preferred"] * miss]
    return out


def _running(m: WeekModel) -> list:
    if not m.run:
        return []
    out = [WEIGHTS["runs"] * v for v in m.run.values()]  # runs are capped by add_runs_per_window
    if m.advance is not None:
        out.append(WEIGHTS["ladder_step"] * m.advance)
    out += [WEIGHTS["full_run"] * v for v in m.run_full.values()]
    return out


def _aerobic(m: WeekModel) -> list:
    weight = WEIGHTS["aerobic_session"] if m.wp.aerobic_bonus else WEIGHTS["aerobic_session_later"]
    out = []
    for (d, word), on in m.cross.items():
        out.append(weight * on)
        if next(x for x in m.wp.modalities if x.word == word).liked:
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
        loading += [m.session[d, b] for b in ("load", "plyometric") if (d, b) in m.session]
        if len(loading) >= 2:
            stacked = m.cp.new_int_var(0, len(loading) - 1, f"stacked_{d}")
            m.cp.add(stacked >= sum(loading) - 1)
            out.append(WEIGHTS["stacked_loading"] * stacked)
        if d in m.run and (d, "load") in m.session:
            both = m.cp.new_bool_var(f"strength_run_{d}")
            m.cp.add(both >= m.run[d] + m.session[d, "load"] - 1)
            out.append(WEIGHTS["strength_on_run_day"] * both)
        heavy = [v for c, v in m.on_day[d] if c.spaced_targets]
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
    state = m.wp.previous
    used: dict[str, list] = {}
    for (_, cid, b), v in sorted(m.x.items()):
        weight = WEIGHTS["exercise_item"] + m.candidate(cid, b).fit_cost
        weight += WEIGHTS["strength_item"] if b == "load" else 0
        out.append(weight * v)
        used.setdefault(cid, []).append(v)
    for cid, vs in sorted(used.items()):
        u = m.cp.new_bool_var(f"used_{cid}")
        m.cp.add_max_equality(u, vs)
        out.append(WEIGHTS["distinct_exercise"] * u)
        if state.phase_exercises and cid not in state.phase_exercises:
            out.append(WEIGHTS["new_in_phase"] * u)
        if not state.phase_exercises and cid in state.previous_phase_exercises:
            out.append(WEIGHTS["stale_at_phase_change"] * u)
    load_reqs = [r for r in m.wp.requirements if r.kind == "load"]
    for d in m.days:
        session = m.session.get((d, "load"))
        if session is None:
            continue
        for req in load_reqs:
            cover = m.cover.get((d, req.key))
            missing = m.cp.new_bool_var(f"misses_{d}_{req.key}")
            m.cp.add(missing >= session - (cover if cover is not None else 0))
            out.append(WEIGHTS["session_misses_target"] * missing)
    for d in m.days:
        items = m.items(d, "load") + m.items(d, "plyometric")
        if len(items) > 6:
            over = m.cp.new_int_var(0, len(items) - 6, f"over_six_{d}")
            m.cp.add(over >= sum(items) - 6)
            out.append(WEIGHTS["session_over_six"] * over)
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
    for (d, cid, bucket), on in sorted(m.x.items()):
        was = cid in getattr(reference.days[d], bucket)
        out.append(WEIGHTS["moved_exercise"] * (1 - on if was else on))
    return out
