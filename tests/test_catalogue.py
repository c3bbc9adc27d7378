"""The language catalogue: every msgid the code uses has its Vietnamese, and the compiled .mo
files are what their .po files compile to."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cchc_score.i18n import CODES, FLAGS, LOCALE_DIR, Label, amount, code_label, number, percent
from cchc_score.i18n_catalogue import compiled, scan

PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "cchc_score.po"


def catalogue() -> dict[tuple[str | None, str], object]:
    with PO.open("rb") as f:
        cat = read_po(f)
    out: dict[tuple[str | None, str], object] = {}
    for message in cat:
        if message.id:
            key = message.id[0] if isinstance(message.id, list | tuple) else message.id
            out[(message.context, key)] = message.string
    return out


def test_every_msgid_in_the_code_has_its_vietnamese() -> None:
    vi = catalogue()
    missing = sorted(
        f"{where}: {msgid!r}" + (f" (context {context!r})" if context else "")
        for context, msgid, _plural, where in scan()
        if not vi.get((context, msgid))
        or (isinstance(vi[(context, msgid)], tuple) and not all(vi[(context, msgid)]))
    )
    assert not missing, "not in the vi catalogue (run python -m cchc_score.i18n):\n" + "\n".join(
        missing
    )


def test_the_compiled_catalogues_are_up_to_date() -> None:
    pos = list(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    assert pos, "no catalogue found"
    for po in pos:
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo} is missing: run python -m cchc_score.i18n_catalogue"
        assert mo.read_bytes() == compiled(po), f"{mo} is older than {po.name}: recompile"


def test_the_scan_sees_calls_inside_f_strings() -> None:
    """Babel's extractor on Python 3.11 misses these; the scan must not."""
    assert any(m == "Score breakdown" and w.startswith("render/") for _, m, _, w in scan())


@pytest.mark.parametrize(("kind", "codes"), sorted(CODES.items()))
def test_every_known_code_has_a_vietnamese_name(kind: str, codes: tuple[str, ...]) -> None:
    for code in codes:
        assert code_label(kind, code, "vi") != code, (kind, code)
        assert code_label(kind, code, "en") == code


def test_flags_have_vietnamese_words_and_unknown_codes_fall_back() -> None:
    from cchc_score.i18n import flag

    for code, english in FLAGS.items():
        assert flag(code, "en") == english
        assert flag(code, "vi") != english
    assert flag("made_up", "vi") == "made_up"
    assert code_label("block", "made_up_block", "vi") == "made_up_block"


def test_numbers_use_the_decimal_comma_and_cldr_grouping_in_vietnamese() -> None:
    assert number(Decimal("1234.5"), "vi") == "1.234,50"
    assert number(Decimal("1234.5"), "en") == "1234.50"
    assert number(Decimal("83.265"), "vi") == "83,27"  # half up, as the English always did
    assert number(Decimal("-0.5"), "vi", 3) == "-0,500"
    assert number(None, "vi") == "–"
    assert percent(Decimal("22.4"), "vi", 1) == "22,4%"
    assert percent(Decimal("83.27"), "en") == "83.27 %"
    assert percent(Decimal("83.27"), "en", spaced=False) == "83.27%"
    assert amount(Decimal("1500.00"), "vi") == "1.500"
    assert amount(Decimal("2.50"), "vi") == "2,5"
    assert amount(Decimal("1500.00"), "en") == "1500"
    # exact digits: no float on the way
    assert number(Decimal("12345678901234567.125"), "vi") == "12.345.678.901.234.567,13"


def test_label_is_a_frozen_bilingual_value() -> None:
    label = Label("Tốt", "Good")
    assert (label.get("vi"), label.get("en"), str(label)) == ("Tốt", "Good", "Tốt")
    with pytest.raises(AttributeError):
        label.vi = "x"  # type: ignore[misc]


def test_the_wheel_carries_the_compiled_catalogues(tmp_path: Path) -> None:
    """Hatch packs the whole package folder; the .mo must not be left out (nor ignored)."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).parents[1]
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=root,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cchc_score/locale/vi/LC_MESSAGES/cchc_score.mo" in names
