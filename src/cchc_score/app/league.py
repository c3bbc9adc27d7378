"""League tables from what :func:`collect` read."""

from __future__ import annotations

from cchc_score.errors import CchcScoreError, msg
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.ranking import LeagueTable
from cchc_score.ranking import TIE_POLICIES, rank

from .inputs import Inputs


def league_of(
    got: Inputs, *, default_set: CriteriaSet | None = None, tie_policy: str | None = None
) -> LeagueTable:
    """Rank what was read, per block and year; the files skipped travel with the table."""
    if not got.entries:
        raise CchcScoreError(
            msg("nothing to rank: no assessment or published total could be read"),
            code="nothing_to_rank",
        )
    sets = list(got.sets.values()) + ([default_set] if default_set else [])
    policy = next((p for p in TIE_POLICIES if p == tie_policy), None)
    league = rank(got.entries, policy=policy, sets=sets)
    return league.model_copy(update={"skipped": tuple(got.skipped)})
