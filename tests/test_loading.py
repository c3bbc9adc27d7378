"""Reading files: impossible values, duplicate keys and huge numbers are named, never crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_score import InputFileError, load_assessment
from cchc_score.loading import assessment_files, read_document, read_table

from .conftest import MINIMAL

HEAD = "unit: X\nblock: d\nyear: 2021\ncriteria_set: example_minimal\n"


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("dup.yaml", "unit: X\nunit: Y\n", ["line 2", "duplicate key 'unit'"]),
        ("date.yaml", HEAD + "x: 2021-02-30\n", ["line 5", "'2021-02-30' is not a valid date"]),
        ("big.yaml", "year: 1" + "0" * 5000 + "\n", ["line 1", "too large a number"]),
        ("exp.yaml", "total: 1.5e+999999999\n", ["line 1", "too large or too small"]),
        ("dup.json", '{"unit": "X",\n "unit": "Y"}', ["line 2", "duplicate key 'unit'"]),
        ("big.json", '{"year": 1' + "0" * 5000 + "}", ["too large a number"]),
        ("nan.json", '{"year": NaN}', ["'NaN' is not a finite number"]),
        ("exp.json", '{"total": 1.5e999999999}', ["too large or too small"]),
    ],
)
def test_impossible_values_are_named_with_their_line(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    with pytest.raises(InputFileError) as err:
        read_document(_file(tmp_path, name, text))
    message = str(err.value)
    assert name in message
    for part in expected:
        assert part in message


def test_a_bad_leaf_value_names_the_line_of_the_leaf_and_shows_the_value_plainly(
    tmp_path: Path,
) -> None:
    from cchc_score import EvidenceError, load_criteria_set, score
    from cchc_score.loading import locate

    path = _file(
        tmp_path, "a.yaml", HEAD + 'leaves:\n  "1.1.2": {value: true}\n  "1.1.3": {value: 150}\n'
    )
    cset = load_criteria_set(MINIMAL / "criteria.yaml")
    with pytest.raises(EvidenceError) as err:
        try:
            score(cset, load_assessment(path).submission)
        except EvidenceError as exc:
            raise locate(exc, read_document(path)) from None
    assert err.value.place == "line 7, node 1.1.3"
    assert "value 150 is not valid" in str(err.value)  # not Decimal('150')


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, "t.csv", "unit,total,Total\nA,1,2\n")
    with pytest.raises(InputFileError, match="'Total' appears twice"):
        read_table(path)


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    files = assessment_files([MINIMAL, MINIMAL / "assessment.yaml", str(MINIMAL) + "/."])
    assert sorted(p.name for p in files) == ["assessment.yaml", "criteria.yaml"]


def test_an_unclosed_quote_in_a_table_is_named(tmp_path: Path) -> None:
    path = _file(tmp_path, "t.csv", 'unit,total\n"A,90\nB,80\n')
    with pytest.raises(InputFileError, match="invalid CSV"):
        read_table(path)
