"""Today's sessions and the guided session: one day of a plan (day.py), the guide's script and
its player against an injected clock (guide.py), and the check-in questions at its end, kept
as a session log (session_log.py). No click and no renderer: the CLI hands in the terminal
(docs/today.md, docs/architecture.md)."""
