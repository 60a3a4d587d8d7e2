"""The CP-SAT variables of one week, in dicts keyed by tuples, created in sorted order.

Days are 0-6 (Monday-Sunday); only available days get variables, so an unavailable day is a rest
day by construction. Everything is an integer: minutes, rounds, 5-minute units.
"""

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from rehabplan.knowledge.catalog import Catalog
from rehabplan.knowledge.protocols import RunStage
from rehabplan.problem.types import Candidate, Requirement, WeekProblem, matches
from rehabplan.vocab import CrossTraining

MAX_CONTINUOUS_RUN_MIN = 120
MIN_CONTINUOUS_RUN_MIN = 20


@dataclass
class WeekModel:
    """One week's model. ``explain`` mode guards every constraint family with a literal."""

    wp: WeekProblem
    stage: RunStage | None
    warm_up: int  # minutes of warm-up before a strength session
    jump_warm_up: int  # minutes before jumps or Nordic curls (the full routine)
    run_overhead: int  # the ladder's warm-up plus cool-down around a run
    matcher: Catalog  # for requirement matching
    explain: bool = False
    cp: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    guards: dict[str, cp_model.IntVar] = field(default_factory=dict)
    dropped: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.days = [d for d in range(7) if self.wp.budgets[d] > 0]
        self.candidates = {(c.id, c.bucket): c for c in self.wp.candidates}
        self.on_day: dict[int, list[tuple[Candidate, cp_model.IntVar]]] = {d: [] for d in self.days}
        self.x: dict[tuple[int, str, str], cp_model.IntVar] = {}  # (day, exercise id, bucket)
        self.run: dict[int, cp_model.IntVar] = {}
        self.run_full: dict[int, cp_model.IntVar] = {}
        self.cross: dict[tuple[int, CrossTraining], cp_model.IntVar] = {}
        self.session: dict[tuple[int, str], cp_model.IntVar] = {}
        self.warm: dict[int, cp_model.IntVar] = {}
        self.warm_extra: dict[int, cp_model.IntVar] = {}
        self.cover: dict[tuple[int, str], cp_model.IntVar] = {}
        self.advance: cp_model.IntVar | None = None
        self.minutes: dict[int, cp_model.LinearExpr] = {}
        self._build()

    # ---- building -------------------------------------------------------------------------

    def _build(self) -> None:
        cp, wp = self.cp, self.wp
        for d in self.days:
            for c in wp.candidates:
                v = cp.new_bool_var(f"x_{d}_{c.bucket}_{c.id}")
                self.x[d, c.id, c.bucket] = v
                self.on_day[d].append((c, v))
            for bucket in ("load", "plyometric", "isometric", "mobility"):
                items = self.items(d, bucket)
                if items:
                    s = cp.new_bool_var(f"{bucket}_{d}")
                    cp.add_max_equality(s, items)
                    self.session[d, bucket] = s
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

    def _running_day(self, d: int) -> None:
        """A run is short (the stage's minimum rounds, or 20 minutes of continuous running) or
        full (all the stage's rounds, or the week's target run length); ``fill`` then uses any
        minutes left over."""
        on = self.cp.new_bool_var(f"run_{d}")
        full = self.cp.new_bool_var(f"run_full_{d}")
        self.cp.add(full <= on)
        self.run[d] = on
        self.run_full[d] = full

    def _warm_up(self, d: int) -> None:
        """A strength or jump session starts with the warm-up unless a run came first that day;
        jumps and Nordic curls need the full routine (R-NH-01)."""
        cp = self.cp
        loading = [self.session[d, b] for b in ("load", "plyometric") if (d, b) in self.session]
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
        full = [self.session[d, "plyometric"]] if (d, "plyometric") in self.session else []
        full += [v for c, v in self.on_day[d] if c.nordic]
        if full:
            e = cp.new_bool_var(f"warm_extra_{d}")
            for f in full:
                cp.add(e >= f + w - 1)
            cp.add(e <= w)
            self.warm_extra[d] = e

    def _day_minutes(self, d: int):
        """The day's minutes with every run and cross-training session at its shortest."""
        terms = [v * c.minutes for c, v in self.on_day[d]]
        terms += [self.cross[d, m.word] * m.min_minutes for m in self.wp.modalities]
        if d in self.warm:
            terms.append(self.warm[d] * self.warm_up)
        if d in self.warm_extra:
            terms.append(self.warm_extra[d] * (self.jump_warm_up - self.warm_up))
        if d in self.run:
            terms.append(self.run[d] * (self.run_overhead + self.shortest_run()))
            terms.append(self.run_full[d] * (self.full_run() - self.shortest_run()))
        return sum(terms)

    def reserved(self, d: int, value) -> int:
        """Minutes the solved structure reserved on day ``d`` for runs and cross-training."""
        minutes = sum(value(self.cross[d, m.word]) * m.min_minutes for m in self.wp.modalities)
        if d in self.run:
            minutes += value(self.run[d]) * (self.run_overhead + self.shortest_run())
            minutes += value(self.run_full[d]) * (self.full_run() - self.shortest_run())
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
        return MIN_CONTINUOUS_RUN_MIN

    def shortest_running(self) -> int:
        """Running (not walking) minutes in the shortest run."""
        if self.stage is not None:
            return self.stage.min_repeats * int(self.stage.run_min)
        return MIN_CONTINUOUS_RUN_MIN

    # ---- lookups ---------------------------------------------------------------------------

    def candidate(self, cid: str, bucket: str) -> Candidate:
        return self.candidates[cid, bucket]

    def items(self, d: int, bucket: str) -> list:
        return [v for c, v in self.on_day.get(d, ()) if c.bucket == bucket]

    def cross_on(self, d: int) -> list:
        return [self.cross[d, m.word] for m in self.wp.modalities if (d, m.word) in self.cross]

    def sources(self, d: int, req: Requirement) -> list:
        """Variables whose being on makes day ``d`` a session of ``req``."""
        if req.kind == "aerobic":
            return ([self.run[d]] if d in self.run else []) + self.cross_on(d)
        return [v for c, v in self.on_day.get(d, ()) if matches(req, c, self.matcher)]

    def running_minutes(self, d: int):
        if d not in self.run:
            return 0
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
