"""Check-ins to decisions (advance, hold, step back, stop), what a decision changes in the
state carried into the next week, whether a check-in fits its plan, and red flags to a
referral. Pure functions: no store, no solver, no renderer (docs/progression.md,
docs/architecture.md)."""
