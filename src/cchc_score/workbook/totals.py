"""Provisional points in a self-assessment workbook: spreadsheet formulas mirroring the rules.

Each leaf row gets a formula for the points its value earns under its rule, each group row the
sum of its children (bounded as the engine bounds it), and a totals row the total and the sum of
the self-scores. They are marked provisional: they see the sheet as typed, before the appraisal
and the survey; the tool's score stays the authoritative one. Each formula's result is computed
here as well, so a workbook not yet opened in a spreadsheet already shows (and reads) them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from cchc_score.decimal_utils import quantize
from cchc_score.errors import CchcScoreError
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.rules import Rule
from cchc_score.rules.binary import TRUE_WORDS, BinaryRule
from cchc_score.rules.bonus import BonusPenaltyRule
from cchc_score.rules.count import CountRule
from cchc_score.rules.levels import LevelsRule
from cchc_score.rules.manual import ManualRule
from cchc_score.rules.proportional import ProportionalRule
from cchc_score.rules.threshold import ThresholdRule

ZERO = Decimal(0)


def num(value: Decimal | int) -> str:
    """A number as a formula writes it (no exponent, no trailing zeros)."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def when_number(cell: str, formula: str) -> str:
    """``formula`` when the cell holds a number, else 0 (text is read by the tool, not here)."""
    return f"IF(ISNUMBER({cell}),{formula},0)"


def leaf_formula(rule: Rule, cell: str) -> str | None:
    """The points ``rule`` gives the value in ``cell``, as a formula; None for a rule a formula
    cannot follow (a survey, a plug-in's kind): the tool alone scores those."""
    top = num(rule.max_points)
    if isinstance(rule, LevelsRule):
        formula = "0"
        for level in reversed(rule.params.levels):
            names = {level.label_vi.strip(), level.key}
            test = ",".join(f"{cell}={text(n)}" for n in sorted(names))
            formula = f"IF(OR({test}),{num(level.points)},{formula})"
        return formula
    if isinstance(rule, BinaryRule):
        words = ",".join(f"{cell}={text(w)}" for w in sorted(TRUE_WORDS))
        return f"IF(OR({cell}=TRUE,{cell}=1,{words}),{top},0)"
    if isinstance(rule, ProportionalRule):
        p = rule.params
        full = num(p.full_at if p.full_at is not None else p.scale)
        formula = f"IF({cell}>={full},{top},{top}*{cell}/{full})"
        if p.floor is not None:
            formula = f"IF({cell}<{num(p.floor)},0,{formula})"
        return when_number(cell, f"IF({cell}<0,0,{formula})")
    if isinstance(rule, CountRule):
        return when_number(cell, f"IF({cell}>={rule.params.required},{top},0)")
    if isinstance(rule, ManualRule):
        return when_number(cell, f"MIN(MAX({cell},0),{top})")
    if isinstance(rule, BonusPenaltyRule):
        return when_number(cell, f"MIN(MAX({cell},{num(rule.params.floor)}),{top})")
    if isinstance(rule, ThresholdRule):
        formula = "0"
        for band in reversed(rule.params.bands):
            edges = [
                f"{cell}{op}{num(edge)}"
                for op, edge in (
                    (">=", band.min),
                    (">", band.min_exclusive),
                    ("<=", band.max),
                    ("<", band.max_exclusive),
                )
                if edge is not None
            ]
            test = f"AND({','.join(edges)})" if edges else "TRUE"
            formula = f"IF({test},{num(band.points)},{formula})"
        return when_number(cell, formula)
    return None


def leaf_points(rule: Rule, value: Any) -> Decimal | None:
    """What :func:`leaf_formula` computes for a value the tool reads (None: no formula)."""
    formula = leaf_formula(rule, "E1")
    if formula is None:
        return None
    if value is None:
        return ZERO
    if formula.startswith("IF(ISNUMBER(") and (
        isinstance(value, bool) or not isinstance(value, int | Decimal)
    ):
        return ZERO  # a spreadsheet formula sees text (a list of items, "1,5") as no number
    try:
        return rule.points(rule.check(value))
    except CchcScoreError:
        return ZERO


class Totals:
    """Formulas and their results for the provisional points column of the main sheet."""

    def __init__(self, cset: CriteriaSet, column: str, value_column: str) -> None:
        self.cset = cset
        self.column = column
        self.value_column = value_column
        self.floors = floors(cset)
        self.rows: dict[str, int] = {}
        #: Cell -> (formula, result) for every formula written.
        self.cells: dict[str, tuple[str, Decimal]] = {}

    def leaf(self, node: Node, rule: Rule, row: int, value: Any) -> tuple[str, Decimal] | None:
        """The formula of a leaf row and what it gives for ``value`` (None: no formula)."""
        self.rows[node.id] = row
        formula = leaf_formula(rule, f"{self.value_column}{row}")
        points = leaf_points(rule, value)
        if formula is None or points is None:
            return None
        rounding = self.cset.rounding
        if rounding.at == "leaf" and rounding.mode == "half_up":
            formula = f"ROUND({formula},{rounding.places})"
            points = quantize(points, rounding.places, rounding.mode)
        return self.put(row, formula, points)

    def group(self, node: Node, row: int) -> None:
        """Remember a group's row; its formula is written once its children's rows are known."""
        self.rows[node.id] = row

    def groups(self) -> list[tuple[int, str, Decimal]]:
        """Each group row's formula and result: its children's points, at least its floor, at
        most its maximum (as the engine bounds it)."""
        out = []
        for root in self.cset.nodes:
            for node in reversed(list(root.walk())):
                if node.is_leaf:
                    continue
                cells = [self.ref(c.id) for c in node.children if self.ref(c.id) in self.cells]
                total = sum((self.cells[c][1] for c in cells), ZERO)
                low, high = self.floors[node.id], node.max_points
                formula = f"MIN({num(high)},MAX({num(low)},{_sum(cells)}))"
                row = self.rows[node.id]
                self.put(row, formula, min(max(total, low), high))
                out.append((row, formula, self.cells[self.ref(node.id)][1]))
        return out

    def total(self, row: int) -> tuple[str, Decimal]:
        """The total: the areas' points, within [0, the set's cap], rounded as the set says."""
        cells = [self.ref(root.id) for root in self.cset.nodes]
        points = sum((self.cells[c][1] for c in cells if c in self.cells), ZERO)
        points = min(max(points, ZERO), self.cset.cap)
        formula = f"MIN({num(self.cset.cap)},MAX(0,{_sum([c for c in cells if c in self.cells])}))"
        rounding = self.cset.rounding
        if rounding.mode == "half_up":
            formula = f"ROUND({formula},{rounding.places})"
            points = quantize(points, rounding.places, rounding.mode)
        return self.put(row, formula, points)

    def ref(self, node_id: str) -> str:
        return f"{self.column}{self.rows[node_id]}"

    def put(self, row: int, formula: str, points: Decimal) -> tuple[str, Decimal]:
        self.cells[f"{self.column}{row}"] = (formula, points)
        return formula, points


def floors(cset: CriteriaSet) -> dict[str, Decimal]:
    """The lowest points each group may show, as the engine bounds it (``engine.node_floors``,
    which this layer may not import): 0, or inside bonus/penalty content outside the maxima,
    the sum of its leaves' minima."""
    out: dict[str, Decimal] = {}

    def visit(node: Node, outside: bool) -> None:
        outside = outside or node.extra
        leaves = (cset.rules[leaf.id].min_points for leaf in node.walk() if leaf.is_leaf)
        out[node.id] = sum(leaves, ZERO) if outside else ZERO
        for child in node.children:
            visit(child, outside)

    for root in cset.nodes:
        visit(root, False)
    return out


def _sum(cells: Sequence[str]) -> str:
    return f"SUM({','.join(cells)})" if cells else "0"
