"""What every check of the validator needs: the plan, its profile and the library data, days in
date order (``Context``), and where a violation is (``at``)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from rehabplan.intake.profile import Profile
from rehabplan.knowledge.catalog import Catalog, Exercise, load_catalog
from rehabplan.knowledge.protocols import (
    GeneralRules,
    Ladder,
    Protocol,
    Rule,
    get_protocol,
    load_general_rules,
    load_ladder,
)
from rehabplan.knowledge.roles import role_exercises
from rehabplan.plan_model import Day, Item, Plan, Week

EXERCISE_SESSIONS = ("strength", "isometric", "plyometric", "mobility")
BUSY_SESSIONS = ("run", "strength", "plyometric", "cross_training", "walk")  # not on a rest day


@dataclass(frozen=True)
class Context:
    """What every check needs: the plan, its profile and the library data, days in date order."""

    plan: Plan
    profile: Profile
    catalog: Catalog
    protocols: dict[str, Protocol]  # by condition, in the profile's order
    ladder: Ladder
    general: GeneralRules
    days: tuple[tuple[Week, Day], ...]
    nordic: frozenset[str]  # the Nordic curls: the exercises of the role hamstring_eccentric (roles.yaml)

    @classmethod
    def of(cls, plan: Plan) -> "Context":
        profile = plan.profile
        days = sorted(((w, d) for w in plan.weeks for d in w.days), key=lambda wd: wd[1].date)
        return cls(
            plan=plan,
            profile=profile,
            catalog=load_catalog(),
            protocols={c: get_protocol(c) for c in profile.conditions},
            ladder=load_ladder(),
            general=load_general_rules(),
            days=tuple(days),
            nordic=role_exercises("hamstring_eccentric"),
        )

    def exercise(self, exercise_id: str) -> Exercise | None:
        return self.catalog.exercises.get(exercise_id)

    def condition_rule(self, rule_id: str) -> tuple[Protocol, Rule] | None:
        """The profile's protocol that carries the condition rule ``rule_id`` (R-PT-02 is the
        tendon's), with the rule; None when no condition of the profile has it."""
        return next(((p, r) for p in self.protocols.values() for r in p.rules if r.id == rule_id), None)

    @property
    def running_now(self) -> bool:
        """A runner with no injury who already runs (prevention with a baseline) skips the ladder."""
        return self.profile.is_prevention and self.profile.running.baseline_weekly_minutes > 0

    def walk_ok(self, week: int) -> bool:
        """Running may happen in ``week`` (R-RTR-01): the 30-minute walk was pain-free at intake,
        or the last check-in before ``week`` that answered the walk test said so."""
        passed = self.profile.walk_30min_pain_free
        for d in sorted(self.plan.decisions, key=lambda d: d.week):
            if d.week < week and d.walk_30min_pain_free is not None:
                passed = d.walk_30min_pain_free
        return passed

    def pairs(self, within_days: int = 2) -> Iterator[tuple[tuple[Week, Day], tuple[Week, Day]]]:
        """Days fewer than ``within_days`` apart, Sunday to Monday across weeks included:
        (earlier, later), by the later day. The default 2 gives consecutive days."""
        for i, later in enumerate(self.days):
            for earlier in self.days[max(0, i - within_days) : i]:
                if timedelta(0) < later[1].date - earlier[1].date < timedelta(days=within_days):
                    yield earlier, later


def at(week: Week, day: Day | None = None) -> str:
    """Where a violation is: ``week 3: `` or ``week 3 wed 2026-12-09: ``."""
    if day is None:
        return f"week {week.number}: "
    return f"week {week.number} {day.weekday} {day.date.isoformat()}: "


def items_of(day: Day, types: tuple[str, ...] = EXERCISE_SESSIONS) -> list[Item]:
    return [item for s in day.sessions if s.type in types for item in s.items]
