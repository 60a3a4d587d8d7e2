"""The handout's condition pages and its list of sources.

Each condition in the plan gets a page of plain-language points (its file's ``education:``):
what is going on, load and the pain rule, the time course and what that condition needs on
top (step rate, hip and knee work together, activity being safe). Every point shows where it
comes from in short form; the sources page at the end gives each in full.
"""

import re
from collections.abc import Iterable

from rehabplan.knowledge.protocols import Protocol
from rehabplan.knowledge.references import Reference


def education_view(conditions: Iterable[str], protocols: dict[str, Protocol], refs: dict[str, Reference]) -> list[dict]:
    """One page per condition, its points grouped under their headings (the data keeps a
    topic's points together: knowledge/lint.py)."""
    pages = []
    for condition in conditions:
        protocol = protocols[condition]
        topics: list[dict] = []
        for item in protocol.education:
            if not topics or topics[-1]["topic"] != item.topic:
                topics.append({"topic": item.topic, "heading": item.heading, "points": []})
            topics[-1]["points"].append({"text": item.text, "source": short_citation(refs[item.source])})
        pages.append(
            {
                "condition": condition,
                "title": protocol.title,
                "also_called": ", ".join(protocol.also_called),
                "topics": topics,
            }
        )
    return pages


def education_sources(conditions: Iterable[str], protocols: dict[str, Protocol]) -> list[str]:
    """The source keys the condition pages cite, in order of first use."""
    return list(dict.fromkeys(item.source for c in conditions for item in protocols[c].education))


def references_view(keys: Iterable[str], refs: dict[str, Reference]) -> list[dict]:
    """Every source the handout cites, once, in full, in order of its short form (how the
    pages name it); ``lead`` is the part of the citation the short form names, set in bold.

    Why the DOI and not the stored URL: many URLs are where a copy was read (a mirror, a
    repository of hospital leaflets), not a page to send a patient to; ``rehabplan conditions
    show`` and ``exercises show`` print everything."""
    rows = []
    for key in dict.fromkeys(keys):
        ref = refs[key]
        short = short_citation(ref)
        name = re.sub(r"( et al\.)?( (19|20)\d{2})?$", "", short)
        lead, rest = (
            (name, ref.citation[len(name) :]) if ref.citation.startswith(name) else (short, f". {ref.citation}")
        )
        rows.append({"short": short, "lead": lead, "rest": rest, "link": f"doi:{ref.doi}" if ref.doi else ""})
    return sorted(rows, key=lambda r: (r["short"].casefold(), r["rest"]))


AUTHOR = re.compile(r"^((?:(?:van|der|de|den|von|la|le) )*[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? [A-Z]{1,3})\b")


def short_citation(ref: Reference) -> str:
    """``Crossley KM et al. 2016``, or an organisation's title with its year: enough to find the
    full reference on the handout's sources page."""
    year = re.search(r"\b(19|20)\d{2}\b", ref.citation)
    author = AUTHOR.match(ref.citation)
    if author:
        many = ref.citation[author.end() : author.end() + 2].startswith(",")
        name = author.group(1) + (" et al." if many else "")
    else:
        name = ref.citation.split(". ")[0].split(" (")[0]
        if len(name) > 70:
            name = name[:70].rsplit(" ", 1)[0].rstrip(" .,:") + "…"
    if year and year.group(0) not in name:
        name += f" {year.group(0)}"
    return name
