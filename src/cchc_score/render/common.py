"""Small pieces shared by the renderers."""

from __future__ import annotations

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
