"""Exercise line drawings: the pose model refuses bad data, and every figure renders safely."""

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from rehabplan.errors import LibraryError
from rehabplan.knowledge.catalog import load_catalog, load_catalog_from
from rehabplan.knowledge.poses import PANEL_BOTTOM, PANEL_WIDTH, Figure
from rehabplan.paths import exercises_dir
from rehabplan.render.figures.drawing import figure_svg, panel_points, render_figure
from rehabplan.render.figures.skeleton import FOOT, THIGH, lowest, step
from tools.figure_preview import reach

SVG = "{http://www.w3.org/2000/svg}"
PHASE_1 = """glute_bridge clamshell step_up_low squat nordic_hamstring_curl side_plank lateral_band_walk
stationary_bike wall_sit hamstring_stretch foam_roll_lateral_thigh swimming""".split()

CATALOG = load_catalog()
WITH_FIGURE = [ex for ex in CATALOG if ex.figure is not None]
IDS = [ex.id for ex in WITH_FIGURE]


def test_phase_1_exercises_have_figures():
    assert sorted(PHASE_1) == sorted(i for i in PHASE_1 if CATALOG.get(i).figure is not None)


def test_every_exercise_has_a_figure():
    assert [ex.id for ex in CATALOG if ex.figure is None] == []


@pytest.mark.parametrize("ex", WITH_FIGURE, ids=IDS)
def test_figure_is_well_formed_and_self_contained(ex):
    svg = figure_svg(ex)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") and root.get("width") and root.get("height")
    assert root.find(f"{SVG}title").text == ex.name
    for banned in ("href", "url(", "<image", "<script", "<style", "@import", "<foreignObject"):
        assert banned not in svg, banned
    assert len(root.findall(".//*")) < 40


@pytest.mark.parametrize("ex", WITH_FIGURE, ids=IDS)
def test_figure_is_deterministic(ex):
    again = Figure.model_validate(ex.figure.model_dump(by_alias=True))
    assert figure_svg(ex) == figure_svg(ex) == render_figure(again, ex.name)


def test_title_is_escaped():
    ex = WITH_FIGURE[0].model_copy(update={"name": "<b>&x</b>"})
    svg = figure_svg(ex)
    assert "<b>" not in svg and "&lt;b&gt;&amp;x&lt;/b&gt;" in svg
    assert ET.fromstring(svg).find(f"{SVG}title").text == "<b>&x</b>"


def test_exercise_without_figure_is_refused():
    bare = WITH_FIGURE[0].model_copy(update={"figure": None})
    with pytest.raises(ValueError, match="has no figure"):
        figure_svg(bare)


@pytest.mark.parametrize("ex", WITH_FIGURE, ids=IDS)
def test_every_joint_is_inside_the_panel(ex):
    fig = ex.figure
    for pose in (fig.start, fig.end):
        for name, (x, y) in panel_points(fig, pose).items():
            assert 0 <= x <= PANEL_WIDTH and PANEL_BOTTOM <= y <= fig.top, (pose, name, x, y)


@pytest.mark.parametrize("ex", WITH_FIGURE, ids=IDS)
def test_every_drawn_point_is_inside_the_view_box(ex):
    svg = figure_svg(ex)
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    numbers = []
    for el in root.iter():
        if el.get("points"):
            numbers += re.findall(r"(-?[\d.]+),(-?[\d.]+)", el.get("points"))
        if el.tag == f"{SVG}circle":
            numbers.append((el.get("cx"), el.get("cy")))
    for x, y in numbers:
        assert 0 <= float(x) <= width and 0 <= float(y) <= height, (x, y)


@pytest.mark.parametrize("ex", WITH_FIGURE, ids=IDS)
def test_resting_figures_touch_their_surface(ex):
    fig = ex.figure
    for pose in (fig.start, fig.end):
        if pose.y is not None:
            continue
        joints = panel_points(fig, pose)
        assert lowest(joints) == pytest.approx(pose.rest_on, abs=0.01)
        standing = fig.view == "side" and 80 <= pose.torso <= 100 and {pose.near.thigh, pose.near.shin} <= {None, -90}
        if standing:
            feet = min(joints[f"{part}_{side}"][1] for part in ("heel", "toe") for side in ("near", "far"))
            assert feet == pytest.approx(pose.rest_on, abs=0.5)


def test_standing_defaults():
    fig = Figure.model_validate({"start": {"x": 50}, "end": {"x": 50, "torso": 80}})
    joints = panel_points(fig, fig.start)
    assert joints["heel_near"][1] == pytest.approx(0)
    assert joints["toe_near"] == pytest.approx((50 + FOOT, 0))
    assert joints["knee_far"] == joints["knee_near"] == pytest.approx((50, joints["pelvis"][1] - THIGH))


def test_reach_lands_the_chain_on_its_target():
    upper, lower = reach((0, 0), (9, -24), 15, 14.5, 1)
    end = step(step((0, 0), upper, 15), lower, 14.5)
    assert end == pytest.approx((9, -24), abs=0.4)


RECORD_FIGURE = """
figure:
  start: {x: 40, near: {thigh: %s}}
  end: {x: 40, %s}
"""


def _load_with(tmp_path, thigh: str = "-90", extra: str = "torso: 80") -> None:
    shutil.copy(exercises_dir() / "calf_raise.yaml", tmp_path / "calf_raise.yaml")
    text = (tmp_path / "calf_raise.yaml").read_text().split("\nfigure:")[0]
    (tmp_path / "calf_raise.yaml").write_text(text + RECORD_FIGURE % (thigh, extra))
    load_catalog_from(tmp_path)


def test_a_good_figure_block_loads(tmp_path):
    _load_with(tmp_path)


@pytest.mark.parametrize(
    "thigh, extra, message",
    [
        ("400", "torso: 80", "figure.start.near.thigh: 400 is out of range; give -180-360 degrees"),
        ("'-90'", "torso: 80", "figure.start.near.thigh: '-90' is the wrong type; give a number"),
        ("-90", "torsoo: 80", "figure.end.torsoo: 80 is not a known field; did you mean torso?"),
        ("-90", "props: [{type: band, from: knee_nea, to: knee_far}]", "did you mean knee_near?"),
        ("-90", "props: [{type: step, x: 130}]", "figure.end.props[0].step.x: 130 is out of range; give 0-100"),
        ("-90", "props: [{type: wall, x: 20, colour: red}]", "colour: 'red' is not a known field"),
        ("-90", "arrows: [{from: [120, 3], angle: 0}]", "is outside the panel"),
    ],
)
def test_bad_figure_data_is_refused_readably(tmp_path, thigh, extra, message):
    with pytest.raises(LibraryError) as err:
        _load_with(tmp_path, thigh, extra)
    lines = err.value.problems
    assert any(line.startswith("calf_raise.yaml: ") and message in line for line in lines), lines
