"""A unit of one year against the other units' results of another year.

Staff ask where this year's draft self-assessment would put them before any other unit has
published this year's figures: the only field to stand in is last year's results. That is a
choice made explicitly (``peers_year``), never a silent mixing of years, and every report that
shows such a comparison says so (:func:`peers_note`) beside the unit's own year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .i18n import Lang, t
from .model.ranking import Entry

Groups = Mapping[tuple[int, str], Sequence[Entry]]


def join_year(groups: Groups, year: int) -> tuple[dict[tuple[int, str], list[Entry]], bool]:
    """Entries grouped by (year, block), with every unit of another year moved into ``year``'s
    group of its block, and whether any was moved.

    A moved unit replaces its own result of ``year``: a draft of 2022 is compared with the
    *other* units' 2021 results, not with itself a year earlier. Each entry keeps its own year.
    """
    out: dict[tuple[int, str], list[Entry]] = {}
    moved: dict[str, list[Entry]] = {}
    for (y, block), entries in groups.items():
        if y == year:
            out.setdefault((y, block), []).extend(entries)
        else:
            moved.setdefault(block, []).extend(entries)
    for block, drafts in moved.items():
        field = out.get((year, block), [])
        kept = [e for e in field if not any(e.same_unit(d) for d in drafts)]
        out[(year, block)] = [*kept, *drafts]
    return out, bool(moved)


def peers_note(year: int, lang: Lang | str) -> str:
    """The note every report of such a comparison carries."""
    return t("compared with other units' {year} results", lang, year=year)
