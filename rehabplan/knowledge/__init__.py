"""The clinical library as data: exercises (one file each), condition protocols, the walk-run
ladder, red flags, the pain rule, the check-in rules, references and the handout's own words,
each validated on load; lint.py cross-checks the whole library. No stage above is needed here
(docs/architecture.md)."""
