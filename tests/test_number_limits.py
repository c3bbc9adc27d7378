"""Numbers written as text (a table cell, 1e400 that YAML reads as text, an option) are finite
and within the input range, refused in one located line like the numbers the loaders read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from cchc_score import InputFileError, RuleParams
from cchc_score.cli import main
from cchc_score.simulate.inputs import load_costs

from .conftest import EXAMPLES

DI_LINH = EXAMPLES / "di_linh"


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1E+19", "1e-400"])
def test_a_cost_table_cell_out_of_range_is_refused_at_its_cell(tmp_path: Path, number: str) -> None:
    table = tmp_path / "costs.csv"
    table.write_text(f"leaf,per_point\n*,1\n1.5,{number}\n", encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        load_costs(table)
    assert err.value.place == "line 3, column per_point"  # negative: refused as below 0


@pytest.mark.parametrize("written", ["1e400", '"1e400"', "'1E+400'", "1e19"])
def test_a_yaml_cost_written_without_a_decimal_point_is_refused(
    tmp_path: Path, written: str
) -> None:
    table = tmp_path / "costs.yaml"
    table.write_text(
        "default: {per_point: 1}\nleaves:\n"
        f'  "1.5": {{outcomes: [{{points: 1, cost: {written}}}]}}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputFileError) as err:
        load_costs(table)
    # A bare 1e400 is a number to the YAML reader, refused where it is read (line and column);
    # a quoted one reaches the model, which refuses it at its field.
    assert err.value.place is not None and "line 3" in err.value.place
    assert "too large" in err.value.message
    if written.startswith(("'", '"')):
        assert "outcomes.0.cost" in err.value.place


def test_the_whole_command_refuses_it_in_one_line(tmp_path: Path) -> None:
    table = tmp_path / "costs.csv"
    table.write_text("leaf,per_point\n*,1e400\n", encoding="utf-8")
    year = DI_LINH / "2021"
    args = ["simulate", str(year / "di_linh.yaml"), "--peers", str(year), "--target-rank", "3"]
    result = CliRunner(env={"CCHC_SCORE_LANG": "en"}).invoke(main, [*args, "--costs", str(table)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "line 2, column per_point" in result.stderr
    for option in ("--budget", "--peer-trend", "--peer-sd", "--margin"):
        result = CliRunner().invoke(
            main, [*args, "--costs", str(DI_LINH / "costs.yaml"), option, "1e400"]
        )
        assert result.exit_code == 2 and option in result.stderr


def test_rule_parameters_written_as_text_are_bounded_too() -> None:
    class Params(RuleParams):
        limit: Decimal
        steps: tuple[Decimal, ...] = ()

    with pytest.raises(ValidationError) as err:
        Params.model_validate({"limit": "1", "steps": ["2", "1e400"]})
    assert err.value.errors()[0]["loc"] == ("steps", 1)
    assert Params.model_validate({"limit": "1e18"}).limit == Decimal("1e18")
