"""What every check of the validator needs: the plan, its profile and the library data, days in
date order (``Context``), and where a violation is (``at``)."""

from dataclasses import dataclass
from datetime import timedelta

from rehabplan.intake.profile import Profile, parse_profile
from rehabplan.knowledge.catalog import Catalog, Exercise, load_catalog
from rehabplan.knowledge.protocols import GeneralRules, Ladder, Protocol, get_protocol, load_general_rules, load_ladder
from rehabplan.plan_model import Day, Plan, Week

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

    @classmethod
    def of(cls, plan: Plan) -> "Context":
        profile = parse_profile(plan.profile, "plan.profile", new_input=False)
        days = sorted(((w, d) for w in plan.weeks for d in w.days), key=lambda wd: wd[1].date)
        return cls(
            plan=plan,
            profile=profile,
            catalog=load_catalog(),
            protocols={c: get_protocol(c) for c in profile.conditions},
            ladder=load_ladder(),
            general=load_general_rules(),
            days=tuple(days),
        )

    def exercise(self, exercise_id: str) -> Exercise | None:
        return self.catalog.exercises.get(exercise_id)

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

    def pairs(self):
        """Consecutive calendar days, Sunday to Monday across weeks included: (earlier, later)."""
        for a, b in zip(self.days, self.days[1:]):
            if b[1].date - a[1].date == timedelta(days=1):
                yield a, b


def at(week: Week, day: Day | None = None) -> str:
    """Where a violation is: ``week 3: `` or ``week 3 wed 2026-12-09: ``."""
    if day is None:
        return f"week {week.number}: "
    return f"week {week.number} {day.weekday} {day.date.isoformat()}: "


def items_of(day: Day, types: tuple[str, ...] = EXERCISE_SESSIONS):
    return [item for s in day.sessions if s.type in types for item in s.items]
