"""What one `lessonkit export FORMAT OUT` run wrote: the files and the counts it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Exported:
    """The files an export wrote (inside OUT) and what they hold, e.g. {"notes": 89}."""

    paths: tuple[Path, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line per file, then the counts, as the command prints them."""
        lines = [f"wrote {path}" for path in self.paths]
        if self.counts:
            lines.append(", ".join(f"{count} {_number(what, count)}" for what, count in self.counts.items()))
        return "\n".join(lines)


def _number(what: str, count: int) -> str:
    """"1 deck", "1 category", "2 decks": the counts are named in the plural."""
    if count != 1 or not what.endswith("s"):
        return what
    return what[:-3] + "y" if what.endswith("ies") else what[:-1]
