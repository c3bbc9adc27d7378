"""Cost tables: what each improvement costs, and what cannot change this cycle.

A cost table prices the outcomes of each leaf (see ``Rule.outcomes``) in one unit of effort,
e.g. working days or million VND. For a leaf, the first rule that applies:

1. an entry in ``outcomes`` matching the outcome, by an evidence value that scores the same
   (``to``: a level key, a number inside the band, ``true``) or by the points it earns
   (``points``);
2. ``fixed + per_point × gain``, where gain is the leaf's points after minus before, when the leaf
   names ``fixed`` or ``per_point``; a leaf that lists ``outcomes`` and names neither can reach only
   the outcomes it lists;
3. a leaf absent from ``leaves`` takes ``default`` (in code, by default 1 per point gained; a
   table read by ``load_costs`` that does not set ``default`` holds those leaves fixed).

Explaining an appraisal cut (*giải trình, bổ sung tài liệu kiểm chứng*: the leaf scored by its
evidence again) costs the leaf's ``explanation``, else the table's ``explanation``; a table that
names neither prices it as any other outcome of the leaf, by the points it brings back.

An outcome priced that the leaf cannot reach is refused, listing the outcomes it can: by points
no outcome of the rule earns, or (once the unit is known) above the unit's points yet not among
its outcomes. An outcome the unit has already reached or passed is ignored. A price by evidence
value between the rule's steps (``to: 37.5`` where options step by 1 %) is an outcome of its own.

Constraints on a leaf: ``locked`` (cannot change this cycle), ``max_points`` (the most it can
reach), ``requires`` (it may improve only once other leaves reach given points, "B only after
A"). Survey leaves are not actionable unless ``survey_actionable`` is true or the leaf says
``actionable: true``; nor are bonus/penalty leaves (commendations, sanctions) unless the table
prices them (by name, not through ``default``) or says ``actionable: true``.

Built in code::

    CostTable(unit_en="working days", leaves={"1.1.1": LeafCost(outcomes=(
        OutcomeCost(to="on_time", cost=Decimal(2)),)), "2.1": LeafCost(per_point=Decimal(5))})
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import Field, PrivateAttr, field_validator, model_validator

from cchc_score.errors import CchcScoreError, EvidenceError, UnknownIdError, msg
from cchc_score.model.base import Frozen
from cchc_score.model.criteria import CriteriaSet, Node
from cchc_score.model.evidence import EvidenceValue
from cchc_score.rules import Outcome, Rule

ZERO = Decimal(0)
BONUS_KIND = "bonus_penalty"


class CostTableError(CchcScoreError):
    """A cost table names an unknown leaf, an impossible outcome or circular prerequisites."""

    code = "invalid_cost_table"


class OutcomeCost(Frozen):
    """The cost of reaching one outcome, named by its evidence value or by its points."""

    to: EvidenceValue = None
    points: Decimal | None = None
    cost: Decimal = Field(ge=0)

    @model_validator(mode="after")
    def _one_key(self) -> OutcomeCost:
        if (self.to is None) == (self.points is None):
            raise ValueError(msg("name the outcome by 'to' (its evidence value) or by 'points'"))
        return self


class Requirement(Frozen):
    """A prerequisite: ``leaf`` must reach ``min_points`` (default: its maximum) first."""

    leaf: str
    min_points: Decimal | None = None


class LeafCost(Frozen):
    """How one leaf's improvements are priced, and the constraints on it."""

    fixed: Decimal | None = Field(default=None, ge=0)
    per_point: Decimal | None = Field(default=None, ge=0)
    outcomes: tuple[OutcomeCost, ...] = ()
    locked: bool = False
    max_points: Decimal | None = Field(default=None, ge=0)
    requires: tuple[Requirement, ...] = ()
    #: For a survey leaf: true lets the planner change it.
    actionable: bool | None = None
    #: The cost of explaining an appraisal cut of this leaf with supplementary evidence.
    explanation: Decimal | None = Field(default=None, ge=0)

    @field_validator("requires", mode="before")
    @classmethod
    def _requirement_shorthand(cls, value: Any) -> Any:
        if isinstance(value, str | int | Decimal):
            value = [value]
        if isinstance(value, list | tuple):
            return [{"leaf": str(v)} if isinstance(v, str | int | Decimal) else v for v in value]
        return value

    @property
    def priced(self) -> bool:
        return self.fixed is not None or self.per_point is not None


class CostTable(Frozen):
    """Costs and constraints for a unit's improvements."""

    unit_vi: str = "điểm"
    unit_en: str = "points"
    #: Pricing of leaves the table does not name; None: those leaves cannot change.
    default: LeafCost | None = LeafCost(per_point=Decimal(1))
    survey_actionable: bool = False
    #: The cost of explaining an appraisal cut of a leaf whose entry names none; None: priced
    #: by the points it brings back, as any other outcome of the leaf.
    explanation: Decimal | None = Field(default=None, ge=0)
    leaves: dict[str, LeafCost] = Field(default_factory=dict)
    note: str | None = None
    #: The line of each leaf's entry in the file it was read from, for errors.
    #: (Or the cell, ``'Chi phí'!A5``, when it was read from a workbook.)
    _lines: dict[str, int | str] = PrivateAttr(default_factory=dict)

    @field_validator("leaves", mode="before")
    @classmethod
    def _string_keys(cls, leaves: Any) -> Any:
        if isinstance(leaves, Mapping):
            return {str(k): v for k, v in leaves.items()}
        return leaves

    def with_lines(self, lines: Mapping[str, int | str]) -> CostTable:
        """The table, remembering the line of each leaf's entry in its file."""
        copy = self.model_copy()
        copy._lines = dict(lines)
        return copy

    def place(self, leaf_id: str) -> str:
        """Where a leaf's entry is: its line (or cell) when the table was read from a file."""
        line = self._lines.get(leaf_id)
        if isinstance(line, str):
            return f"{line}, leaf {leaf_id}"
        return f"line {line}, leaf {leaf_id}" if line is not None else f"leaves: {leaf_id}"

    def unit(self, lang: str) -> str:
        return self.unit_vi if lang == "vi" else self.unit_en

    def entry(self, leaf_id: str) -> LeafCost | None:
        return self.leaves.get(leaf_id, self.default)

    def actionable(self, cset: CriteriaSet, leaf_id: str) -> bool:
        """Whether the planner may change the leaf: every leaf, except survey leaves (unless
        ``survey_actionable`` or the leaf's ``actionable: true``) and bonus/penalty leaves
        (unless the table names them with a price or ``actionable: true``)."""
        return self.fixed_reason(cset, leaf_id) is None

    def fixed_reason(self, cset: CriteriaSet, leaf_id: str) -> str | None:
        """``survey`` or ``bonus`` when the leaf is held fixed by its kind, else None."""
        node = cset.index[leaf_id]
        entry = self.leaves.get(leaf_id)
        if entry is not None and entry.actionable is not None:
            return None if entry.actionable else _kind_reason(node)
        if node.source == "survey":
            return None if self.survey_actionable else "survey"
        if node.rule is not None and node.rule.kind == BONUS_KIND:
            # Commendations and penalties are earned, not bought: only a price makes them a lever.
            return None if entry is not None and (entry.priced or entry.outcomes) else "bonus"
        return None

    def cost_of(
        self,
        leaf_id: str,
        rule: Rule,
        outcome: Outcome,
        points: Decimal,
        current: Decimal,
        *,
        explanation: bool = False,
    ) -> Decimal | None:
        """The cost of moving ``leaf_id`` from ``current`` points to ``outcome``; None: not
        offered. ``explanation``: the outcome is the unit's explanation of an appraisal cut,
        priced by the leaf's ``explanation``, else the table's, else as any outcome."""
        entry = self.entry(leaf_id)
        if entry is None or entry.locked:
            return None
        if entry.max_points is not None and points > entry.max_points:
            return None
        if explanation:
            own = self.leaves.get(leaf_id)
            if own is not None and own.explanation is not None:
                return own.explanation
            if self.explanation is not None:
                return self.explanation
        # A leaf named only for its constraints (actionable, max_points, requires) takes the
        # default's price.
        price = entry if entry.priced or entry.outcomes or self.default is None else self.default
        for priced in price.outcomes:
            if _target_points(rule, priced) == outcome.points:
                return priced.cost
        if not price.priced:
            return None
        return (price.fixed or ZERO) + (price.per_point or ZERO) * (points - current)

    def check_against(self, cset: CriteriaSet) -> None:
        """Raise CostTableError naming the leaf when the table does not fit the set."""
        for leaf_id, entry in self.leaves.items():
            place = self.place(leaf_id)
            node = cset.index.get(leaf_id)
            if node is None or not node.is_leaf:
                said = (
                    msg("criteria set {set!r} has no leaf {id!r}", set=cset.id, id=leaf_id)
                    if node is not None
                    else msg("criteria set {set!r} has no node {id!r}", set=cset.id, id=leaf_id)
                )
                raise UnknownIdError(said, place=place)
            rule = cset.rules[leaf_id]
            for priced in entry.outcomes:
                if priced.points is not None and not rule.min_points <= priced.points <= (
                    node.max_points
                ):
                    raise CostTableError(
                        msg(
                            "outcome points {points} are outside [{low}, {high}]",
                            points=priced.points,
                            low=rule.min_points,
                            high=node.max_points,
                        ),
                        place=place,
                    )
                if priced.to is not None:
                    try:
                        rule.check(priced.to)
                    except EvidenceError as exc:
                        raise CostTableError(exc.message, place=place) from None
                elif (
                    priced.points is not None
                    and priced.points > rule.score(None)
                    and node.source != "survey"
                ):
                    # Outcomes above no evidence are the same for every unit. Those below (a
                    # penalty lessened) and a survey leaf's (they depend on the answers) are
                    # checked once the unit is known: see check_reachable.
                    possible = [o.points for o in rule.outcomes(None)]
                    if priced.points not in possible:
                        raise no_outcome(leaf_id, priced.points, possible, place)
            for req in entry.requires:
                other = cset.index.get(req.leaf)
                if other is None or not other.is_leaf:
                    raise UnknownIdError(
                        msg(
                            "requires {id!r}, which is not a leaf of {set!r}",
                            id=req.leaf,
                            set=cset.id,
                        ),
                        place=place,
                    )
                if req.min_points is not None and req.min_points > other.max_points:
                    raise CostTableError(
                        msg(
                            "requires {id} to reach {points} points, above its maximum {most}",
                            id=req.leaf,
                            points=req.min_points,
                            most=other.max_points,
                        ),
                        place=place,
                    )
        cycle = self.requirement_cycle()
        if cycle:
            raise CostTableError(
                msg("prerequisites go round in a circle: {cycle}", cycle=" → ".join(cycle)),
                place=self.place(cycle[0]),
            )

    def check_reachable(
        self, leaf_id: str, rule: Rule, offered: list[Outcome], current: Decimal
    ) -> None:
        """Raise CostTableError when an outcome priced for ``leaf_id`` is above the unit's
        ``current`` points yet none of the ``offered`` outcomes: its price would be ignored.

        An outcome the unit has already reached or passed is not an error.
        """
        entry = self.leaves.get(leaf_id)
        if entry is None:
            return
        points = {o.points for o in offered}
        for priced in entry.outcomes:
            target = _target_points(rule, priced)
            if target is not None and target > current and target not in points:
                raise no_outcome(leaf_id, target, sorted(points), self.place(leaf_id))

    def requirement_cycle(self) -> list[str]:
        """A circle of prerequisites (``[a, b, a]``), or an empty list."""
        graph = {leaf: [r.leaf for r in e.requires] for leaf, e in self.leaves.items()}
        state: dict[str, int] = {}
        path: list[str] = []

        def visit(leaf: str) -> list[str]:
            state[leaf] = 1
            path.append(leaf)
            for nxt in graph.get(leaf, []):
                if state.get(nxt) == 1:
                    return [*path[path.index(nxt) :], nxt]
                if nxt not in state:
                    found = visit(nxt)
                    if found:
                        return found
            path.pop()
            state[leaf] = 2
            return []

        for leaf in sorted(graph):
            if leaf not in state:
                found = visit(leaf)
                if found:
                    return found
        return []


def _kind_reason(node: Node) -> str:
    if node.source == "survey":
        return "survey"
    return "bonus" if node.rule is not None and node.rule.kind == BONUS_KIND else "locked"


def _target_points(rule: Rule, priced: OutcomeCost) -> Decimal | None:
    """The points an outcome entry names: given, or what its evidence value scores."""
    if priced.points is not None:
        return priced.points
    try:
        return rule.score(priced.to)
    except CchcScoreError:
        return None


def no_outcome(
    leaf_id: str, points: Decimal, outcomes: list[Decimal], place: str
) -> CostTableError:
    """The error for a price of an outcome the leaf cannot reach, listing those it can."""
    shown = [fmt_points(p) for p in sorted(outcomes)]
    if len(shown) > 12:
        shown = [*shown[:6], "…", *shown[-3:]]
    return CostTableError(
        msg(
            "leaf {id} has no outcome worth {points} points (outcomes: {outcomes})",
            id=leaf_id,
            points=fmt_points(points),
            outcomes=", ".join(shown),
        )
        if shown
        else msg(
            "leaf {id} has no outcome worth {points} points (outcomes: none above its current"
            " points)",
            id=leaf_id,
            points=fmt_points(points),
        ),
        place=place,
    )


def fmt_points(points: Decimal) -> str:
    """Points as a person writes them: 0.5, 1, 12.25 (no exponent, no trailing zeros)."""
    text = f"{points:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
