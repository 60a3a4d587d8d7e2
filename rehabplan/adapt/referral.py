"""Red flags to a referral and to the lines of a safety alert: the most urgent first, each with
its urgency and what to do (data/red_flags.yaml, R-PM-03). Used at intake, by a check-in, by
init's screening and by the guide's end questions, so a red flag reads the same everywhere."""

from collections.abc import Sequence

from rehabplan.knowledge.protocols import load_red_flags
from rehabplan.plan_model import Referral
from rehabplan.vocab import URGENCIES


def most_urgent_first(flags: Sequence[str]) -> list[str]:
    """Red-flag words without repeats, the most urgent first (emergency, urgent, soon, routine),
    then in the order of data/red_flags.yaml, so the same flags always read the same."""
    info = load_red_flags()
    order = list(info)
    return sorted(set(flags), key=lambda f: (URGENCIES.index(info[f].urgency), order.index(f)))


def flag_referral(flags: Sequence[str], week: int | None = None, checkin: bool = False) -> Referral:
    """R-PM-03: the referral for red flags: at intake (``week`` None) no plan starts; reported in
    a check-in, running and loading stop after that week (``checkin`` with no week: a check-in
    whose week could not be read stops them now). The most urgent flag's action leads, then
    every flag with its urgency and action (data/red_flags.yaml)."""
    info = load_red_flags()
    ordered = [info[f] for f in most_urgent_first(flags)]
    top = ordered[0]
    if week is not None:
        start = f"Stop running and stop adding load after week {week}: a warning sign was reported."
    elif checkin:
        start = "Stop running and stop adding load now: a warning sign was reported."
    else:
        start = "Do not start a rehab or running plan yet."
    return Referral(
        urgency=top.urgency,
        reasons=[f"{i.title} ({i.urgency}): {i.action}" for i in ordered],
        message=f"{start} {top.action} Make a new plan once a clinician has checked your knee.",
    )


def flag_lines(flags: Sequence[str]) -> list[str]:
    """A red flag answered yes to a single question (init's screening, the guide's end
    questions): one line per flag, most urgent first, with its urgency, what it is and what to do
    (``RED FLAG (urgent): Knee locks ... Stop running ...``); [] for no flags.

    Why every flag in full: each says where to go; a less urgent one can still name a check the
    more urgent one does not (a calf clot besides a locked knee).
    """
    info = load_red_flags()
    return [f"RED FLAG ({info[f].urgency}): {info[f].title}. {info[f].action}" for f in most_urgent_first(flags)]


def alert_lines(referral: Referral) -> list[str]:
    """A referral as the lines of a safety alert: the urgency and message, then each reason."""
    return [f"REFERRAL ({referral.urgency}): {referral.message}", *(f"  - {r}" for r in referral.reasons)]


def red_flag_alert(flags: list[str], week: int | None = None, checkin: bool = False) -> list[str]:
    """What to print the moment a red flag is reported (a check-in for ``week``, or at intake
    when ``week`` is None): the plan's referral for these flags, word for word; [] for no flags.

    Why at once: a red flag may need care today (a suspected blood clot, a hot swollen joint);
    waiting for the next plan to say so could cost that day.
    """
    return alert_lines(flag_referral(flags, week, checkin)) if flags else []
