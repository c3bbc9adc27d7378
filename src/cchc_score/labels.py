"""Codes found from what people type: the code itself or the label they see, in any case, with or
without Vietnamese diacritics (``Tốt``, ``tot``, ``TỐT``, ``Khối UBND cấp huyện``, ``huyen``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .errors import UnknownIdError, msg
from .i18n import CODES, Label, code_label

if TYPE_CHECKING:  # the options' help reads the names, without loading the models
    from .model.criteria import CriteriaSet

#: Words a block's label starts with that people leave out: "Khối UBND cấp huyện" is "huyện".
_BLOCK_PREFIX = re.compile(r"^(khoi )?(ubnd )?(cap )?")


def fold(text: str) -> str:
    """``text`` as compared: lower case, no diacritics (đ is d), one space between words,
    underscores and hyphens as spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(w for w in re.split(r"[\s_\-,.;:()]+", plain.lower()) if w)


def find_code(text: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The code whose own spelling or one of whose ``names`` is ``text`` (folded); None when
    none is."""
    wanted = fold(text)
    for code, said in names.items():
        if wanted in {fold(code), *(fold(n) for n in said)}:
            return code
    return None


def code_names(kind: str, codes: Iterable[str]) -> dict[str, list[str]]:
    """The Vietnamese names of ``codes`` of a catalogue ``kind`` (``block``, ``tie_policy``…);
    a block is also known by its last words ("huyện" for "Khối UBND cấp huyện")."""
    out: dict[str, list[str]] = {}
    for code in codes:
        label = code_label(kind, code, "vi")
        names = [label]
        if kind == "block":
            names.append(_BLOCK_PREFIX.sub("", fold(label)))
        out[code] = names
    return out


def listed(vi: Mapping[str, str], en: Mapping[str, str] | None = None) -> Label:
    """The choices as a user reads them, in each language: the label, then the code in
    brackets when it differs (English shows the code alone when it has no English label)."""

    def one(code: str, label: str) -> str:
        return code if label == code else f"{label} ({code})"

    english = en or {}
    return Label(
        "; ".join(one(code, label) for code, label in vi.items()),
        "; ".join(one(code, english.get(code, code)) for code in vi),
    )


def block_code(cset: CriteriaSet, text: str) -> str:
    """The block ``text`` names (``district``, ``Khối UBND cấp huyện``, ``huyện``): one of the
    blocks the catalogue knows or ``cset`` gives bands for. Anything else is refused, listing
    them: a block nobody else is in ranks its unit alone."""
    codes = [c for c in CODES["block"] if c != "*"]
    codes += [b for b in cset.bands if b != "*" and b not in codes]
    names = code_names("block", codes)
    found = find_code(text, names) or find_code(_BLOCK_PREFIX.sub("", fold(text)), names)
    if found is None:
        raise UnknownIdError(
            msg(
                "no block {value!r}; choose one of {choices}",
                value=text,
                choices=listed({c: n[0] for c, n in names.items()}),
            ),
            code="unknown_block",
        )
    return found


def band_code(cset: CriteriaSet, block: str, text: str) -> str:
    """The band of ``block`` that ``text`` names (``tot``, ``Tốt``, ``TỐT``, ``Good``)."""
    bands = cset.bands_for(block)
    found = find_code(text, {b.code: [b.label_vi, b.label_en] for b in bands})
    if found is None:
        raise UnknownIdError(
            msg(
                "band {value!r} is not a band of block {block}; choose one of {choices}",
                value=text,
                block=Label(code_label("block", block, "vi"), block),
                choices=listed(
                    {b.code: b.label_vi for b in bands}, {b.code: b.label_en for b in bands}
                ),
            ),
            code="unknown_band",
        )
    return found


def block_words(block: str) -> Label:
    """A block for a message: its label in Vietnamese (Khối UBND cấp huyện), its code in
    English."""
    return Label(code_label("block", block, "vi"), repr(block))
