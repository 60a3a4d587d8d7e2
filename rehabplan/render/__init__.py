"""Rendering a plan for people: view models, HTML, PDF, exercise figures.

The only package that imports jinja2 and weasyprint; each import sits inside the function
that needs it, so the light commands stay fast.
"""
