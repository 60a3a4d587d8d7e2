"""Joint positions of a posed stick figure, in panel units (y up from the floor).

Pure geometry: ``joints(pose, view)`` turns a ``rehabplan.knowledge.poses.Pose`` into named points.
Adult proportions for a figure about 61 units tall (1 unit is about 2.8 cm).
"""

import math

from rehabplan.knowledge.poses import Pose, Side

HEAD_R = 4.0
NECK = 2.5
TORSO = 18.0
UPPER_ARM = 11.0
FOREARM = 9.5
HAND = 3.5
THIGH = 15.0
SHIN = 14.5
ANKLE_H = 2.5  # ankle joint to sole
FOOT = 8.0
HIP_HALF = 3.5  # front view: pelvis centre to hip joint
SHOULDER_HALF = 6.0  # front view: neck base to shoulder joint

# Standing angles for the near side when a field is left out.
STANDING = {"arm": -90, "forearm": -90, "thigh": -90, "shin": -90, "foot": 0}

# How far the body surface sits from each joint line (for resting on the floor).
RADIUS = {
    "head": HEAD_R,
    "pelvis": 3.5,
    "shoulder": 3.5,
    "elbow": 1.2,
    "wrist": 0.8,
    "hand": 0.5,
    "knee": 1.2,
    "ankle": 1.2,
    "heel": 0.0,
    "toe": 0.0,
    "hip": 3.5,
}

Point = tuple[float, float]


def unit(angle: float) -> Point:
    """The unit vector at ``angle`` degrees (0 right, 90 up)."""
    rad = math.radians(angle)
    return math.cos(rad), math.sin(rad)


def step(origin: Point, angle: float, length: float) -> Point:
    """The point ``length`` units from ``origin`` in direction ``angle``."""
    dx, dy = unit(angle)
    return origin[0] + dx * length, origin[1] + dy * length


def resolve(near: Side, far: Side) -> tuple[dict, dict]:
    """Fill the values left out: near from standing, far from near; the hand follows the
    forearm unless given."""
    standing = {**STANDING, "hand": None, **dict.fromkeys(SCALES, 1.0)}
    near_v = _filled(near, standing)
    far_v = _filled(far, near_v)
    return near_v, far_v


SCALES = ("arm_scale", "forearm_scale", "thigh_scale", "shin_scale")


def _filled(side: Side, base: dict) -> dict:
    given = {k: v for k, v in side.model_dump().items() if v is not None}
    out = {key: given.get(key, base[key]) for key in base}
    if "hand" not in given and ("forearm" in given or out["hand"] is None):
        out["hand"] = out["forearm"]
    return out


def _limbs(pts: dict, tag: str, side: dict, shoulder: Point, hip: Point) -> None:
    pts[f"shoulder_{tag}"] = shoulder
    pts[f"elbow_{tag}"] = step(shoulder, side["arm"], UPPER_ARM * side["arm_scale"])
    pts[f"wrist_{tag}"] = step(pts[f"elbow_{tag}"], side["forearm"], FOREARM * side["forearm_scale"])
    pts[f"hand_{tag}"] = step(pts[f"wrist_{tag}"], side["hand"], HAND)
    pts[f"hip_{tag}"] = hip
    pts[f"knee_{tag}"] = step(hip, side["thigh"], THIGH * side["thigh_scale"])
    pts[f"ankle_{tag}"] = step(pts[f"knee_{tag}"], side["shin"], SHIN * side["shin_scale"])
    pts[f"heel_{tag}"] = step(pts[f"ankle_{tag}"], side["shin"], ANKLE_H)
    pts[f"toe_{tag}"] = step(pts[f"heel_{tag}"], side["foot"], FOOT)


def _front_foot(pts: dict, tag: str, shin: float, outward: int) -> None:
    """Front view: the foot is a short sole line across the end of the shin, toes turned out."""
    base = step(pts[f"ankle_{tag}"], shin, ANKLE_H)
    pts[f"heel_{tag}"] = step(base, shin - outward * 90, 1.0)
    pts[f"toe_{tag}"] = step(base, shin + outward * 90, 2.5)


def joints(pose: Pose, view: str, y: float | None = None) -> dict[str, Point]:
    """Every named joint of ``pose``; ``y`` overrides the pelvis height (used for resting)."""
    pelvis = (float(pose.x), float(y if y is not None else (pose.y or 0.0)))
    shoulder = step(pelvis, pose.torso, TORSO)
    head_angle = pose.head if pose.head is not None else pose.torso
    neck = step(shoulder, head_angle, NECK)
    pts: dict[str, Point] = {
        "pelvis": pelvis,
        "shoulder": shoulder,
        "neck": neck,
        "head": step(neck, head_angle, HEAD_R),
    }
    near, far = resolve(pose.near, pose.far)
    if view == "front":
        across = pose.torso - 90
        hip_near = step(pelvis, across + pose.pelvis_tilt, HIP_HALF)
        hip_far = step(pelvis, across + pose.pelvis_tilt + 180, HIP_HALF)
        _limbs(pts, "near", near, step(shoulder, across, SHOULDER_HALF), hip_near)
        _limbs(pts, "far", far, step(shoulder, across + 180, SHOULDER_HALF), hip_far)
        _front_foot(pts, "near", near["shin"], 1)
        _front_foot(pts, "far", far["shin"], -1)
    else:
        _limbs(pts, "near", near, shoulder, pelvis)
        _limbs(pts, "far", far, shoulder, pelvis)
    return pts


def lowest(pts: dict[str, Point]) -> float:
    """The lowest body surface point: each joint's height minus its body radius."""
    return min(p[1] - RADIUS[name.split("_")[0]] for name, p in pts.items() if name != "neck")


def posed(pose: Pose, view: str) -> dict[str, Point]:
    """Joints of ``pose``; without a ``y``, the figure is lowered until it rests on ``rest_on``."""
    if pose.y is not None:
        return joints(pose, view)
    trial = joints(pose, view, y=0.0)
    return joints(pose, view, y=pose.rest_on - lowest(trial))
