"""Vietnamese reports read as Vietnamese: no internal code shows through (a block id, a tie
policy, a rounding mode, a rule kind, a flag, a validation phrase), and numbers carry the
decimal comma. Free text the packs and examples supply (legal titles, sources, notes, some of
them bilingual) is taken out first: it is data, not a code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.i18n import CODES, FLAGS

ROOT = Path(__file__).parents[1]
DI_LINH = ROOT / "examples" / "di_linh"
MINIMAL = ROOT / "examples" / "minimal"

REPORTS = {
    "demo": ["demo"],
    "score": ["score", str(MINIMAL / "assessment.yaml"), "--set", str(MINIMAL / "criteria.yaml")],
    "show": ["show", "lam_dong_district_2021"],
    "sets": ["sets"],
    "rank": ["rank", str(DI_LINH / "2021")],
    "compare": [
        "compare",
        str(DI_LINH / "2020" / "di_linh.yaml"),
        str(DI_LINH / "2021" / "di_linh.yaml"),
        "--peers",
    ],
}
#: Codes that must not stand in a Vietnamese report.
CODE_WORDS = (
    {code for kind, codes in CODES.items() if kind != "rounding_at" for code in codes}
    | set(FLAGS)
    | {"not_in_set"}
) - {"*", "other", "down", "total", "leaf"}  # too common as words; their contexts are tested
PHRASES = ("Field required", "half_up", "half_even", "appraised_first", "bonus_penalty")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def free_text() -> list[str]:
    """Every string with a space in the packs and examples (codes never hold a space)."""
    texts: set[str] = set()
    for folder in (ROOT / "criteria", ROOT / "examples"):
        for path in folder.rglob("*.yaml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            texts.update(" ".join(s.split()) for s in _strings(data) if " " in s.strip())
    return sorted(texts, key=len, reverse=True)


@pytest.fixture(scope="module")
def data_texts() -> list[str]:
    return free_text()


def report(name: str, data_texts: list[str]) -> str:
    """The report on one line, the packs' and examples' free text taken out."""
    result = CliRunner().invoke(main, REPORTS[name], env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for data in data_texts:
        text = text.replace(data, " ")
    return text


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_internal_code_shows_in_a_vietnamese_report(name: str, data_texts: list[str]) -> None:
    text = report(name, data_texts)
    leaked = sorted(
        word for word in CODE_WORDS if re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w.-])", text)
    )
    leaked += [phrase for phrase in PHRASES if phrase in text]
    assert not leaked, f"{name}: codes in the Vietnamese report: {leaked}"


@pytest.mark.parametrize("name", ["demo", "score", "show", "rank", "compare"])
def test_numbers_in_a_vietnamese_report_use_the_decimal_comma(
    name: str, data_texts: list[str]
) -> None:
    text = report(name, data_texts)
    assert re.search(r"\d,\d\d\b", text), name
    # points "9.49 / 20.00", "0.50/1.00" or an index "47.45 %" would be English figures
    assert not re.search(r"\d\.\d\d ?/ ?\d", text), name
    assert not re.search(r"\d\.\d+ ?%", text), name


def test_the_same_reports_in_english_keep_their_codes_and_points() -> None:
    result = CliRunner().invoke(main, [*REPORTS["rank"], "--lang", "en"], env={"COLUMNS": "2000"})
    assert "block district" in result.stdout and "Tie policy: shared" in result.stdout
    assert re.search(r"\d\.\d\d", result.stdout)
