"""Stored patients: the only package that speaks SQL. connection.py opens the file (its settings,
transactions, errors), migrations.py upgrades its schema (numbered migrations), store.py keeps
patients, profile versions, check-ins, issued plans and session logs as JSON text (rows.py: the
records it hands back), records.py checks what goes in, history.py reads a patient's check-ins
and decisions back (docs/progression.md, docs/architecture.md)."""
