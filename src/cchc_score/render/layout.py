"""Reports that fit the terminal they are printed on: a wide table where there is room, a
stacked one (a row's cells one under the other) on a narrow terminal, instead of columns
squeezed to a few letters each."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from .common import clean

#: Below this many columns, tables with many text columns are stacked.
NARROW = 100


class Responsive:
    """``wide`` where the console gives at least ``min_width`` columns, else ``narrow``."""

    def __init__(
        self, wide: RenderableType, narrow: RenderableType, min_width: int = NARROW
    ) -> None:
        self.wide = wide
        self.narrow = narrow
        self.min_width = min_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def stacked(
    title: str,
    headings: tuple[str, str],
    rows: list[tuple[str, str, list[tuple[str, str]]]],
    caption: str | None = None,
) -> Table:
    """A narrow table of two columns: a row's key (an id, a number) and, under its title, the
    row's other cells as ``label: value`` lines."""
    table = Table(title=title, caption=caption, show_lines=True, expand=True)
    table.add_column(headings[0], no_wrap=True)
    table.add_column(headings[1], ratio=1)
    for key, head, facts in rows:
        cell = Text(clean(head), style="bold")
        for label, value in facts:
            cell.append("\n")
            cell.append(f"{label}: ", style="dim")
            cell.append(clean(value))
        table.add_row(Text(clean(key)), cell)
    return table
