"""Rendering a plan for people: view models (view*.py: plain dictionaries), HTML from the
templates (html.py), PDF (pdf.py, with the restrictive fetcher.py), the calendar (ics.py),
the pain chart (charts.py) and the exercise figures (figures/).

The only package that imports jinja2, weasyprint and icalendar (and markupsafe); the heavy
ones are imported inside the functions that need them, so the light commands stay fast. It
never imports rehabplan.api, rehabplan.cli or rehabplan.planning (docs/architecture.md).
"""
