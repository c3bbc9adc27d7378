"""Plug-ins: built-ins through the same hook, failures isolated and named, order independence."""

from __future__ import annotations

import pickle
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from cchc_score import (
    Assessment,
    CriteriaSet,
    LeafEvidence,
    Rule,
    RuleParams,
    build_registry,
    hookimpl,
    make_plugin_manager,
    score,
)
from cchc_score.plugins import BUILTIN_PLUGIN, Registry

from .conftest import MINIMAL


def plugin(name: str, **hooks: Any) -> ModuleType:
    module = ModuleType(name)
    for hook_name, func in hooks.items():
        setattr(module, hook_name, hookimpl(func))
    return module


def registry_with(*plugins: ModuleType) -> Registry:
    pm = make_plugin_manager()
    for p in plugins:
        pm.register(p, name=p.__name__)
    return build_registry(pm, entry_points=False)


def set_data(set_id: str = "from_plugin", max_points: str = "1") -> dict[str, Any]:
    return {
        "id": set_id,
        "version": "1",
        "title_vi": "Bộ thử",
        "title_en": "Test set",
        "unit_type": "commune",
        "total_max": "1",
        "nodes": [
            {
                "id": "1",
                "label_vi": "Một",
                "label_en": "One",
                "max_points": max_points,
                "rule": {"kind": "binary"},
            }
        ],
    }


class DoubleRule(Rule):
    kind = "double"
    label_vi = "Gấp đôi"
    label_en = "Double"
    Params = RuleParams

    def check(self, value: Any) -> Decimal:
        return Decimal(value)

    def points(self, value: Any) -> Decimal:
        return Decimal(min(value * 2, self.max_points))

    def explain(self, lang: str = "vi") -> str:
        return "×2"

    def outcomes(self, value: Any) -> list[Any]:
        return []


def test_builtin_rule_kinds_come_through_the_plugin_hook() -> None:
    reg = build_registry(entry_points=False)
    assert set(reg.rule_kind_plugins.values()) == {BUILTIN_PLUGIN}
    assert "threshold" in reg.rule_kinds


def test_a_plugin_registers_a_set_from_a_path_a_mapping_or_a_model() -> None:
    good = plugin(
        "good",
        register_criteria_sets=lambda register: (
            register(MINIMAL / "criteria.yaml"),
            register(set_data("as_mapping")),
            register(CriteriaSet.model_validate(set_data("as_model"))),
        ),
    )
    reg = registry_with(good)
    assert {k[0] for k in reg.sets} == {"example_minimal", "as_mapping", "as_model"}
    assert reg.failures == []
    assert reg.get_set("example_minimal").total_max == 20


def test_a_plugin_can_add_a_rule_kind_used_by_its_set() -> None:
    data = set_data("doubled")
    data["nodes"][0]["rule"] = {"kind": "double"}
    custom = plugin(
        "custom",
        register_rule_kinds=lambda register: register(DoubleRule),
        register_criteria_sets=lambda register: register(data),
    )
    reg = registry_with(custom)
    assert reg.rule_kind_plugins["double"] == "custom"
    assert reg.get_set("doubled").rules["1"].score("0.3") == Decimal("0.6")


def test_a_registered_set_carries_its_plugin_rules_into_scoring_and_worker_processes() -> None:
    """The registry hands out a set bound to the plug-in's rule kind: scoring needs nothing
    more, and a pickled copy (what a worker process receives) scores the same."""
    data = set_data("doubled")
    data["nodes"][0]["rule"] = {"kind": "double"}
    custom = plugin(
        "custom",
        register_rule_kinds=lambda register: register(DoubleRule),
        register_criteria_sets=lambda register: register(data),
    )
    cset = registry_with(custom).get_set("doubled")
    unit = Assessment(
        unit="A",
        block="commune",
        year=2024,
        criteria_set="doubled",
        leaves={"1": LeafEvidence(value="0.3")},
    )
    copy = pickle.loads(pickle.dumps(cset))
    assert copy == cset and copy.model_dump_json() == cset.model_dump_json()
    assert score(cset, unit).total == score(copy, unit).total == Decimal("0.60")


def test_failures_are_named_and_the_other_plugins_keep_working() -> None:
    def boom(register: Any) -> None:
        raise RuntimeError("database unreachable")

    raising = plugin("raising", register_criteria_sets=boom)
    invalid = plugin(
        "invalid", register_criteria_sets=lambda register: register(set_data("bad", "2"))
    )
    duplicate = plugin(
        "zz_duplicate", register_criteria_sets=lambda register: register(set_data("good_one"))
    )
    dup_kind = plugin(
        "dup_kind",
        register_rule_kinds=lambda register: register(type("X", (DoubleRule,), {"kind": "binary"})),
    )
    not_a_rule = plugin("not_a_rule", register_rule_kinds=lambda register: register(object))
    good = plugin("good", register_criteria_sets=lambda register: register(set_data("good_one")))
    reg = registry_with(raising, invalid, duplicate, dup_kind, not_a_rule, good)
    reasons = {f.plugin: f.reason for f in reg.failures}
    assert "RuntimeError: database unreachable" in reasons["raising"]
    assert "'bad'" in reasons["invalid"] and "not the declared total_max" in reasons["invalid"]
    assert "already registered by good" in reasons["zz_duplicate"]
    assert "already registered by cchc_score.builtin" in reasons["dup_kind"]
    assert "not a Rule subclass" in reasons["not_a_rule"]
    assert reg.get_set("good_one").id == "good_one"
    assert reg.sets[("good_one", "1")].plugin == "good"


def test_registration_order_does_not_change_what_is_loaded() -> None:
    """Plug-ins registered in any order give the same sets, owners and failures."""
    a = plugin("a", register_criteria_sets=lambda register: register(set_data("same")))
    b = plugin("b", register_criteria_sets=lambda register: register(set_data("same")))
    one, two = registry_with(a, b), registry_with(b, a)
    assert one.sets == two.sets and one.failures == two.failures
    assert one.sets[("same", "1")].plugin == "a"


def _fake_entry_points(monkeypatch: pytest.MonkeyPatch, *eps: metadata.EntryPoint) -> None:
    monkeypatch.setattr(metadata, "entry_points", lambda group: list(eps))


def test_an_entry_point_that_fails_to_import_is_reported_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fake_entry_points(
        monkeypatch,
        metadata.EntryPoint("broken_pack", "no_such_module_for_cchc", "cchc_score"),
    )
    reg = build_registry()
    assert [f.plugin for f in reg.failures] == ["broken_pack"]
    assert "ModuleNotFoundError" in reg.failures[0].reason
    assert "threshold" in reg.rule_kinds


def test_a_misspelt_hook_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    module = ModuleType("misspelt")
    module.register_criteria_set = hookimpl(lambda register: None)  # type: ignore[attr-defined]
    ep = SimpleNamespace(name="misspelt", value="misspelt", load=lambda: module)
    monkeypatch.setattr(metadata, "entry_points", lambda group: [ep])
    reg = build_registry()
    assert reg.failures and reg.failures[0].plugin == "misspelt"
    assert "register_criteria_set" in reg.failures[0].reason


def test_plugins_can_be_disabled_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_entry_points(
        monkeypatch, metadata.EntryPoint("broken_pack", "no_such_module_for_cchc", "cchc_score")
    )
    monkeypatch.setenv("CCHC_SCORE_DISABLE_PLUGINS", "broken_pack")
    assert build_registry().failures == []
    monkeypatch.setenv("CCHC_SCORE_DISABLE_PLUGINS", "all")
    assert build_registry().failures == []


def test_packs_on_the_environment_path_are_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CCHC_SCORE_PATH", str(MINIMAL))
    reg = build_registry(entry_points=False)
    assert reg.sets[("example_minimal", "1.0")].source == str(MINIMAL / "criteria.yaml")


def test_an_unknown_set_lists_the_known_ones() -> None:
    from cchc_score import UnknownIdError

    reg = build_registry(entry_points=False, paths=[MINIMAL / "criteria.yaml"])
    with pytest.raises(UnknownIdError, match="known: example_minimal"):
        reg.get_set("nope")


def test_a_wrong_version_lists_the_versions_loaded() -> None:
    from cchc_score import UnknownIdError

    reg = build_registry(entry_points=False, paths=[MINIMAL / "criteria.yaml"])
    with pytest.raises(UnknownIdError, match=r"has no version '9' \(versions loaded: 1\.0\)"):
        reg.get_set("example_minimal", "9")
