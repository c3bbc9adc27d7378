"""Criteria sets: the tree of areas, criteria and sub-criteria, with a rule on each leaf."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cchc_score.errors import CriteriaError, Msg, RuleError, msg
from cchc_score.i18n import Label
from cchc_score.rules import Rule, builtin_rule_kinds

from .base import Frozen
from .survey import SurveySettings

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


class YearRange(Frozen):
    """The index years a set applies to, both ends included; None: open on that side.

    The index year is the year assessed (the 2024 index is scored in early 2025), so validity
    is by year, not by the date of the decision.
    """

    first: int | None = Field(default=None, ge=2000, le=2100)
    last: int | None = Field(default=None, ge=2000, le=2100)
    #: What the years cover, e.g. "until 30/6/2025 (districts abolished on 1/7/2025)".
    note_vi: str | None = None
    note_en: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.first is not None and self.last is not None and self.first > self.last:
            raise ValueError(
                msg(
                    "valid_years: first {first} is after last {last}",
                    first=self.first,
                    last=self.last,
                )
            )
        return self

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int):
            return False
        return (self.first is None or year >= self.first) and (
            self.last is None or year <= self.last
        )

    def text(self) -> str:
        """'2022–2023', '2025–…', '…–2025'."""
        first = str(self.first) if self.first is not None else "…"
        last = str(self.last) if self.last is not None else "…"
        return f"{first}–{last}"


class RoundingRule(Frozen):
    """How points are rounded, once: at each leaf or on the total."""

    places: int = Field(default=2, ge=0, le=6)
    mode: Literal["half_up", "half_even", "down"] = "half_up"
    at: Literal["leaf", "total"] = "total"
    index_places: int = Field(default=2, ge=0, le=6)
    #: The index a unit is banded on: as published (rounded to ``index_places``), or before
    #: rounding, so 89.995 stays below a band starting at 90.
    band_on: Literal["rounded", "unrounded"] = Field(
        default="rounded", exclude_if=lambda on: on == "rounded"
    )


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

    A set carries its leaves' rules, bound once (``rules``): to the kinds given as
    ``context={"rule_kinds": {...}}`` to ``model_validate`` (as the registry and
    ``load_criteria_set`` do), else to the built-in kinds; ``bind(kinds)`` rebinds a set.
    The binding is not part of the model's data: dumps and equality ignore it.
    """

    id: str = Field(pattern=SLUG)
    version: str = Field(min_length=1)
    title_vi: str
    title_en: str
    unit_type: UnitType
    legal_basis: tuple[LegalReference, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    #: The index years the set applies to; None: the years of valid_from / valid_to.
    valid_years: YearRange | None = None
    total_max: Decimal = Field(gt=0)
    #: Upper bound of the total with bonus points; None: the total maximum.
    total_cap: Decimal | None = None
    rounding: RoundingRule = RoundingRule()
    #: Bands per block, best first; the key "*" applies to blocks not named.
    bands: dict[str, tuple[Band, ...]] = Field(default_factory=dict)
    tie_policy: TiePolicy = "shared"
    #: Respondent groups and the no-survey rule; None: one undivided survey, 0 when absent.
    survey: SurveySettings | None = Field(default=None, exclude_if=lambda s: s is None)
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
                    raise ValueError(
                        msg(
                            "block {block!r}: band code {code!r} is given twice",
                            block=block,
                            code=band.code,
                        )
                    )
                if band.min_index in thresholds[:i]:
                    raise ValueError(
                        msg(
                            "block {block!r}: two bands start at the same index {index}",
                            block=block,
                            index=band.min_index,
                        )
                    )
        return {block: tuple(sorted(b, key=lambda x: -x.min_index)) for block, b in bands.items()}

    @model_validator(mode="after")
    def _valid_period(self) -> CriteriaSet:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(
                msg(
                    "valid_from {start} is after valid_to {end}",
                    start=self.valid_from,
                    end=self.valid_to,
                )
            )
        return self

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> CriteriaSet:
        kinds = None
        if isinstance(info.context, Mapping):
            kinds = info.context.get("rule_kinds")
        # Checking builds every leaf's rule: keep them, so scoring never builds them again.
        self._keep_rules(kinds, check_structure(self, _kinds_or_builtin(kinds)))
        return self

    def _keep_rules(
        self, kinds: Mapping[str, type[Rule]] | None, rules: Mapping[str, Rule] | None
    ) -> None:
        # Beside the fields, as cached properties are: not dumped, not compared.
        self.__dict__[_KINDS] = dict(kinds) if kinds is not None else None
        self.__dict__.pop("rules", None)
        if rules is not None:
            self.__dict__["rules"] = MappingProxyType(dict(rules))

    def bind(self, rule_kinds: Mapping[str, type[Rule]] | None) -> CriteriaSet:
        """This set with its leaves' rules built from ``rule_kinds`` (None: the built-in kinds).

        Raises CriteriaError naming the leaf whose rule kind is unknown or whose parameters the
        kind refuses.
        """
        bound = self.model_copy()
        kinds = _kinds_or_builtin(rule_kinds)
        rules = {leaf.id: build_rule(leaf, kinds) for leaf in bound.leaves()}
        bound._keep_rules(rule_kinds, rules)
        return bound

    @property
    def rule_kinds(self) -> Mapping[str, type[Rule]]:
        """The rule kinds the set's rules are built from."""
        return _kinds_or_builtin(self.__dict__.get(_KINDS))

    @cached_property
    def rules(self) -> Mapping[str, Rule]:
        """Every leaf's rule bound to its parameters, by leaf id (built on first use when the
        set was made without validation, or received from another process)."""
        kinds = self.rule_kinds
        return MappingProxyType({leaf.id: build_rule(leaf, kinds) for leaf in self.leaves()})

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        if update and "nodes" in update:
            # Another tree: what was derived from the old one is rebuilt on first use.
            for key in _CACHED:
                copy.__dict__.pop(key, None)
        return copy

    def __getstate__(self) -> dict[Any, Any]:
        # Rule objects are rebuilt on arrival from the kinds (classes travel by name): a worker
        # process receives the set's data, not a plug-in's objects.
        state = super().__getstate__()
        state["__dict__"] = {k: v for k, v in state["__dict__"].items() if k not in _CACHED}
        return state

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
                msg("criteria set '{set}' has no node {id!r}", set=self.id, id=node_id),
                place=f"node {node_id}",
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

    @property
    def years(self) -> YearRange:
        """The index years the set applies to: ``valid_years``, else the years of
        ``valid_from`` and ``valid_to`` (open when neither is given)."""
        if self.valid_years is not None:
            return self.valid_years
        return YearRange(
            first=self.valid_from.year if self.valid_from else None,
            last=self.valid_to.year if self.valid_to else None,
        )

    def valid_for(self, year: int) -> bool:
        """Whether the set applies to index year ``year``."""
        return year in self.years

    def bands_for(self, block: str) -> tuple[Band, ...]:
        return self.bands.get(block) or self.bands.get("*") or ()

    def band_for(self, block: str, index: Decimal | Fraction) -> Band | None:
        for band in self.bands_for(block):
            if index >= band.min_index:
                return band
        return None

    def band_of(
        self, block: str, index: Decimal, unrounded: Decimal | Fraction | None
    ) -> Band | None:
        """The band of a unit: on its published (rounded) index, or on the unrounded one when
        the set's ``rounding.band_on`` says so and it is known."""
        if self.rounding.band_on == "unrounded" and unrounded is not None:
            return self.band_for(block, unrounded)
        return self.band_for(block, index)

    @property
    def cap(self) -> Decimal:
        return self.total_cap if self.total_cap is not None else self.total_max


_KINDS = "_rule_kinds"
#: Derived values kept beside the fields; rebuilt after unpickling.
_CACHED = frozenset({"rules", "index", "parents"})


def _kinds_or_builtin(kinds: Mapping[str, type[Rule]] | None) -> Mapping[str, type[Rule]]:
    return kinds if kinds is not None else builtin_rule_kinds()


def build_rule(node: Node, kinds: Mapping[str, type[Rule]]) -> Rule:
    assert node.rule is not None
    kind = kinds.get(node.rule.kind)
    if kind is None:
        known = ", ".join(sorted(kinds))
        raise CriteriaError(
            msg("unknown rule kind {kind!r} (known: {known})", kind=node.rule.kind, known=known),
            place=f"node {node.id}",
        ).with_node(node.id)
    try:
        return kind.build(node.rule.params, node.max_points)
    except RuleError as exc:
        raise exc.located(place=f"node {node.id}").with_node(node.id) from None


def check_structure(cset: CriteriaSet, kinds: Mapping[str, type[Rule]]) -> dict[str, Rule]:
    """Raise CriteriaError naming the first node that breaks the set's arithmetic or rules;
    return every leaf's rule."""
    seen: set[str] = set()
    rules: dict[str, Rule] = {}

    def fail(node_id: str, message: Msg) -> CriteriaError:
        return CriteriaError(message, place=f"node {node_id}").with_node(node_id)

    def visit(node: Node, parent: Node | None) -> None:
        if node.id in seen:
            raise fail(node.id, msg("duplicate node id {id!r}", id=node.id))
        seen.add(node.id)
        if parent is not None and not node.id.startswith(parent.id + "."):
            raise fail(
                node.id,
                msg(
                    "id {id!r} is not numbered under its parent {parent!r}",
                    id=node.id,
                    parent=parent.id,
                ),
            )
        if node.is_leaf:
            if node.rule is None:
                raise fail(node.id, msg("a leaf needs a rule"))
            rules[node.id] = build_rule(node, kinds)
            return
        if node.rule is not None:
            raise fail(node.id, msg("a node with children cannot have a rule of its own"))
        counted = sum(
            (c.max_points for c in node.children if node.extra or not c.extra), Decimal(0)
        )
        if counted != node.max_points:
            raise fail(
                node.id,
                msg(
                    "children add up to {counted} points, not the declared maximum {most}",
                    counted=counted,
                    most=node.max_points,
                ),
            )
        for child in node.children:
            visit(child, node)

    for root in cset.nodes:
        visit(root, None)
    counted = sum((n.max_points for n in cset.nodes if not n.extra), Decimal(0))
    if counted != cset.total_max:
        raise CriteriaError(
            msg(
                "areas add up to {counted} points, not the declared total_max {most}",
                counted=counted,
                most=cset.total_max,
            ),
            place="total_max",
        )
    if cset.total_cap is not None and cset.total_cap < cset.total_max:
        raise CriteriaError(
            msg(
                "total_cap {cap} is below total_max {most}", cap=cset.total_cap, most=cset.total_max
            ),
            place="total_cap",
        )
    return rules
