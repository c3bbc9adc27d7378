"""The merge of two large frontiers, cheapest combinations first.

Both frontiers are staircases: sorted by points, keys rising strictly. Every combination of an
entry of each is a candidate; the merged frontier keeps those no cheaper (or equally cheap, with
more points) combination beats. Taken in order of rising key, a combination belongs to the
merged frontier exactly when its points exceed every combination taken before it. So one entry
of the shorter frontier (a "row") is followed at a time through the other: its next candidate is
the first partner giving more points than the best so far (a bisection), and a heap gives the
cheapest candidate of all rows. Combinations that cannot beat the best so far are skipped
without being formed, so the work follows the merged frontier's length rather than the product
of the two lengths (a few times fewer steps on the national pack's largest merges).

The result is the dictionary merge's (``dp.merge``), entry for entry and in the same picks:
ties on key go to more points, then to the first entry of ``acc`` (the heap orders candidates by
key, then points, then the index in ``acc``), as the dictionary keeps the first combination
found for a total and the Pareto filter the highest total for a key.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dp import Entry, Picks


def merge_cheapest_first(acc: list[Entry], child: list[Entry], limit: int) -> list[Entry]:
    """The merged frontier of ``acc`` and ``child``, keys at most ``limit`` (none if < 0)."""
    a_is_row = len(acc) <= len(child)
    rows, cols = (acc, child) if a_is_row else (child, acc)
    col_points = [e[0] for e in cols]
    col_keys = [e[1] for e in cols]
    n_cols = len(cols)
    heap: list[tuple[int, int, int, int, int]] = []  # (key, -points, index in acc, row, col)
    for r, (points, key, _) in enumerate(rows):
        key += col_keys[0]
        if 0 <= limit < key:
            continue  # keys rise along the row: none of its combinations fits
        heap.append((key, -(points + col_points[0]), r if a_is_row else 0, r, 0))
    heapq.heapify(heap)
    out: list[Entry] = []
    best: int | None = None
    while heap:
        key, negative, _, r, c = heap[0]
        row_points, row_key, row_picks = rows[r]
        if best is None or -negative > best:
            best = -negative
            picks_a, picks_b = (row_picks, cols[c][2]) if a_is_row else (cols[c][2], row_picks)
            picks: Picks
            if picks_a is None:
                picks = picks_b
            elif picks_b is None:
                picks = picks_a
            else:
                picks = (picks_a, picks_b)
            out.append((best, key, picks))
        # The row's next candidate: the first partner with more points than the best so far.
        c = bisect_right(col_points, best - row_points, c + 1)
        if c < n_cols:
            key = row_key + col_keys[c]
            if limit < 0 or key <= limit:
                index = r if a_is_row else c
                heapq.heapreplace(heap, (key, -(row_points + col_points[c]), index, r, c))
                continue
        heapq.heappop(heap)
    return out
