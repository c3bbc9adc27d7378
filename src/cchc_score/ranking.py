"""Ranks within a block, ties, bands.

Units are ranked within each block of each year, by index, best first. The tie policy is the
criteria set's ``tie_policy`` (or the one passed to :func:`rank`):

``shared`` (default)
    Equal indexes share a rank and the ranks after them are skipped: 1, 2, 2, 4.
``dense``
    Equal indexes share a rank and no rank is skipped: 1, 2, 2, 3.
``unrounded``
    Units are ordered by their index before rounding (unrounded total × 100 / maximum, exactly);
    they share a rank, as in ``shared``, only when those are exactly equal. A published table
    without totals falls back to the published index.
``appraised_first``
    Equal indexes are told apart by the appraised part (higher first); units still equal share a
    rank. When a unit in a group of equal indexes has no appraised part, the group shares its rank.

The units of a block and year must have been scored under one criteria set (one id and one
version): units of different sets are refused (``mixed_criteria_sets``), since their points and
areas stand on different scales. Units naming no set (published indexes) rank with any.

Per-area ranks use the area's points, shared (dense under ``dense``). Within a rank, units are
listed by name, so the table does not depend on the order of its input.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from .errors import CchcScoreError, InputFileError, Msg, msg
from .i18n import Label, code_label
from .model.criteria import Band, CriteriaSet, TiePolicy
from .model.ranking import AreaPoints, BlockTable, Entry, LeagueTable, Standing
from .model.result import Result
from .peers_year import join_year

RankingTie = Literal["shared", "dense"]
ZERO = Decimal(0)
TIE_POLICIES: tuple[TiePolicy, ...] = ("shared", "dense", "unrounded", "appraised_first")
#: A rank key: Decimals, or Fractions when unrounded indexes of different maxima are compared
#: (exact either way; Decimals compare much faster).
Key = tuple[Decimal | Fraction, ...]


def rank_position(own: Decimal, others: Iterable[Decimal], ties: RankingTie = "shared") -> int:
    """Rank of a unit scoring ``own`` among units scoring ``others`` (higher is better).

    ``shared``: units with equal scores share a rank and the next rank is skipped (1, 2, 2, 4);
    ``dense``: equal scores share a rank and none is skipped (1, 2, 2, 3).
    """
    if ties == "dense":
        return 1 + len({o for o in others if o > own})
    return 1 + sum(1 for o in others if o > own)


def rank_keys(entries: Sequence[Entry], policy: TiePolicy) -> list[Key]:
    """The key each entry is ranked by under ``policy``; a higher key ranks higher."""
    if policy == "unrounded":
        maxima = {e.total_max for e in entries}
        totals = [e.unrounded_total if e.unrounded_total is not None else e.total for e in entries]
        if len(maxima) == 1 and None not in maxima and all(t is not None for t in totals):
            # One maximum: the unrounded totals order the units as their indexes do.
            return [(t,) for t in totals if t is not None]
        return [(e.unrounded_index,) for e in entries]
    if policy != "appraised_first":
        return [(e.index,) for e in entries]
    complete: dict[Decimal, bool] = defaultdict(lambda: True)
    for e in entries:
        complete[e.index] = complete[e.index] and e.appraised is not None
    return [(e.index, (e.appraised or ZERO) if complete[e.index] else ZERO) for e in entries]


def ranks_of(keys: Sequence[Key], dense: bool = False) -> list[int]:
    """The rank of each key among all of them: shared ties (1, 2, 2, 4), or dense (1, 2, 2, 3)."""
    if dense:
        distinct = sorted(set(keys))
        return [len(distinct) - bisect_left(distinct, k) for k in keys]
    ascending = sorted(keys)
    # The units strictly better stand after the last key equal to this one.
    return [1 + len(keys) - bisect_right(ascending, k) for k in keys]


def position(own: Entry, others: Iterable[Entry], policy: TiePolicy) -> int:
    """Rank ``own`` would take among ``others`` under ``policy`` (a unit is not its own peer)."""
    pool = [e for e in others if not e.same_unit(own)]
    keys = rank_keys([own, *pool], policy)
    return ranks_of(keys, dense=policy == "dense")[0]


def _name_key(entry: Standing) -> tuple[int, str, str, str, str]:
    name = unicodedata.normalize("NFC", entry.unit)
    return (entry.rank, name.casefold(), name, entry.unit_id or "", entry.source or "")


def set_name(entry: Entry) -> str | None:
    """``id version`` of the set an entry was scored under, or None when it names none."""
    if entry.criteria_set is None:
        return None
    return f"{entry.criteria_set} {entry.set_version or ''}".strip()


def check_one_set(block: str, year: int, entries: Sequence[Entry]) -> None:
    """Refuse a block whose units were scored under different criteria sets (or versions).

    Their points stand on different scales and areas, so a table of them would mislead; units
    that name no set (published indexes) rank with any.
    """
    by_set: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        name = set_name(e)
        if name is not None:
            by_set[name].append(e)
    if len(by_set) < 2:
        return
    # The set of fewest units first: the likeliest stray, named with a file to look at.
    order = sorted(by_set, key=lambda k: (len(by_set[k]), k))
    parts = []
    for name in order:
        units = by_set[name]
        where = (
            f": {min(e.source for e in units if e.source)}" if any(e.source for e in units) else ""
        )
        parts.append(
            msg("{name} ({n} units{where})", name=name, n=len(units), where=where)
            if len(units) > 1
            else msg("{name} (1 unit{where})", name=name, where=where)
        )
    raise CchcScoreError(
        msg(
            "block {block!r}, {year} mixes criteria sets {sets}: points under different sets do"
            " not rank together; rank them separately",
            block=_block(block),
            year=year,
            sets=_joined(parts),
        ),
        code="mixed_criteria_sets",
    )


def _block(code: str) -> Label:
    """A block in a message: by its label in Vietnamese, its code in English."""
    return Label(code_label("block", code, "vi"), code)


def _joined(parts: Sequence[Msg]) -> Label:
    """Messages listed in one sentence, said in the sentence's language."""
    return Label(", ".join(p.get("vi") for p in parts), ", ".join(parts))


def _policy_for(
    entries: Sequence[Entry],
    sets: dict[tuple[str, str | None], CriteriaSet],
    chosen: TiePolicy | None,
) -> tuple[TiePolicy, list[CriteriaSet]]:
    """The policy in force and the set of the block (one at most: see :func:`check_one_set`)."""
    found: dict[str, CriteriaSet] = {}
    for e in entries:
        if e.criteria_set is None:
            continue
        cset = sets.get((e.criteria_set, e.set_version)) or sets.get((e.criteria_set, None))
        if cset is not None:
            found[f"{cset.id} {cset.version}"] = cset
    used = [found[k] for k in sorted(found)]
    policy: TiePolicy = chosen or (used[0].tie_policy if used else "shared")
    return policy, used


def duplicates(entries: Iterable[Entry]) -> list[tuple[Entry, Entry]]:
    """Entries naming a unit already given for the same block and year, each with the first
    one (in order of source), which is the one kept."""
    seen: dict[tuple[int, str, str], Entry] = {}
    out = []
    for e in sorted(entries, key=lambda x: (x.source or "", x.identity)):
        first = seen.setdefault((e.year, e.block, e.identity), e)
        if first is not e:
            out.append((e, first))
    return out


def _check_unique(block: str, year: int, entries: Sequence[Entry]) -> None:
    for e, first in duplicates(entries):
        raise CchcScoreError(
            msg(
                "unit {unit!r} appears twice in block {block!r}, {year} (also in {source})",
                unit=e.unit,
                block=_block(block),
                year=year,
                source=first.source,
            )
            if first.source
            else msg(
                "unit {unit!r} appears twice in block {block!r}, {year}",
                unit=e.unit,
                block=_block(block),
                year=year,
            ),
            file=e.source,
            code="duplicate_unit",
        )


def area_ranks(entries: Sequence[Entry], dense: bool) -> list[tuple[AreaPoints, ...]]:
    """Each entry's areas with their rank among the entries that have the same area."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        for a in e.areas:
            holders[a.id].append(i)
    ranked: dict[tuple[int, str], tuple[int, int]] = {}
    for area_id, who in holders.items():
        points = [entries[i].area(area_id) for i in who]
        ranks = ranks_of([(p.points,) for p in points if p is not None], dense)
        for i, r in zip(who, ranks, strict=True):
            ranked[(i, area_id)] = (r, len(who))
    return [
        tuple(
            # Built from validated parts: model_construct skips validating them again.
            AreaPoints.model_construct(
                **{**a.__dict__, "rank": ranked[(i, a.id)][0], "of": ranked[(i, a.id)][1]}
            )
            for a in e.areas
        )
        for i, e in enumerate(entries)
    ]


def kept_rank(entry: Entry, rank: int, ranked: int) -> dict[str, int]:
    """The rank and "of N" a league table shows for ``entry``: the published ones when its table
    lists fewer units than were ranked (a table of only some units still shows "8/12"), else
    ``rank`` of the ``ranked`` units listed.

    Raises InputFileError when a table lists more units than its "of" says were ranked.
    """
    if entry.published_rank is None or entry.published_of is None:
        return {"rank": rank, "of": ranked}
    if ranked > entry.published_of:
        file, _colon, line = (entry.source or "").rpartition(":")
        raise InputFileError(
            msg(
                "rank {rank} of {of}, but the table lists {listed} units of block {block!r}"
                " in {year}",
                rank=entry.published_rank,
                of=entry.published_of,
                listed=ranked,
                block=entry.block,
                year=entry.year,
            ),
            file=file or None,
            place=f"line {line}" if line else None,
            code="published_rank",
        )
    if ranked < entry.published_of:
        return {"rank": entry.published_rank, "of": entry.published_of}
    return {"rank": rank, "of": ranked}


def rank_block(
    block: str,
    year: int,
    entries: Sequence[Entry],
    policy: TiePolicy | None = None,
    sets: Iterable[CriteriaSet] = (),
) -> BlockTable:
    """The league table of one block in one year."""
    _check_unique(block, year, entries)
    check_one_set(block, year, entries)
    by_key: dict[tuple[str, str | None], CriteriaSet] = {(c.id, c.version): c for c in sets}
    by_key.update({(c.id, None): c for c in sorted(by_key.values(), key=lambda c: c.version)})
    in_force, used = _policy_for(entries, by_key, policy)
    ranks = ranks_of(rank_keys(entries, in_force), dense=in_force == "dense")
    areas = area_ranks(entries, dense=in_force == "dense")
    n = len(entries)

    def band(entry: Entry) -> Band | None:
        # A published row naming no set is banded by the set of the rest of its block.
        if entry.band is not None or entry.criteria_set is not None or not used:
            return entry.band
        return used[0].band_of(block, entry.index, entry.unrounded_index)

    standings = sorted(
        (
            Standing.model_construct(
                **{**e.__dict__, "areas": a, **kept_rank(e, r, n), "band": band(e)}
            )
            for e, r, a in zip(entries, ranks, areas, strict=True)
        ),
        key=_name_key,
    )
    bands = used[0].bands_for(block) if used else ()
    counts = Counter(s.band.code for s in standings if s.band is not None)
    order = [b.code for b in bands] + sorted(set(counts) - {b.code for b in bands})
    return BlockTable(
        block=block,
        year=year,
        tie_policy=in_force,
        criteria_sets=tuple(f"{c.id} {c.version}" for c in used),
        sets_outside_years=tuple(
            f"{c.id} {c.version} ({c.years.text()})" for c in used if not c.valid_for(year)
        ),
        bands=bands,
        band_counts={code: counts[code] for code in order if counts[code]},
        standings=tuple(standings),
    )


def rank(
    results: Iterable[Result | Entry],
    *,
    policy: TiePolicy | None = None,
    sets: Iterable[CriteriaSet] = (),
    peers_year: int | None = None,
) -> LeagueTable:
    """Rank units within each block of each year.

    Args:
        results: scored results, or entries (published figures; see ``cchc_score.published``).
        policy: the tie policy to use; None: the one the units' criteria set declares (``sets``),
            or ``shared`` when no set is given.
        sets: the criteria sets the units were scored under: they supply the tie policy and the
            bands listed with each block.
        peers_year: rank every unit of another year against the other units' results of this
            year (a draft self-assessment against last year's results); each unit keeps its
            own year, and the table records the choice (``LeagueTable.peers_year``).

    Returns:
        One table per (year, block), ordered by year then block. Raises CchcScoreError when a
        unit appears twice in a block (``duplicate_unit``), or units of one block and year were
        scored under different criteria sets or versions of a set (``mixed_criteria_sets``).
    """
    groups: dict[tuple[int, str], list[Entry]] = defaultdict(list)
    for item in results:
        entry = Entry.from_result(item) if isinstance(item, Result) else item
        groups[(entry.year, entry.block)].append(entry)
    joined = False
    if peers_year is not None:
        groups, joined = join_year(groups, peers_year)
    known = list(sets)
    return LeagueTable(
        blocks=tuple(
            rank_block(block, year, groups[(year, block)], policy, known)
            for year, block in sorted(groups)
        ),
        peers_year=peers_year if joined else None,
    )
