"""The CP-SAT variables of one week, in dicts keyed by tuples, created in sorted order.

Days are 0-6 (Monday-Sunday); only available days get variables, so an unavailable day is a rest
day by construction. A session template T placed on day d is ``sess[d, T]``; its slot k is filled
(``fill[d, T, k]``) with ``picks`` of its options (``pick[d, T, k, e]``), or left out on a short
day. Stretching and rolling for tight areas are ``x[d, e]``; runs, their length and their walks,
cross-training and the warm-up complete the day. Everything is an integer: minutes, rounds.
"""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rehabplan.knowledge.protocols import RunStage
from rehabplan.problem.types import Option, Requirement, SlotSpec, TemplateSpec, WeekProblem
from rehabplan.vocab import CrossTraining

Slot = tuple[int, str, int]  # (day, template id, slot index)


@dataclass
class WeekModel:
    """One week's model. ``explain`` mode guards every constraint family with a literal;
    ``dropped`` names the relaxable families left out (a weekly minimum the week cannot hold)."""

    wp: WeekProblem
    stage: RunStage | None
    explain: bool = False
    dropped: frozenset[str] = frozenset()
    cp: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    guards: dict[str, cp_model.IntVar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.days = [d for d in range(7) if self.wp.budgets[d] > 0]
        self.templates: dict[str, TemplateSpec] = {t.id: t for t in self.wp.templates}
        self.options: dict[tuple[str, int, str], Option] = {
            (t.id, k, o.id): o for t in self.wp.templates for k, s in enumerate(t.slots) for o in s.options
        }
        self.sess: dict[tuple[int, str], cp_model.IntVar] = {}
        self.fill: dict[Slot, cp_model.IntVar] = {}
        self.pick: dict[tuple[int, str, int, str], cp_model.IntVar] = {}
        self.x: dict[tuple[int, str], cp_model.IntVar] = {}
        self.run: dict[int, cp_model.IntVar] = {}
        self.run_full: dict[int, cp_model.IntVar] = {}
        self.run_short: dict[int, cp_model.IntVar] = {}
        self.run_len: dict[int, cp_model.IntVar] = {}  # continuous running: the run's length in steps
        self.cross: dict[tuple[int, CrossTraining], cp_model.IntVar] = {}
        self.warm: dict[int, cp_model.IntVar] = {}
        self.warm_extra: dict[int, cp_model.IntVar] = {}
        self.cover: dict[tuple[int, str], cp_model.IntVar] = {}
        self.advance: cp_model.IntVar | None = None
        self._weak_days: dict[str, list[cp_model.IntVar]] = {}
        self.minutes: dict[int, cp_model.LinearExpr] = {}
        self._build()

    # ---- building -------------------------------------------------------------------------

    def _build(self) -> None:
        cp, wp = self.cp, self.wp
        for d in self.days:
            for t in wp.templates:
                self._session(d, t)
            for c in wp.candidates:
                self.x[d, c.id] = cp.new_bool_var(f"x_{d}_{c.id}")
            if wp.max_runs_per_week > 0:
                self._running_day(d)
            for m in wp.modalities:
                self.cross[d, m.word] = cp.new_bool_var(f"cross_{d}_{m.word}")
            self._warm_up(d)
            self.minutes[d] = self._day_minutes(d)
        for req in wp.requirements:
            for d in self.days:
                sources = self.sources(d, req)
                if sources:
                    v = cp.new_bool_var(f"cover_{d}_{req.key}")
                    cp.add(v <= sum(sources))
                    self.cover[d, req.key] = v
        if wp.can_advance and self.run:
            self.advance = cp.new_bool_var("advance")

    def _session(self, d: int, t: TemplateSpec) -> None:
        """A session of ``t`` on day ``d``: each slot filled with its picks, or left out; a
        session holds at least one exercise."""
        cp = self.cp
        s = cp.new_bool_var(f"sess_{d}_{t.id}")
        self.sess[d, t.id] = s
        fills = []
        for k, slot in enumerate(t.slots):
            f = cp.new_bool_var(f"fill_{d}_{t.id}_{k}")
            cp.add(f <= s)
            picks = []
            for o in slot.options:
                p = cp.new_bool_var(f"pick_{d}_{t.id}_{k}_{o.id}")
                self.pick[d, t.id, k, o.id] = p
                picks.append(p)
            cp.add(sum(picks) == slot.picks * f)
            self.fill[d, t.id, k] = f
            fills.append(f)
        cp.add(s <= sum(fills))

    def _running_day(self, d: int) -> None:
        """On the ladder a run is short (the stage's fewest rounds) or full (all its rounds;
        ``fill`` then uses any minutes left for rounds between); a continuous run has its
        length in steps. Its warm-up and cool-down walks may shrink on a short day."""
        cp = self.cp
        limits = self.wp.run_limits
        on = cp.new_bool_var(f"run_{d}")
        full = cp.new_bool_var(f"run_full_{d}")
        short = cp.new_bool_var(f"run_short_walks_{d}")
        cp.add(full <= on)
        cp.add(short <= on)
        self.run[d] = on
        self.run_full[d] = full
        self.run_short[d] = short
        if self.stage is None:
            steps = cp.new_int_var(0, limits.max_run // limits.step, f"run_steps_{d}")
            cp.add(steps >= (limits.min_run // limits.step) * on)
            cp.add(steps <= (limits.max_run // limits.step) * on)
            cp.add(full == on)
            self.run_len[d] = steps

    def _warm_up(self, d: int) -> None:
        """A strength or jump session starts with the warm-up unless a run came first that day;
        jumps and Nordic curls need the full routine (R-NH-01)."""
        cp = self.cp
        loading = [self.sess[d, t.id] for t in self.wp.templates if t.loading]
        if not loading:
            return
        run = self.run.get(d)
        need = cp.new_bool_var(f"loading_{d}")
        cp.add_max_equality(need, loading)
        w = cp.new_bool_var(f"warm_{d}")
        if run is None:
            cp.add(w == need)
        else:
            cp.add(w >= need - run)
            cp.add(w <= need)
            cp.add(w <= 1 - run)
        self.warm[d] = w
        full = [self.sess[d, t.id] for t in self.wp.templates if t.type == "plyometric"]
        full += [v for (day, _t, _k, _e), v in self.pick.items() if day == d and self.option(_t, _k, _e).nordic]
        if full:
            e = cp.new_bool_var(f"warm_extra_{d}")
            for f in full:
                cp.add(e >= f + w - 1)
            cp.add(e <= w)
            self.warm_extra[d] = e

    def _day_minutes(self, d: int):
        """The day's minutes with every run and cross-training session at its shortest."""
        wp = self.wp
        terms = [v * self.option(t, k, e).minutes for (day, t, k, e), v in self.pick.items() if day == d]
        terms += [self.x[d, c.id] * c.minutes for c in wp.candidates]
        terms += [self.cross[d, m.word] * m.min_minutes for m in wp.modalities]
        if d in self.warm:
            terms.append(self.warm[d] * wp.warm_up)
        if d in self.warm_extra:
            terms.append(self.warm_extra[d] * (wp.jump_warm_up - wp.warm_up))
        if d in self.run:
            terms.append(self.run_structure(d, lambda v: v))
        return sum(terms)

    def run_structure(self, d: int, value):
        """Minutes a run takes on day ``d`` in the structure (``value`` reads a variable: the
        variable itself while building, its value after solving)."""
        limits = self.wp.run_limits
        overhead = limits.warm_up + limits.cool_down
        saved = overhead - (limits.short_warm_up + limits.short_cool_down)
        walks = value(self.run[d]) * overhead - value(self.run_short[d]) * saved
        if d in self.run_len:
            return walks + limits.step * value(self.run_len[d])
        return (
            walks
            + value(self.run[d]) * self.shortest_run()
            + value(self.run_full[d]) * (self.full_run() - self.shortest_run())
        )

    def reserved(self, d: int, value) -> int:
        """Minutes the solved structure reserved on day ``d`` for runs and cross-training."""
        minutes = sum(value(self.cross[d, m.word]) * m.min_minutes for m in self.wp.modalities)
        if d in self.run:
            minutes += self.run_structure(d, value)
        return minutes

    def full_run(self) -> int:
        if self.stage is not None:
            return self.stage.repeats * int(self.stage.run_min + self.stage.walk_min)
        return self.wp.target_run_minutes

    def full_running(self) -> int:
        if self.stage is not None:
            return self.stage.repeats * int(self.stage.run_min)
        return self.wp.target_run_minutes

    def shortest_run(self) -> int:
        """Minutes of the shortest run this week, warm-up and cool-down excluded."""
        if self.stage is not None:
            return self.stage.min_repeats * int(self.stage.run_min + self.stage.walk_min)
        return self.wp.run_limits.min_run

    def shortest_running(self) -> int:
        """Running (not walking) minutes in the shortest run."""
        if self.stage is not None:
            return self.stage.min_repeats * int(self.stage.run_min)
        return self.wp.run_limits.min_run

    # ---- lookups ---------------------------------------------------------------------------

    def option(self, template: str, k: int, exercise: str) -> Option:
        return self.options[template, k, exercise]

    def slot(self, template: str, k: int) -> SlotSpec:
        return self.templates[template].slots[k]

    def picks_on(self, d: int) -> list[tuple[Option, cp_model.IntVar]]:
        """Every (option, variable) the day may hold, in every session."""
        return [(self.option(t, k, e), v) for (day, t, k, e), v in sorted(self.pick.items()) if day == d]

    def items(self, d: int, template: str):
        """The number of exercises of the session of ``template`` on day ``d``."""
        t = self.templates[template]
        return sum(slot.picks * self.fill[d, template, k] for k, slot in enumerate(t.slots))

    def weak_roles(self) -> list[str]:
        """The roles of weak areas' slots this week (R-ST-02), sorted."""
        return sorted({s.role for t in self.wp.templates for s in t.slots if s.weak})

    def weak_days(self, role: str) -> list[cp_model.IntVar]:
        """One literal a day: a slot of ``role`` is filled that day (made once, for the rule and
        the goal alike)."""
        if role not in self._weak_days:
            days = []
            for d in self.days:
                fills = [
                    self.fill[d, t.id, k] for t in self.wp.templates for k, s in enumerate(t.slots) if s.role == role
                ]
                on = self.cp.new_bool_var(f"weak_{d}_{role}")
                self.cp.add(on <= sum(fills))
                days.append(on)
            self._weak_days[role] = days
        return self._weak_days[role]

    def cross_on(self, d: int) -> list:
        return [self.cross[d, m.word] for m in self.wp.modalities if (d, m.word) in self.cross]

    def sessions_of(self, kind: str, d: int) -> list:
        return [self.sess[d, t.id] for t in self.wp.templates if t.type == kind and (d, t.id) in self.sess]

    def sources(self, d: int, req: Requirement) -> list:
        """Variables whose being on makes day ``d`` a session of ``req``."""
        if req.kind == "aerobic":
            return ([self.run[d]] if d in self.run else []) + self.cross_on(d)
        if req.kind == "walk":
            return [self.cross[d, m.word] for m in self.wp.modalities if m.word == "walk" and (d, m.word) in self.cross]
        return [self.x[d, c.id] for c in self.wp.candidates if req.target in c.targets]

    def running_minutes(self, d: int):
        if d not in self.run:
            return 0
        if d in self.run_len:
            return self.wp.run_limits.step * self.run_len[d]
        return self.run[d] * self.shortest_running() + self.run_full[d] * (
            self.full_running() - self.shortest_running()
        )

    def count(self, req: Requirement):
        return sum(self.cover[d, req.key] for d in self.days if (d, req.key) in self.cover)

    # ---- guards ----------------------------------------------------------------------------

    def guard(self, family: str):
        """The enforcement literal of a constraint family (explain mode), else None."""
        if not self.explain:
            return None
        if family not in self.guards:
            self.guards[family] = self.cp.new_bool_var(f"guard_{family}")
        return self.guards[family]

    def add(self, constraint, family: str):
        """Add a constraint that belongs to ``family``; guarded in explain mode."""
        ct = self.cp.add(constraint)
        lit = self.guard(family)
        if lit is not None:
            ct.only_enforce_if(lit)
        return ct
