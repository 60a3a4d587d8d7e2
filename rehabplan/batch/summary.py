"""The batch's summary files: ``batch-summary.txt`` for people and ``batch-summary.json`` for
programs, every profile in name order with no timings (docs/batch.md)."""

import json

from rehabplan.batch.jobs import SUMMARY_JSON, SUMMARY_TXT, BatchResult, ItemResult
from rehabplan.english import plural
from rehabplan.output import write_atomically


def summary_data(result: BatchResult) -> dict:
    """The summary as plain data (``batch-summary.json``): no timings, so the same folder gives
    the same summary whatever the number of jobs."""
    return {
        "profiles_dir": str(result.profiles_dir),
        "out_dir": str(result.out_dir),
        "format": result.fmt,
        "paper": result.paper,
        "total": len(result.items),
        "written": len(result.written),
        "referrals": len(result.referrals),
        "failed": len(result.failures),
        "profiles": [_item_data(item) for item in result.items],
    }


def _item_data(item: ItemResult) -> dict:
    data = {
        "profile": item.profile,
        "status": item.status,
        "output": item.output,
        "bytes": item.size_bytes,
        "messages": list(item.messages),
    }
    if item.detail:
        data["traceback"] = item.detail
    return data


def summary_text(result: BatchResult) -> str:
    """The summary for people (``batch-summary.txt``): every profile, failures in full."""
    lines = [
        f"rehabplan batch: {plural(len(result.items), 'profile')} from {result.profiles_dir} to {result.out_dir} "
        f"({result.fmt}, {result.paper})",
        f"{plural(len(result.written), 'plan')} written ({plural(len(result.referrals), 'referral')}), "
        f"{len(result.failures)} failed",
        "",
    ]
    for item in result.items:
        if item.failed:
            lines.append(f"FAILED    {item.profile}")
        else:
            lines.append(f"{item.status:<9} {item.profile} -> {item.output}")
        lines += [f"    {message}" for message in item.messages]
        if item.detail:
            lines += [f"    | {line}" for line in item.detail.rstrip().splitlines()]
    return "\n".join(lines) + "\n"


def write_summaries(result: BatchResult) -> None:
    for name, text in (
        (SUMMARY_JSON, json.dumps(summary_data(result), indent=2, ensure_ascii=False) + "\n"),
        (SUMMARY_TXT, summary_text(result)),
    ):
        write_atomically(result.out_dir / name, text, label=str(result.out_dir / name))
