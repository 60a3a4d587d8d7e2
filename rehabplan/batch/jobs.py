"""What a batch builds and what became of it: one ``Job`` per profile, one ``ItemResult`` each,
and the ``BatchResult`` the summaries are written from."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
SUMMARY_TXT = "batch-summary.txt"
SUMMARY_JSON = "batch-summary.json"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Job:
    """One profile to build: where it is, where its plan goes, and how to render it."""

    profile: Path
    output: Path
    fmt: str
    paper: str


@dataclass(frozen=True)
class ItemResult:
    """What became of one profile. ``messages``: a failure's lines, or a referral's message."""

    profile: str  # the profile's file name
    status: str  # "ok", "referral" or "failed"
    output: str | None = None  # the file written in the output folder
    size_bytes: int = 0
    seconds: float = 0.0
    messages: tuple[str, ...] = ()
    detail: str | None = None  # an internal error's traceback, for the summary files

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass(frozen=True)
class BatchResult:
    profiles_dir: Path
    out_dir: Path
    fmt: str
    paper: str
    jobs: int  # worker processes used (1: in this process)
    seconds: float
    items: list[ItemResult] = field(default_factory=list)

    @property
    def written(self) -> list[ItemResult]:
        return [item for item in self.items if not item.failed]

    @property
    def failures(self) -> list[ItemResult]:
        return [item for item in self.items if item.failed]

    @property
    def referrals(self) -> list[ItemResult]:
        return [item for item in self.items if item.status == "referral"]

    @property
    def summary_path(self) -> Path:
        return self.out_dir / SUMMARY_TXT
