"""Small pieces shared by the renderers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from cchc_score.decimal_utils import fmt
from cchc_score.i18n import Lang, code_label, t

#: What a terminal would act on rather than show: C0 controls but line feed and tab, DEL and C1
#: (an ESC starts every escape sequence, so showing it makes the rest of the sequence plain).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` safe to write to a terminal: each control character shown as its escape
    (``\\x1b`` for ESC), so a name or a file name cannot clear the screen, move the cursor or
    retitle the window; everything else as it is."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def plain(text: str, style: str = "") -> Text:
    """Data (a unit's name, a label, a file name, a reason) as a rich cell: :func:`clean` text
    in a ``Text``, never parsed as markup, so ``[/]`` or ``[red]`` in a name shows as written."""
    return Text(clean(text), style=style)


class SafeConsole(Console):
    """A console for reports of data from files: a plain string it renders (a table cell, a
    title, a caption) is text, never markup or ``:emoji:`` codes, with :func:`clean` control
    characters; a control character a ``Text`` still holds is shown escaped as it is written
    out. The renderers' own styling is in ``Text`` styles, which this leaves alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)
        kwargs.setdefault("emoji", False)
        super().__init__(*args, **kwargs)

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs["markup"] = False
        kwargs["emoji"] = False
        return super().render_str(clean(text), **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterator[Segment]:
        # The last guard: Text built from data without plain() (a width off by the escape's
        # length is better than a sequence the terminal runs).
        for segment in super().render(renderable, options):
            if segment.control is None and CONTROL.search(segment.text):
                yield Segment(clean(segment.text), segment.style)
            else:
                yield segment


def bar(points: Decimal, maximum: Decimal, width: int = 10) -> Text:
    """A bar of ``width`` cells filled in proportion to points / maximum."""
    share = Decimal(0) if maximum <= 0 else max(Decimal(0), min(points / maximum, Decimal(1)))
    filled = int((share * width).to_integral_value(rounding="ROUND_HALF_UP"))
    style = "green" if share >= Decimal("0.8") else "yellow" if share >= Decimal("0.5") else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


def points_text(value: Decimal | None, places: int = 2) -> str:
    return fmt(value, places)


def block_text(block: str, lang: Lang, lower: bool = False) -> str:
    """A block for people: ``Block district`` in English (as reports always said), the
    block's name in Vietnamese ("Khối UBND cấp huyện"); ``lower`` for the middle of a line."""
    if lang == "en":
        word = t("Block", lang)
        return f"{word.lower() if lower else word} {block}"
    return code_label("block", block, lang)


#: A figure in an evidence value's words ("85.5%", "a 50%, b 12.5%", "1.5"): the results keep
#: those words as the engine wrote them (JSON unchanged), so the figure is localised here.
FIGURE = re.compile(r"(?<![\w.])(\d+)\.(\d+)(?=\s?%|,|$)")


def value_text(value: str, lang: Lang) -> str:
    """An evidence value's words with the decimal comma in Vietnamese."""
    return value if lang == "en" else FIGURE.sub(r"\1,\2", value)
