"""Criteria sets: the tree of areas, criteria and sub-criteria, with a rule on each leaf."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cchc_score.errors import CriteriaError, RuleError
from cchc_score.i18n import Label
from cchc_score.rules import Rule, builtin_rule_kinds

from .base import Frozen

NODE_ID = r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$"
SLUG = r"^[a-z0-9][a-z0-9_]*$"
UnitType = Literal["ministry", "province", "department", "district", "commune", "other"]
TiePolicy = Literal["shared", "dense", "unrounded", "appraised_first"]
AssessedBy = Literal["appraisal", "survey"]


class Provenance(Frozen):
    """Where a node's text and points come from."""

    status: Literal["seen", "reconstructed", "inferred"]
    source: str | None = None
    note: str | None = None


class LegalReference(Frozen):
    """The decision a set rests on."""

    number: str
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    url: str | None = None


class RoundingRule(Frozen):
    """How points are rounded, once: at each leaf or on the total."""

    places: int = Field(default=2, ge=0, le=6)
    mode: Literal["half_up", "half_even", "down"] = "half_up"
    at: Literal["leaf", "total"] = "total"
    index_places: int = Field(default=2, ge=0, le=6)


class Band(Frozen):
    """A classification band: an index at or above ``min_index`` earns it."""

    code: str
    label_vi: str
    label_en: str
    min_index: Decimal = Field(ge=0, le=100)

    @property
    def label(self) -> Label:
        """The band's name in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)


def _canonical_params(value: Any) -> Any:
    """Numbers other than whole ints as exact text, so parameters survive JSON unchanged."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _canonical_params(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical_params(v) for v in value]
    return value


class RuleSpec(Frozen):
    """A leaf's rule: its kind and the kind's parameters (validated by the kind)."""

    kind: str
    params: Annotated[dict[str, Any], BeforeValidator(_canonical_params)] = Field(
        default_factory=dict
    )


class Node(Frozen):
    """An area, criterion or sub-criterion. A node without children is a leaf and has a rule."""

    id: str = Field(pattern=NODE_ID)
    label_vi: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    max_points: Decimal = Field(ge=0)
    provenance: Provenance | None = None
    assessed_by: AssessedBy | None = None
    rule: RuleSpec | None = None
    #: Outside the maxima (bonus/penalty content): not counted when children are summed.
    extra: bool = False
    description_vi: str | None = None
    description_en: str | None = None
    children: tuple[Node, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def source(self) -> AssessedBy:
        """How the leaf is assessed: survey when its rule is a survey, else as declared."""
        if self.assessed_by is not None:
            return self.assessed_by
        return "survey" if self.rule is not None and self.rule.kind == "survey" else "appraisal"

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


class CriteriaSet(Frozen):
    """A criteria set (pack): metadata and the tree of nodes.

    Validation checks that ids are unique and numbered under their parent, that children add up
    to their parent's maximum, and that every leaf's rule is a known kind with valid parameters.
    Pass ``context={"rule_kinds": {...}}`` to ``model_validate`` for kinds from plug-ins.
    """

    id: str = Field(pattern=SLUG)
    version: str = Field(min_length=1)
    title_vi: str
    title_en: str
    unit_type: UnitType
    legal_basis: tuple[LegalReference, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    total_max: Decimal = Field(gt=0)
    #: Upper bound of the total with bonus points; None: the total maximum.
    total_cap: Decimal | None = None
    rounding: RoundingRule = RoundingRule()
    #: Bands per block, best first; the key "*" applies to blocks not named.
    bands: dict[str, tuple[Band, ...]] = Field(default_factory=dict)
    tie_policy: TiePolicy = "shared"
    provenance: Provenance | None = None
    description_vi: str | None = None
    description_en: str | None = None
    nodes: tuple[Node, ...] = Field(min_length=1)

    @property
    def title(self) -> Label:
        """The set's title in Vietnamese and English."""
        return Label(self.title_vi, self.title_en)

    @field_validator("bands")
    @classmethod
    def _bands_best_first(cls, bands: dict[str, tuple[Band, ...]]) -> dict[str, tuple[Band, ...]]:
        for block, listed in bands.items():
            codes = [b.code for b in listed]
            thresholds = [b.min_index for b in listed]
            for i, band in enumerate(listed):
                if band.code in codes[:i]:
                    raise ValueError(f"block {block!r}: band code {band.code!r} is given twice")
                if band.min_index in thresholds[:i]:
                    raise ValueError(
                        f"block {block!r}: two bands start at the same index {band.min_index}"
                    )
        return {block: tuple(sorted(b, key=lambda x: -x.min_index)) for block, b in bands.items()}

    @model_validator(mode="after")
    def _valid_period(self) -> CriteriaSet:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"valid_from {self.valid_from} is after valid_to {self.valid_to}")
        return self

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> CriteriaSet:
        kinds = None
        if isinstance(info.context, Mapping):
            kinds = info.context.get("rule_kinds")
        check_structure(self, kinds if kinds is not None else builtin_rule_kinds())
        return self

    @cached_property
    def compiled_rules_cache(self) -> dict[tuple[tuple[str, int], ...], dict[str, Rule]]:
        """Rules compiled per set of rule kinds (not part of the model's data)."""
        return {}

    @cached_property
    def index(self) -> dict[str, Node]:
        """Every node by id."""
        return {node.id: node for root in self.nodes for node in root.walk()}

    @cached_property
    def parents(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for root in self.nodes:
            out[root.id] = None
            for node in root.walk():
                for child in node.children:
                    out[child.id] = node.id
        return out

    def leaves(self) -> list[Node]:
        return [node for node in self.index.values() if node.is_leaf]

    def node(self, node_id: str) -> Node:
        try:
            return self.index[node_id]
        except KeyError:
            from cchc_score.errors import UnknownIdError

            raise UnknownIdError(
                f"criteria set '{self.id}' has no node {node_id!r}", place=f"node {node_id}"
            ) from None

    def provenance_of(self, node_id: str) -> Provenance | None:
        """The node's provenance, else its nearest ancestor's, else the set's."""
        current: str | None = node_id
        while current is not None:
            found = self.index[current].provenance
            if found is not None:
                return found
            current = self.parents[current]
        return self.provenance

    def bands_for(self, block: str) -> tuple[Band, ...]:
        return self.bands.get(block) or self.bands.get("*") or ()

    def band_for(self, block: str, index: Decimal) -> Band | None:
        for band in self.bands_for(block):
            if index >= band.min_index:
                return band
        return None

    @property
    def cap(self) -> Decimal:
        return self.total_cap if self.total_cap is not None else self.total_max

    def compile_rules(self, rule_kinds: Mapping[str, type[Rule]] | None = None) -> dict[str, Rule]:
        """Bind every leaf's rule to its parameters."""
        kinds = rule_kinds if rule_kinds is not None else builtin_rule_kinds()
        # Scoring thousands of units under one set must not rebuild its rules each time.
        key = tuple(sorted((name, id(kind)) for name, kind in kinds.items()))
        compiled = self.compiled_rules_cache.get(key)
        if compiled is None:
            compiled = {leaf.id: build_rule(leaf, kinds) for leaf in self.leaves()}
            self.compiled_rules_cache[key] = compiled
        return dict(compiled)


def build_rule(node: Node, kinds: Mapping[str, type[Rule]]) -> Rule:
    assert node.rule is not None
    kind = kinds.get(node.rule.kind)
    if kind is None:
        known = ", ".join(sorted(kinds))
        raise CriteriaError(
            f"unknown rule kind {node.rule.kind!r} (known: {known})", place=f"node {node.id}"
        ).with_node(node.id)
    try:
        return kind.build(node.rule.params, node.max_points)
    except RuleError as exc:
        raise exc.located(place=f"node {node.id}").with_node(node.id) from None


def check_structure(cset: CriteriaSet, kinds: Mapping[str, type[Rule]]) -> None:
    """Raise CriteriaError naming the first node that breaks the set's arithmetic or rules."""
    seen: set[str] = set()

    def fail(node_id: str, message: str) -> CriteriaError:
        return CriteriaError(message, place=f"node {node_id}").with_node(node_id)

    def visit(node: Node, parent: Node | None) -> None:
        if node.id in seen:
            raise fail(node.id, f"duplicate node id {node.id!r}")
        seen.add(node.id)
        if parent is not None and not node.id.startswith(parent.id + "."):
            raise fail(node.id, f"id {node.id!r} is not numbered under its parent {parent.id!r}")
        if node.is_leaf:
            if node.rule is None:
                raise fail(node.id, "a leaf needs a rule")
            build_rule(node, kinds)
            return
        if node.rule is not None:
            raise fail(node.id, "a node with children cannot have a rule of its own")
        counted = sum(
            (c.max_points for c in node.children if node.extra or not c.extra), Decimal(0)
        )
        if counted != node.max_points:
            raise fail(
                node.id,
                f"children add up to {counted} points, not the declared maximum {node.max_points}",
            )
        for child in node.children:
            visit(child, node)

    for root in cset.nodes:
        visit(root, None)
    counted = sum((n.max_points for n in cset.nodes if not n.extra), Decimal(0))
    if counted != cset.total_max:
        raise CriteriaError(
            f"areas add up to {counted} points, not the declared total_max {cset.total_max}",
            place="total_max",
        )
    if cset.total_cap is not None and cset.total_cap < cset.total_max:
        raise CriteriaError(
            f"total_cap {cset.total_cap} is below total_max {cset.total_max}", place="total_cap"
        )
