"""Reading and checking what people write: the profile, check-ins, init's questionnaire and the
commented profile it writes, typed answers, a clinician's logo. Strict models with every
problem named in the person's words (docs/profile.md); no planning here (docs/architecture.md)."""
