"""Pose data for the exercise line drawings: a `figure:` block in an exercise file.

A figure has two panels, ``start`` and ``end``. Each panel places a stick figure by its pelvis
(``x``, and ``y`` or "rest on the floor") and gives every body segment an ABSOLUTE angle in
degrees: 0 points right (the way a standing figure faces), 90 up, 180 left, -90 down.
Props (floor, step, wall, band, ...) are listed by ``type``. The renderer is
``rehabplan.render.figures.drawing``; the authoring guide is docs/figures.md.

Panel units: 100 wide; y goes UP from the floor (y = 0) to 72 at the top, -4 at the bottom edge.
"""

import difflib
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator
from pydantic_core import PydanticCustomError

from rehabplan.strict import StrictModel, bounded

PANEL_WIDTH = 100
PANEL_TOP = 72
PANEL_BOTTOM = -4

Number = float  # strict mode still takes a whole number: 90 and 90.0 both work
Angle = Annotated[Number, *bounded(-180, 360, "degrees (0 right, 90 up, 180 left, -90 down)")]
X = Annotated[Number, *bounded(0, PANEL_WIDTH, "panel units from the left edge")]
Y = Annotated[Number, *bounded(PANEL_BOTTOM, PANEL_TOP, "panel units above the floor")]
Size = Annotated[Number, *bounded(1, 80, "panel units")]
Scale = Annotated[Number, *bounded(0.2, 1, "(1 = full length; less for a segment pointing at the viewer)")]

Joint = Literal[
    "head",
    "neck",
    "shoulder",
    "pelvis",
    "shoulder_near",
    "elbow_near",
    "wrist_near",
    "hand_near",
    "shoulder_far",
    "elbow_far",
    "wrist_far",
    "hand_far",
    "hip_near",
    "knee_near",
    "ankle_near",
    "heel_near",
    "toe_near",
    "hip_far",
    "knee_far",
    "ankle_far",
    "heel_far",
    "toe_far",
]


def _point(value: list) -> list:
    x, y = value
    if not (0 <= x <= PANEL_WIDTH and PANEL_BOTTOM <= y <= PANEL_TOP):
        raise PydanticCustomError(
            "rehabplan_point",
            "is outside the panel; give [x, y] with x 0-{w} and y {b}-{t}",
            {"w": PANEL_WIDTH, "b": PANEL_BOTTOM, "t": PANEL_TOP},
        )
    return value


Point = Annotated[list[Number], Field(min_length=2, max_length=2), AfterValidator(_point)]
JOINTS = get_args(Joint)


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean {found[0]}? " if found else ""


def _target(value: Any) -> str | list[float]:
    """A joint name ("knee_near") or a point [x, y] in panel units."""
    if isinstance(value, str):
        if value in JOINTS:
            return value
        raise PydanticCustomError(
            "rehabplan_joint",
            "is not a joint; {hint}use one of: {names}",
            {"hint": _did_you_mean(value, JOINTS), "names": ", ".join(JOINTS)},
        )
    numbers = isinstance(value, list) and all(type(v) in (int, float) for v in value)
    if numbers and len(value) == 2:
        return _point([float(v) for v in value])
    raise PydanticCustomError("rehabplan_target", "give a joint name like knee_near, or a point [x, y]", {})


Target = Annotated[Any, PlainValidator(_target)]


def _offset(value: list) -> list:
    if not all(-40 <= v <= 40 for v in value):
        raise PydanticCustomError("rehabplan_offset", "is too far; give [dx, dy] each -40 to 40", {})
    return value


Offset = Annotated[list[Number], Field(min_length=2, max_length=2), AfterValidator(_offset)]


class Side(StrictModel):
    """One side's limbs. Angles left out: near = standing (arms and legs straight down, foot
    flat pointing right); far = the same as near."""

    arm: Angle | None = None
    forearm: Angle | None = None
    hand: Angle | None = None
    thigh: Angle | None = None
    shin: Angle | None = None
    foot: Angle | None = None
    arm_scale: Scale | None = None
    forearm_scale: Scale | None = None
    thigh_scale: Scale | None = None
    shin_scale: Scale | None = None


class Arrow(StrictModel):
    """A motion arrow: from a joint (or [x, y]), pointing at ``angle`` for ``length`` units."""

    start: Target = Field(alias="from")
    angle: Angle
    length: Annotated[Number, *bounded(3, 40, "panel units")] = 10
    offset: Offset | None = None
    bend: Annotated[Number, *bounded(-60, 60, "degrees of curve (0 straight; + bends left of the direction)")] = 0
    model_config = {"populate_by_name": True}


# Props. Positions are panel units (x from the left, y up from the floor).
class Step(StrictModel):
    type: Literal["step"]
    x: X
    width: Size = 30
    height: Size = 7


class Wall(StrictModel):
    type: Literal["wall"]
    x: X


class Chair(StrictModel):
    type: Literal["chair"]
    x: X
    height: Size = 17
    depth: Size = 14
    back: bool = True


class Bench(StrictModel):
    type: Literal["bench"]
    x: X
    width: Size = 40
    height: Size = 15


class Mat(StrictModel):
    type: Literal["mat"]
    x: X
    width: Size = 60


class _Tether(StrictModel):
    """A band or a strap: drawn from one point to another."""

    type: str
    start: Target = Field(alias="from")
    to: Target
    model_config = {"populate_by_name": True}


class Band(_Tether):
    type: Literal["band"]


class Strap(_Tether):
    type: Literal["strap"]


class Weight(StrictModel):
    type: Literal["dumbbell", "kettlebell"]
    at: Joint


class Roller(StrictModel):
    type: Literal["roller"]
    at: Joint | X
    radius: Annotated[Number, *bounded(2, 8, "panel units")] = 4


class Bike(StrictModel):
    type: Literal["bike"]
    seat: Point
    crank: Point
    bars: Point
    pedal: Joint | None = None
    road: bool = False


class Water(StrictModel):
    type: Literal["water"]
    y: Y


class Anchor(StrictModel):
    type: Literal["anchor"]
    at: Joint


class Sled(StrictModel):
    type: Literal["sled"]
    at: Target
    angle: Angle = 90
    width: Size = 16


class Line(StrictModel):
    type: Literal["line"]
    points: Annotated[list[Point], Field(min_length=2, max_length=6)]


PROP_TYPES = (
    "step",
    "wall",
    "chair",
    "bench",
    "mat",
    "band",
    "strap",
    "dumbbell",
    "kettlebell",
    "roller",
    "bike",
    "water",
    "anchor",
    "sled",
    "line",
)


def _known_type(value: Any) -> Any:
    """Name an unknown or missing prop type plainly, before pydantic's union error does."""
    if not isinstance(value, dict):
        raise PydanticCustomError("rehabplan_prop", "give a prop as a mapping, like {type: step, x: 50}", {})
    kind = value.get("type")
    if kind not in PROP_TYPES:
        hint = _did_you_mean(kind, PROP_TYPES) if isinstance(kind, str) else ""
        raise PydanticCustomError(
            "rehabplan_prop",
            "needs a known type; {hint}use one of: {names}",
            {"hint": hint, "names": ", ".join(PROP_TYPES)},
        )
    return value


Prop = Annotated[
    Step | Wall | Chair | Bench | Mat | Band | Strap | Weight | Roller | Bike | Water | Anchor | Sled | Line,
    Field(discriminator="type"),
    BeforeValidator(_known_type),
]


class Pose(StrictModel):
    """One panel: where the pelvis is, the segment angles, and panel-only props and arrows."""

    x: X
    y: Y | None = None
    rest_on: Annotated[Number, *bounded(-4, 60, "panel units: the height the lowest body point rests on")] = 0
    torso: Angle = 90
    head: Angle | None = None
    pelvis_tilt: Annotated[Number, *bounded(-30, 30, "degrees (front view: 0 = hips level)")] = 0
    near: Side = Side()
    far: Side = Side()
    props: Annotated[list[Prop], Field(max_length=6)] = []
    arrows: Annotated[list[Arrow], Field(max_length=2)] = []
    label: Annotated[str, Field(min_length=1, max_length=10)] | None = None


class Figure(StrictModel):
    """The `figure:` block of an exercise: two panels and the props they share."""

    view: Literal["side", "front"] = "side"
    floor: bool = True
    top: Annotated[Number, *bounded(24, PANEL_TOP, "panel units: crop the empty space above a low figure")] = PANEL_TOP
    props: Annotated[list[Prop], Field(max_length=6)] = []
    start: Pose
    end: Pose
