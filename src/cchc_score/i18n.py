"""User-facing words in Vietnamese and English, from one gettext catalogue.

Source strings (msgids) are the English text, written in the code; the Vietnamese lives in
``locale/vi/LC_MESSAGES/cchc_score.po`` (compiled to the ``.mo`` beside it). English needs no
catalogue: a msgid is its own English.

- :func:`t` (and :func:`nt` for plurals) translate a msgid and fill its ``{placeholders}``;
  :func:`N_` marks a msgid kept in a table to translate later.
- :func:`code_label` names an internal code (a block, tie policy, rounding mode, rule kind...)
  for people: in Vietnamese by its catalogue entry (msgctxt = the kind of code), in English by
  the code itself, as English reports always showed it. Codes are listed with :func:`C_` so the
  extractor keeps them in the catalogue.
- :func:`number`, :func:`percent`, :func:`amount` format Decimals: exact digits, the decimal
  comma and CLDR grouping in Vietnamese, plain ``83.27`` in English.
- :class:`Label` is the one bilingual value type for names carried in data (nodes, bands).

Adding a string: write ``t("English text {x}", lang, x=...)`` in the code, then run
``python -m cchc_score.i18n_catalogue`` (finds the msgids, updates the .po, compiles the
.mo), fill the new ``msgstr`` in ``locale/vi/LC_MESSAGES/cchc_score.po`` and run it again.
"""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
DOMAIN = "cchc_score"
LOCALE_DIR = Path(__file__).parent / "locale"


@dataclass(frozen=True, slots=True)
class Label:
    """A name in Vietnamese and English (data from a pack, not from the catalogue)."""

    vi: str
    en: str

    def get(self, lang: Lang | str) -> str:
        return self.vi if lang == "vi" else self.en

    def __str__(self) -> str:
        return self.vi


@cache
def translations(lang: Lang | str) -> _gettext.NullTranslations:
    """The catalogue of ``lang``, read once on first use (English: msgids as they are)."""
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang])


def t(msgid: str, lang: Lang | str, /, **params: object) -> str:
    """``msgid`` in ``lang``, its ``{placeholders}`` filled from ``params``."""
    text = translations(lang).gettext(msgid)
    return text.format(**params) if params else text


def tc(context: str, msgid: str, lang: Lang | str, /, **params: object) -> str:
    """As :func:`t`, for a msgid whose Vietnamese depends on where it stands (``context``)."""
    text = translations(lang).pgettext(context, msgid)
    return text.format(**params) if params else text


def nt(singular: str, plural: str, n: int, lang: Lang | str, /, **params: object) -> str:
    """The singular or plural form for ``n`` in ``lang``; ``{n}`` and ``params`` filled."""
    text = translations(lang).ngettext(singular, plural, n)
    return text.format(n=n, **params)


def one_language(text: str, lang: Lang | str) -> str:
    """A note the simulator writes in both languages, ``English / Vietnamese`` (as its JSON
    keeps it), in ``lang`` only; any other text as it is."""
    english, sep, vietnamese = text.partition(" / ")
    if not sep or " / " in vietnamese:
        return text
    return english if lang == "en" else vietnamese


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalogue without translating it yet (tables of words)."""
    return msgid


def C_(kind: str, code: str) -> str:
    """Mark an internal ``code`` of a ``kind`` (msgctxt) for the catalogue; returns the code."""
    return code


#: Codes a report names, by kind; each has a Vietnamese name in the catalogue.
CODES: dict[str, tuple[str, ...]] = {
    "block": (
        C_("block", "ministry"),
        C_("block", "province"),
        C_("block", "department"),
        C_("block", "district"),
        C_("block", "commune"),
        C_("block", "commune_level"),
        C_("block", "other"),
        C_("block", "*"),
    ),
    "unit_type": (
        C_("unit_type", "ministry"),
        C_("unit_type", "province"),
        C_("unit_type", "department"),
        C_("unit_type", "district"),
        C_("unit_type", "commune"),
        C_("unit_type", "other"),
    ),
    "tie_policy": (
        C_("tie_policy", "shared"),
        C_("tie_policy", "dense"),
        C_("tie_policy", "unrounded"),
        C_("tie_policy", "appraised_first"),
    ),
    "rounding": (
        C_("rounding", "half_up"),
        C_("rounding", "half_even"),
        C_("rounding", "down"),
    ),
    "rounding_at": (C_("rounding_at", "leaf"), C_("rounding_at", "total")),
    "rule_kind": (
        C_("rule_kind", "binary"),
        C_("rule_kind", "levels"),
        C_("rule_kind", "threshold"),
        C_("rule_kind", "proportional"),
        C_("rule_kind", "count"),
        C_("rule_kind", "survey"),
        C_("rule_kind", "bonus_penalty"),
        C_("rule_kind", "deductions"),
        C_("rule_kind", "manual"),
    ),
}


def code_label(kind: str, code: str, lang: Lang | str) -> str:
    """An internal code for people: its Vietnamese name in the catalogue, or the code itself
    in English and when the catalogue has no name for it (a block a pack invented)."""
    if lang == "en":
        return code
    return translations(lang).pgettext(kind, code)


#: What each flag on a node means (English msgids; the code names unknown flags).
FLAGS: dict[str, str] = {
    "missing_evidence": N_("missing evidence"),
    "value_out_of_range": N_("value out of range"),
    "missing_documents": N_("no evidence document"),
    "missing_survey": N_("no survey result"),
    "self_score_differs": N_("self-score differs from evidence"),
    "self_score_out_of_range": N_("self-score out of range"),
    "appraisal_adjusted": N_("adjusted by appraisal"),
    "explanation_required": N_("explanation required"),
    "capped": N_("capped at maximum"),
    "not_in_set": N_("not in the set"),
}


def flag(name: str, lang: Lang | str) -> str:
    """A node flag in words (an unknown flag by its code)."""
    msgid = FLAGS.get(name)
    return name if msgid is None else t(msgid, lang)


#: Where a node's text and points come from.
PROVENANCE: dict[str, str] = {
    "seen": N_("seen"),
    "reconstructed": N_("reconstructed"),
    "inferred": N_("inferred"),
}


def provenance(status: str, lang: Lang | str) -> str:
    msgid = PROVENANCE.get(status)
    return status if msgid is None else t(msgid, lang)


def _quantize(value: Decimal, places: int) -> Decimal:
    from cchc_score.decimal_utils import quantize

    return quantize(value, places)


def _cldr(value: Decimal, lang: Lang | str, places: int | None) -> str:
    """``value`` (already exact to the digits shown) in CLDR's decimal format for ``lang``."""
    from babel.numbers import format_decimal  # only when a Vietnamese number is shown

    if places is None:
        return format_decimal(value, locale=lang, decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=lang)


def number(value: Decimal | None, lang: Lang | str, places: int = 2) -> str:
    """Points or an index for people: ``places`` decimals rounded half up, no exponent; in
    Vietnamese the decimal comma and CLDR grouping (``1.234,50``), in English ``1234.50``."""
    if value is None:
        return "–"
    exact = _quantize(value, places)
    if lang == "en":
        return f"{exact:f}"
    return _cldr(exact, lang, places)


def percent(value: Decimal | None, lang: Lang | str, places: int = 2, spaced: bool = True) -> str:
    """A percentage given in percent (``83.27``): Vietnamese as CLDR writes it (``83,27%``);
    English as the reports always did (``83.27 %``, or ``83.27%`` when not ``spaced``)."""
    if value is None:
        return "–"
    if lang == "en":
        return number(value, lang, places) + (" %" if spaced else "%")
    from babel.numbers import format_percent

    exact = _quantize(value, places).scaleb(-2)
    pattern = "#,##0" + ("." + "0" * places if places else "") + "%"
    return format_percent(exact, format=pattern, locale=lang)


def amount(value: Decimal, lang: Lang | str) -> str:
    """A cost as given, without needless trailing zeros (``1500``, ``2.5``); Vietnamese
    groups thousands and uses the decimal comma (``1.500``, ``2,5``)."""
    from cchc_score.decimal_utils import normalize

    exact = normalize(value)
    if lang == "en":
        return f"{exact:f}"
    return _cldr(exact, lang, None)


def exact(value: Decimal, lang: Lang | str) -> str:
    """A number with the digits it was given (a threshold, a parameter): ``90.5`` stays
    ``90.5`` in English, ``90,5`` in Vietnamese; no rounding, no dropped zeros."""
    if lang == "en":
        return str(value)
    exponent = value.as_tuple().exponent
    return number(value, lang, max(0, -exponent) if isinstance(exponent, int) else 0)
