"""The same planning question as a mixed-integer programme, solved by HiGHS through scipy.

Variables: one binary per leaf choice (stay, or each option), one continuous value per inner
node (at most the sum of its children and at most its maximum; a binary lets it reach its floor
when the children sum below it), and the root total, which must reach the least unrounded total
that gives the target rank. Prerequisites: a leaf may change only if the required leaf's chosen
points reach the need. Minimise the total cost.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import lil_matrix

from cchc_score.simulate import Problem
from cchc_score.simulate.optimise import dp


def threshold(problem: Problem, k: int) -> Decimal | None:
    """The least unrounded total (on the points' resolution) that ranks ≤ k; None if none."""
    scale = problem.space.points_scale
    low, high = 0, scale.up(problem.space.best_total())
    if problem.standings.rank(scale.down(high)) > k:
        return None
    while low < high:
        mid = (low + high) // 2
        if problem.standings.rank(scale.down(mid)) <= k:
            high = mid
        else:
            low = mid + 1
    return scale.down(low)


def solve_milp(problem: Problem, k: int) -> tuple[float | None, float]:
    """The least cost of reaching rank ≤ k by MILP, and the solver's time in seconds."""
    target = threshold(problem, k)
    if target is None:
        return None, 0.0
    allowed = problem.space.allowed_options()
    columns: list[tuple[str, object]] = []
    index: dict[tuple[str, int], int] = {}
    for leaf_id in problem.leaves:
        choices = [None, *allowed.get(leaf_id, [])]
        for i, _ in enumerate(choices):
            index[(leaf_id, i)] = len(columns)
            columns.append(("x", (leaf_id, i)))
    node_col: dict[str, int] = {}
    floor_col: dict[str, int] = {}
    shapes = [s for root in problem.space.shapes for s in root.walk() if not s.is_leaf]
    for shape in shapes:
        node_col[shape.node_id] = len(columns)
        columns.append(("y", shape.node_id))
        if shape.floor != 0 or _may_go_negative(problem, shape):
            floor_col[shape.node_id] = len(columns)
            columns.append(("b", shape.node_id))
    total_col = len(columns)
    columns.append(("u", None))
    n = len(columns)
    cost = np.zeros(n)
    integrality = np.zeros(n)
    lower = np.full(n, -np.inf)
    upper = np.full(n, np.inf)
    points: dict[tuple[str, int], float] = {}
    for leaf_id, state in problem.leaves.items():
        choices = [None, *allowed.get(leaf_id, [])]
        for i, option in enumerate(choices):
            col = index[(leaf_id, i)]
            integrality[col], lower[col], upper[col] = 1, 0, 1
            cost[col] = float(option.cost) if option is not None else 0.0
            points[(leaf_id, i)] = float(
                option.points if option is not None else state.current_points
            )
    for col in floor_col.values():
        integrality[col], lower[col], upper[col] = 1, 0, 1
    rows: list[tuple[dict[int, float], float, float]] = []
    for leaf_id, state in problem.leaves.items():
        count = len(allowed.get(leaf_id, [])) + 1
        rows.append(({index[(leaf_id, i)]: 1.0 for i in range(count)}, 1.0, 1.0))
        for req in state.requires:
            need = (
                req.min_points
                if req.min_points is not None
                else (problem.leaves[req.leaf].node.max_points)
            )
            if problem.current[req.leaf] >= need:
                continue
            row = {index[(leaf_id, i)]: 1.0 for i in range(1, count)}
            for i, option in enumerate(allowed.get(req.leaf, []), start=1):
                if option.points >= need:
                    row[index[(req.leaf, i)]] = row.get(index[(req.leaf, i)], 0.0) - 1.0
            rows.append((row, -np.inf, 0.0))
    big = float(problem.cset.cap) * 4 + 100

    def value_of(shape: dp.Shape, row: dict[int, float], sign: float) -> None:
        if shape.is_leaf:
            count = len(allowed.get(shape.node_id, [])) + 1
            for i in range(count):
                col = index[(shape.node_id, i)]
                row[col] = row.get(col, 0.0) + sign * points[(shape.node_id, i)]
        else:
            col = node_col[shape.node_id]
            row[col] = row.get(col, 0.0) + sign

    for shape in shapes:
        y = node_col[shape.node_id]
        upper[y] = float(shape.max_points)
        row = {y: 1.0}
        for child in shape.children:
            value_of(child, row, -1.0)
        b = floor_col.get(shape.node_id)
        if b is None:
            rows.append((row, -np.inf, 0.0))  # y ≤ Σ children
        else:
            rows.append(({**row, b: -big}, -np.inf, 0.0))  # y ≤ Σ children + M·b
            rows.append(({y: 1.0, b: big}, -np.inf, float(shape.floor) + big))  # y ≤ floor + M(1-b)
    row = {total_col: 1.0}
    for root in problem.space.shapes:
        value_of(root, row, -1.0)
    rows.append((row, -np.inf, 0.0))
    upper[total_col] = float(problem.cset.cap)
    lower[total_col] = float(target) - 1e-7
    matrix = lil_matrix((len(rows), n))
    lbs, ubs = [], []
    for r, (coefs, lb, ub) in enumerate(rows):
        for col, value in coefs.items():
            matrix[r, col] = value
        lbs.append(lb)
        ubs.append(ub)
    import time

    from scipy.optimize import Bounds

    start = time.perf_counter()
    res = milp(
        cost,
        integrality=integrality,
        bounds=Bounds(lower, upper),
        constraints=LinearConstraint(matrix.tocsr(), lbs, ubs),
        options={"mip_rel_gap": 0.0},
    )
    elapsed = time.perf_counter() - start
    if res.status != 0:
        return None, elapsed
    return float(res.fun), elapsed


def _may_go_negative(problem: Problem, shape: dp.Shape) -> bool:
    return any(problem.cset.rules[s.node_id].min_points < 0 for s in shape.walk() if s.is_leaf)
