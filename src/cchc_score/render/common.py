"""Small pieces shared by the renderers."""

from __future__ import annotations

import re
from decimal import Decimal

from rich.text import Text

from cchc_score.decimal_utils import fmt
from cchc_score.i18n import Lang, code_label, t


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
