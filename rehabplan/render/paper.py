"""Paper sizes, and the default one for the user's locale."""

import os

PAPERS = {"a4": "A4", "letter": "letter"}
# Where US Letter is the usual office paper; everywhere else uses A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "DO", "PR", "SV", "NI"})


def default_paper(environ: dict[str, str] | None = None) -> str:
    """``letter`` when the locale's territory uses it (LC_ALL, LC_PAPER, LANG), else ``a4``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(name, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"
