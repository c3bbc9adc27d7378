"""League tables from what :func:`collect` read."""

from __future__ import annotations

from cchc_score.errors import CchcScoreError, msg
from cchc_score.labels import block_words
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import LeagueTable
from cchc_score.ranking import TIE_POLICIES, rank

from .inputs import Inputs


def league_of(
    got: Inputs,
    *,
    default_set: CriteriaSet | None = None,
    tie_policy: str | None = None,
    peers_year: int | None = None,
) -> LeagueTable:
    """Rank what was read, per block and year; the files skipped travel with the table.

    Args:
        peers_year: rank every unit of another year (a draft) against the other units'
            results of this year; refused when no unit of a draft's block is of that year.
    """
    if not got.entries:
        raise CchcScoreError(
            msg("nothing to rank: no assessment or published total could be read"),
            code="nothing_to_rank",
        )
    if peers_year is not None:
        check_peers_year(got, peers_year)
    sets = list(got.sets.values()) + ([default_set] if default_set else [])
    policy = next((p for p in TIE_POLICIES if p == tie_policy), None)
    league = rank(got.entries, policy=policy, sets=sets, peers_year=peers_year)
    return league.model_copy(update={"skipped": tuple(got.skipped)})


def check_peers_year(got: Inputs, year: int) -> None:
    """Refuse a draft whose block has no unit of ``year`` among those read: it would rank
    alone, which is not what was asked."""
    field = {e.block for e in got.entries if e.year == year}
    for entry in got.entries:
        if entry.year != year and entry.block not in field:
            years = sorted({e.year for e in got.entries if e.block == entry.block})
            raise CchcScoreError(
                msg(
                    "no unit of block {block} in {year} to compare {unit} with (years given:"
                    " {years})",
                    block=block_words(entry.block),
                    year=year,
                    unit=entry.unit,
                    years=", ".join(map(str, years)),
                ),
                file=entry.source,
                code="no_peers_of_year",
            )


def lone_units(league: LeagueTable) -> list[tuple[str, int, int]]:
    """Units alone in their block's table while the same block has a table of other units in
    another year: (unit, its year, that other year). A draft given beside last year's results
    ranks 1 of 1 unless ``peers_year`` is chosen; the command says so."""
    out = []
    for table in league.blocks:
        if len(table.standings) != 1:
            continue
        others = [
            b.year
            for b in league.blocks
            if b.block == table.block and b.year != table.year and len(b.standings) > 1
        ]
        if others:
            out.append((table.standings[0].unit, table.year, others[-1]))
    return out
