"""JSON Schemas: printed by 'cchc-score schema', shipped in docs/schemas, matching the models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cchc_score.cli import main
from cchc_score.schemas import SCHEMAS, available, schema_text

from .conftest import MINIMAL, ROOT


def test_the_four_schemas_an_integrator_needs_exist() -> None:
    assert {"pack", "assessment", "result", "plan"} <= set(available())


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_shipped_schema_files_equal_the_generated_ones(name: str) -> None:
    shipped = ROOT / "docs" / "schemas" / f"{name}.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(name), (
        f"docs/schemas/{name}.json is stale: run 'cchc-score write-docs'"
    )


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["schema", "assessment"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$id"] == "cchc_score/assessment.json"
    assert {"unit", "block", "year", "criteria_set"} <= set(schema["required"])


def test_an_unknown_schema_name_is_refused_with_the_known_names() -> None:
    result = CliRunner().invoke(main, ["schema", "budget"])
    assert result.exit_code == 2 and "pack" in result.stderr


def test_the_pack_schema_describes_the_recursive_tree() -> None:
    schema = json.loads(schema_text("pack"))
    node = schema["$defs"]["Node"]
    assert node["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert {"id", "label_vi", "label_en", "max_points"} <= set(node["required"])
    assert node["additionalProperties"] is False


def test_every_key_of_the_example_pack_is_in_the_schema() -> None:
    """A key the schema does not know would be a key the loader rejects, or a stale schema."""
    schema = json.loads(schema_text("pack"))
    data = yaml.safe_load((MINIMAL / "criteria.yaml").read_text(encoding="utf-8"))
    assert set(data) <= set(schema["properties"])
    node_keys = set(schema["$defs"]["Node"]["properties"])
    stack = list(data["nodes"])
    while stack:
        node = stack.pop()
        assert set(node) <= node_keys, node["id"]
        stack.extend(node.get("children", []))


def test_result_schema_keeps_decimals_as_strings() -> None:
    """Points leave as exact strings, so a consumer never sees a rounded float."""
    total = json.loads(schema_text("result"))["properties"]["total"]
    assert total["type"] == "string"


def test_write_docs_writes_then_finds_nothing_to_change(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["write-docs", "--docs", str(tmp_path)])
    assert first.exit_code == 0 and "cli.md" in first.stdout
    assert (tmp_path / "schemas" / "plan.json").read_text(encoding="utf-8") == schema_text("plan")
    assert runner.invoke(main, ["write-docs", "--docs", str(tmp_path), "--check"]).exit_code == 0
    (tmp_path / "cli.md").write_text("stale\n", encoding="utf-8")
    check = runner.invoke(main, ["write-docs", "--docs", str(tmp_path), "--check"])
    assert check.exit_code == 1 and "cli.md" in check.stdout
    assert (tmp_path / "cli.md").read_text(encoding="utf-8") == "stale\n"  # --check writes nothing
