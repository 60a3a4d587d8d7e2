"""The closed vocabularies of profiles, check-ins and plans (docs/profile.md, docs/plan.md), in one place.

Each vocabulary is a ``Literal`` type for the models and a tuple of its words for messages,
command-line choices and tests.
"""

from typing import Literal, get_args

Condition = Literal[
    "patellofemoral_pain",
    "iliotibial_band_syndrome",
    "patellar_tendinopathy",
    "knee_osteoarthritis",
    "degenerative_meniscus",
    "posterior_knee_pain",
    "prevention",
]
Weakness = Literal["hip_abductors", "hip_external_rotators", "glutes", "quadriceps", "hamstrings", "calves", "core"]
Tightness = Literal["it_band", "hamstrings", "quadriceps", "calves", "hip_flexors"]
Equipment = Literal[
    "resistance_band",
    "dumbbells",
    "kettlebell",
    "step",
    "gym_machines",
    "bike",
    "pool",
    "elliptical",
    "treadmill",
    "foam_roller",
    "nordic_anchor",
    "strap",
    "mat",
]
Household = Literal["floor", "wall", "chair", "stairs"]
# What a profile or an exercise may name: the equipment words plus the household items.
Gear = Literal[Equipment, Household]  # a Literal of Literals is their words together
CrossTraining = Literal["bike", "swim", "pool_run", "elliptical", "walk"]
RedFlag = Literal[
    "cannot_bear_weight",
    "cannot_straight_leg_raise",
    "pop_with_swelling",
    "hot_swollen_joint",
    "fever",
    "locking",
    "giving_way",
    "persistent_swelling",
    "calf_swelling",
    "night_pain",
    "numbness_or_weakness",
    "no_improvement",
]
# The session types of a plan (docs/plan.md); the check-in rules name the key ones.
SessionType = Literal["run", "walk", "strength", "isometric", "plyometric", "mobility", "cross_training"]
Side = Literal["left", "right", "both"]
Sex = Literal["female", "male", "other"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Urgency = Literal["emergency", "urgent", "soon", "routine"]

# Exercise-library words (plan items use the same ones: docs/plan.md).
Target = Literal[
    "hip_abductors",
    "hip_external_rotators",
    "glutes",
    "quadriceps",
    "hamstrings",
    "calves",
    "core",
    "balance",
    "it_band",
    "hip_flexors",
]
Kind = Literal["strength", "plyometric", "balance", "mobility", "cross_training", "warmup", "cooldown"]
Contraction = Literal["isometric", "isotonic", "eccentric", "plyometric", "stretch", "aerobic"]
IntensityLevel = Literal["low", "moderate", "high"]  # lightest first: the ranking is this order

# Running words (protocol phases, running limits and plan runs).
RunMode = Literal["walk_only", "walk_run", "continuous"]  # most cautious first
Terrain = Literal["flat", "hills", "downhill", "mixed"]

# Session-template words (rehabplan/data/roles.yaml and the `sessions:` of each condition file;
# docs/library.md). A role is what an exercise does in a session.
Role = Literal[
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
]
TemplateType = Literal["strength", "isometric", "plyometric"]
# Who a template or slot is for, beyond the condition: a profile flag or an age band.
When = Literal["jumping_sport", "age_65_plus"]
EducationTopic = Literal[
    "what",
    "load",
    "step_rate",
    "hip_and_knee",
    "time_course",
    "activity_safe",
    "running",
    "training",
    "flare",
    "warning_signs",
]

CONDITIONS: tuple[str, ...] = get_args(Condition)
INJURY_CONDITIONS: tuple[str, ...] = tuple(c for c in CONDITIONS if c != "prevention")
WEAKNESSES: tuple[str, ...] = get_args(Weakness)
TIGHTNESS: tuple[str, ...] = get_args(Tightness)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
HOUSEHOLD: tuple[str, ...] = get_args(Household)
CROSS_TRAINING: tuple[str, ...] = get_args(CrossTraining)
RED_FLAGS: tuple[str, ...] = get_args(RedFlag)
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)
URGENCIES: tuple[str, ...] = get_args(Urgency)
TARGETS: tuple[str, ...] = get_args(Target)
KINDS: tuple[str, ...] = get_args(Kind)
CONTRACTIONS: tuple[str, ...] = get_args(Contraction)
INTENSITY_LEVELS: tuple[str, ...] = get_args(IntensityLevel)
INTENSITY_RANK: dict[str, int] = {level: rank for rank, level in enumerate(INTENSITY_LEVELS)}  # low 0 .. high 2
RUN_MODES: tuple[str, ...] = get_args(RunMode)
TERRAINS: tuple[str, ...] = get_args(Terrain)
ROLES: tuple[str, ...] = get_args(Role)
TEMPLATE_TYPES: tuple[str, ...] = get_args(TemplateType)
WHEN: tuple[str, ...] = get_args(When)
EDUCATION_TOPICS: tuple[str, ...] = get_args(EducationTopic)

# Targets that a strength or balance exercise may carry (the weakness words plus balance).
LOAD_TARGETS: tuple[str, ...] = WEAKNESSES + ("balance",)
