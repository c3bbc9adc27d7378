"""Where a candidate total would stand among the peers, under the set's tie policy.

Peers are ranking ``Entry`` objects (from scored results, or from a published totals table), and
a unit is ranked as :func:`cchc_score.ranking.position` ranks it: by index (the rounded total as a
percentage of the maximum, rounded again to the set's index places), with the set's tie policy.
This module computes the same rank fast for the many candidate totals of the planner.

Under ``appraised_first`` equal indexes are told apart by the appraised part, which the planner
does not follow: it then counts a tie on the index as lost (``rank``), which can only overstate
the rank a plan needs; ``rank_if_ties_won`` gives the other side, so the planner can say when a
cheaper plan might also do.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from cchc_score.decimal_utils import quantize
from cchc_score.model.criteria import CriteriaSet, TiePolicy
from cchc_score.model.ranking import Entry
from cchc_score.model.result import Result
from cchc_score.ranking import position, rank_keys


class Standings:
    """Ranks of candidate totals of one unit among fixed peers."""

    def __init__(
        self, cset: CriteriaSet, peers: Sequence[Entry], policy: TiePolicy | None = None
    ) -> None:
        self.cset = cset
        self.peers = tuple(peers)
        self.policy: TiePolicy = policy or cset.tie_policy
        # Indexes are Decimals, compared exactly and faster than as fractions; the unrounded
        # index is a fraction.
        self._sorted: list[Fraction] | list[Decimal]
        self._distinct: list[Fraction] | list[Decimal]
        if self.policy == "unrounded":
            exact = [p.unrounded_index for p in self.peers]
            self._sorted, self._distinct = sorted(exact), sorted(set(exact))
        else:
            indexes = [p.index for p in self.peers]
            self._sorted, self._distinct = sorted(indexes), sorted(set(indexes))

    def total(self, unrounded: Decimal) -> Decimal:
        rounding = self.cset.rounding
        return quantize(unrounded, rounding.places, rounding.mode)

    def index(self, total: Decimal) -> Decimal:
        rounding = self.cset.rounding
        return quantize(total * 100 / self.cset.total_max, rounding.index_places, rounding.mode)

    def key(self, unrounded: Decimal) -> Fraction | Decimal:
        if self.policy == "unrounded":
            return Fraction(unrounded) * 100 / Fraction(self.cset.total_max)
        return self.index(self.total(unrounded))

    def rank(self, unrounded: Decimal) -> int:
        """The rank of a unit whose unrounded total is ``unrounded`` (ties on index lost under
        ``appraised_first``)."""
        key = self.key(unrounded)
        if self.policy == "dense":
            return 1 + len(self._distinct) - bisect_right(self._distinct, key)
        if self.policy == "appraised_first":
            return 1 + len(self._sorted) - bisect_left(self._sorted, key)
        return 1 + len(self._sorted) - bisect_right(self._sorted, key)

    def rank_if_ties_won(self, unrounded: Decimal) -> int:
        key = self.key(unrounded)
        if self.policy == "appraised_first":
            return 1 + len(self._sorted) - bisect_right(self._sorted, key)
        return self.rank(unrounded)

    def rank_of(self, result: Result) -> int:
        """The exact rank of a scored result, as the league table would give it (by the
        result's own index, or its unrounded total under ``unrounded``)."""
        if self.policy == "appraised_first":
            return position(Entry.from_result(result), self.peers, self.policy)
        key: Fraction | Decimal
        if self.policy == "unrounded":
            key = Fraction(result.unrounded_total) * 100 / Fraction(self.cset.total_max)
        else:
            key = result.index
        if self.policy == "dense":
            return 1 + len(self._distinct) - bisect_right(self._distinct, key)
        return 1 + len(self._sorted) - bisect_right(self._sorted, key)

    def tied_with(self, result: Result) -> tuple[str, ...]:
        """The peers sharing the result's rank: ranked on the same key (the same index, or
        what the tie policy compares), as the league table would show them."""
        own = Entry.from_result(result)
        pool = [p for p in self.peers if not p.same_unit(own)]
        keys = rank_keys([own, *pool], self.policy)
        return tuple(p.unit for p, key in zip(pool, keys[1:], strict=True) if key == keys[0])

    def tied_with_total(self, unrounded: Decimal, own: Result) -> tuple[str, ...]:
        """The peers sharing the rank of ``own``'s unit at the unrounded total ``unrounded``
        (as :meth:`tied_with` gives them for a scored result), without scoring it again; not
        for ``appraised_first``, whose ties need the appraised part."""
        unit = Entry.from_result(own)
        return tuple(
            p.unit for p in self._by_key.get(self.key(unrounded), ()) if not p.same_unit(unit)
        )

    @cached_property
    def _by_key(self) -> dict[Fraction | Decimal, list[Entry]]:
        """The peers by the key the tie policy compares, in their order."""
        found: dict[Fraction | Decimal, list[Entry]] = {}
        for p in self.peers:
            key = p.unrounded_index if self.policy == "unrounded" else p.index
            found.setdefault(key, []).append(p)
        return found

    @property
    def size(self) -> int:
        """Units in the block: the peers and the unit."""
        return len(self.peers) + 1
