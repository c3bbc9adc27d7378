"""One unit's result in two years, explained, with its block's peers when given."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from pathlib import Path

from cchc_score.compare import check_peers, compare
from cchc_score.errors import CchcScoreError, InputFileError, msg
from cchc_score.lineage import crossing
from cchc_score.model.comparison import Comparison
from cchc_score.model.lineage import Lineage
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result

from .context import Context
from .inputs import OnSkip, collect
from .scoring import score_path


def peer_entries(
    ctx: Context,
    paths: Sequence[str | PathLike[str]],
    own: Result,
    option: str,
    on_skip: OnSkip | None = None,
) -> list[Entry]:
    """Entries of the peers' files (bad files are skipped, named); refused when none is of the
    unit's block and year (the unit's own file counts: a block of one ranks it 1 of 1)."""
    got = collect(ctx, paths, on_skip=on_skip)
    try:
        check_peers(own, got.entries, option)
    except CchcScoreError as exc:
        raise exc.located(file=", ".join(str(p) for p in paths)) from None
    return got.entries


def compare_files(
    ctx: Context,
    old: str | PathLike[str],
    new: str | PathLike[str],
    *,
    peers_old: Sequence[str | PathLike[str]] = (),
    peers_new: Sequence[str | PathLike[str]] = (),
    siblings: bool = False,
    on_skip: OnSkip | None = None,
    peers: Sequence[str | PathLike[str]] = (),
    lineage: Lineage | None = None,
) -> Comparison:
    """Compare a unit's OLD and NEW files.

    Args:
        peers: the block's units of both years (files, folders, tables), each year's picked
            by its year, as ``simulate`` takes them.
        peers_old, peers_new: the block's units in each year, given apart.
        siblings: the other files in OLD's and NEW's folders are the block's units.
        lineage: a lineage table linking OLD's unit to NEW's across a reorganisation: then
            the two may be different units under different sets (areas compared as wholes,
            the crossing stated); peers are refused, ranks of different blocks not compared.
    """
    old, new = Path(old), Path(new)
    old_scored = score_path(ctx, old)
    new_scored = score_path(ctx, new)
    old_result, new_result = old_scored.result, new_scored.result
    same_unit = (old_result.unit_id or old_result.unit) == (new_result.unit_id or new_result.unit)
    if lineage is not None and not same_unit:
        if peers or peers_old or peers_new or siblings:
            raise InputFileError(
                msg(
                    "{old!r} and {new!r} are units of different blocks across a"
                    " reorganisation: their ranks do not compare; give no peers",
                    old=old_result.unit,
                    new=new_result.unit,
                ),
                file=str(new),
            )
        try:
            crossed = crossing(
                lineage, old_result, new_result, old_scored.criteria_set, new_scored.criteria_set
            )
        except CchcScoreError as exc:
            raise exc.located(file=str(new)) from None
        return compare(
            old_result,
            new_result,
            old_scored.criteria_set,
            new_scored.criteria_set,
            crossing=crossed,
        )
    if not same_unit:
        raise InputFileError(
            msg(
                "OLD is {old!r} and NEW is {new!r}: compare one unit",
                old=old_result.unit,
                new=new_result.unit,
            ),
            file=str(new),
        )
    names = ("--peers", "--peers") if siblings else ("--peers-old", "--peers-new")
    if siblings:
        peers_old, peers_new = (old.parent,), (new.parent,)
    before = after = None
    if peers:
        before = peer_entries(ctx, peers, old_result, "--peers", on_skip)
        try:
            check_peers(new_result, before, "--peers")
        except CchcScoreError as exc:
            raise exc.located(file=", ".join(str(p) for p in peers)) from None
        after = before
    elif peers_old:
        before = peer_entries(ctx, peers_old, old_result, names[0], on_skip)
        after = peer_entries(ctx, peers_new, new_result, names[1], on_skip)
    return compare(
        old_result,
        new_result,
        old_scored.criteria_set,
        new_scored.criteria_set,
        before,
        after,
    )
