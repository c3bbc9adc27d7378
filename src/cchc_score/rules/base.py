"""What every rule kind provides, built-in or from a plug-in."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)

from cchc_score.decimal_utils import fmt
from cchc_score.errors import EvidenceError, RuleError, msg, shown
from cchc_score.i18n import Label, amount
from cchc_score.number_checks import check_numbers
from cchc_score.validation_words import validation_message

Lang = Literal["vi", "en"]
ParamsT = TypeVar("ParamsT", bound=BaseModel)


class RuleParams(BaseModel):
    """Base of each rule kind's parameter model: frozen, unknown keys rejected, numbers finite
    and within the input range however written (as :class:`cchc_score.model.base.Frozen`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _numbers_in_range(cls, value: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        model = handler(value)
        check_numbers(cls, value, model)
        return model


@dataclass(frozen=True)
class Outcome:
    """A result a leaf can reach: the evidence value that reaches it and its points."""

    value: Any
    points: Decimal
    label_vi: str
    label_en: str

    @property
    def label(self) -> Label:
        """The label in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)


class Rule(ABC):
    """A leaf's scoring rule, bound to its parameters and maximum.

    A rule kind is a subclass with a ``kind`` name and a ``Params`` model. It is registered
    through the ``register_rule_kinds`` hook; the built-in kinds use the same hook.
    """

    kind: ClassVar[str]
    label_vi: ClassVar[str]
    label_en: ClassVar[str]
    Params: ClassVar[type[RuleParams]] = RuleParams
    #: Lower bound of the points; 0 except for signed kinds (bonus/penalty).
    signed: ClassVar[bool] = False

    def __init__(self, params: Any, max_points: Decimal) -> None:
        self.params = params
        self.max_points = max_points
        self.check_params()

    @classmethod
    def build(cls, params: Mapping[str, Any] | None, max_points: Decimal) -> Rule:
        """Validate ``params`` against the kind's model and bind them; RuleError when bad."""
        try:
            parsed = cls.Params.model_validate(dict(params or {}))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "params"
            given = shown(first.get("input"))
            raise RuleError(
                msg(
                    "rule '{kind}': parameter {where}: {problem} (got {value})",
                    kind=cls.kind,
                    where=where,
                    problem=validation_message(first),
                    value=given,
                )
            ) from None
        return cls(parsed, max_points)

    def check_params(self) -> None:
        """Cross-field checks of the parameters against the leaf maximum; RuleError when bad."""
        return None

    @abstractmethod
    def check(self, value: Any) -> Any:
        """Return the evidence value in canonical form, or raise EvidenceError naming it."""

    @abstractmethod
    def points(self, value: Any) -> Decimal:
        """Points for a checked evidence value (a Decimal in [min_points, max_points])."""

    @abstractmethod
    def explain(self, lang: Lang = "vi") -> str:
        """The rule in words, for people reading a pack or a workbook."""

    @abstractmethod
    def outcomes(self, value: Any | None) -> list[Outcome]:
        """Every outcome scoring more than ``value`` does (None: no evidence yet).

        Sorted by points ascending, each with the evidence value closest to the current one that
        reaches it. The simulator builds its options from this list.
        """

    @property
    def min_points(self) -> Decimal:
        return Decimal(0)

    def score(self, value: Any | None) -> Decimal:
        """Points for a raw value; no evidence scores the minimum (0, or the floor if signed)."""
        if value is None:
            return Decimal(0)
        return self.points(self.check(value))

    def describe(self, value: Any, lang: Lang = "vi") -> str:
        """A value in words (levels show their label)."""
        if isinstance(value, Decimal):
            return fmt(value, 4).rstrip("0").rstrip(".")
        return str(value)

    def bad_value(self, value: Any, expected_vi: str, expected_en: str) -> EvidenceError:
        return EvidenceError(
            msg(
                "value {value} is not valid for rule '{kind}': expected {expected}",
                value=shown(value),
                kind=self.kind,
                expected=Label(expected_vi, expected_en),
            ),
            code="invalid_evidence_value",
        )


def pts(points: Decimal, lang: Lang = "en") -> str:
    """Points in words, without trailing zeros: '1.5', '2' ('1,5' in Vietnamese)."""
    text = fmt(points, 4)
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text if lang == "en" else amount(Decimal(text), lang)
