"""What several test modules share: a valid profile (GOOD), and in the modules here the fixtures
and helpers of one stage each (patients.py, today.py, checkins.py, render.py, terminal.py).
A test module imports the fixtures it uses from them; none imports another test module."""

GOOD = """\
name: Test Runner
age: 34
conditions: [patellofemoral_pain]
side: right
pain: {at_rest: 1, during_run: 5}
walk_30min_pain_free: true
availability: {mon: 45, wed: 45, sat: 60}
"""
