"""Small SVG building blocks: an escaped element writer, a chart frame and a data table.

Hand-written rather than a chart library: a report must open offline with nothing to fetch or
run, the four charts are bars and one line, and every label must be the exact figure the tables
print (Decimal, decimal comma in Vietnamese), which a few lines of SVG give directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

from markupsafe import Markup, escape

FONT = 'system-ui, "Segoe UI", "Noto Sans", Arial, sans-serif'
#: Average advance of a character at 12px in the sans-serif stack, to size columns and labels.
CHAR = 6.6
COLOURS = {
    "good": "#2e7d32",
    "fair": "#f9a825",
    "poor": "#c62828",
    "track": "#e6e6e6",
    "ink": "#1a1a1a",
    "muted": "#5f6368",
    "now": "#1565c0",
    "plan": "#2e7d32",
    "cost": "#8e24aa",
    "grid": "#d0d0d0",
}
_ids = count(1)


def attrs(**values: object) -> str:
    """``name="value"`` pairs, escaped; ``_`` in a name becomes ``-``; None is left out."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in values.items()
        if value is not None
    )


def el(tag: str, body: str = "", **values: object) -> str:
    """An element; ``body`` is markup already (use :func:`text` for words)."""
    return f"<{tag}{attrs(**values)}>{body}</{tag}>" if body else f"<{tag}{attrs(**values)}/>"


def text(words: str, x: float, y: float, **values: object) -> str:
    """A text element holding ``words`` escaped."""
    return el("text", str(escape(words)), x=_n(x), y=_n(y), **values)


def clip(words: str, width: float) -> str:
    """``words`` shortened with an ellipsis to fit ``width`` pixels at 12px."""
    room = max(int(width / CHAR), 4)
    return words if len(words) <= room else words[: room - 1].rstrip() + "…"


def svg(title: str, width: float, height: float, body: str, summary: str = "") -> Markup:
    """A standalone, accessible SVG image: ``<title>`` and ``aria-labelledby`` name it, and
    ``summary`` (the figures in words) goes in ``<desc>`` for screen readers and search."""
    ident = f"chart-{next(_ids)}"
    head = el("title", str(escape(title)), id=f"{ident}-t")
    if summary:
        head += el("desc", str(escape(summary)), id=f"{ident}-d")
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg"'
        f"{attrs(viewBox=f'0 0 {_n(width)} {_n(height)}', width=_n(width), height=_n(height))}"
        f"{attrs(role='img', aria_labelledby=f'{ident}-t' + (f' {ident}-d' if summary else ''))}"
        f"{attrs(font_family=FONT, font_size='12', fill=COLOURS['ink'], class_='chart')}>"
    )
    return Markup(f"{root}{head}{body}</svg>")


def table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]
) -> Markup:
    """A data table drawn in SVG: a bold header row, ruled rows, numbers right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    columns = [w * CHAR + 16 for w in widths]
    line, pad = 22, 8
    width = sum(columns) + 2 * pad
    height = 34 + line * (len(rows) + 1) + pad
    parts = [text(title, pad, 20, font_size="15", font_weight="bold")]
    for r, row in enumerate([list(headers), *rows]):
        y = 34 + line * r
        if r:
            parts.append(el("line", x1=pad, x2=_n(width - pad), y1=y, y2=y, stroke=COLOURS["grid"]))
        x = float(pad)
        for cell, col, flush in zip(row, columns, right, strict=True):
            tx, anchor = (x + col - 8, "end") if flush else (x + 4, None)
            weight = "bold" if r == 0 else None
            parts.append(text(cell, tx, y + 15, text_anchor=anchor, font_weight=weight))
            x += col
    return svg(title, width, height, "".join(parts))


def _n(value: float) -> str:
    """A coordinate without needless decimals."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
