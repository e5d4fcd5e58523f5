"""What an import made, and what it left out: shown to the person who asked for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from pathmapper.model import PathMap


def count_of(number: int, singular: str, plural: str | None = None) -> str:
    """`1 step`, `2 steps`: a number with its noun."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


@dataclass
class ImportResult:
    """A map made from another tool's file, with a note for each thing not carried over."""

    path_map: PathMap
    source: str
    left_out: list[str] = field(default_factory=list)  # one line per thing not imported
    remarks: list[str] = field(default_factory=list)  # things imported in a changed form

    def headline(self) -> str:
        path_map = self.path_map
        return (
            f"Imported {self.source}: {count_of(len(path_map.lanes), 'lane')}, "
            f"{count_of(len(path_map.steps), 'step')}, {count_of(len(path_map.flows), 'flow')}, "
            f"{count_of(len(path_map.comments), 'comment')}."
        )

    def summary_lines(self) -> list[str]:
        """The headline, then what was changed, then what was not imported (or that nothing
        was left out)."""
        lines = [self.headline()]
        lines += [f"  {remark}" for remark in self.remarks]
        if self.left_out:
            lines.append(f"Not imported ({len(self.left_out)}):")
            lines += [f"  {item}" for item in self.left_out]
        else:
            lines.append("Everything in the file was imported.")
        return lines
