"""Exercise figures: the stick figure posed from an exercise's own angles (skeleton.py), its
props (props.py), SVG pieces (svgparts.py), the start-and-end panels (drawing.py) and the
picture placed in the handout (pictures.py). The authoring guide is docs/figures.md."""
