"""JSON Schemas of the files cchc_score reads and the results it writes, for other systems.

Input files (a criteria pack, an assessment file, a cost table) are described as they are
validated; results (a scored assessment, a plan, a simulation, a comparison) as they are
serialised by ``model_dump_json``. Decimals are numbers or exact numeric strings on input and
strings on output, so no digit is lost.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal

from .errors import UnknownIdError, msg
from .formats import jsonfile

if TYPE_CHECKING:
    from pydantic import BaseModel

Mode = Literal["validation", "serialization"]

#: Schema name -> (module, model name, mode, description).
SCHEMAS: dict[str, tuple[str, str, Mode, str]] = {
    "pack": (
        "cchc_score.model.criteria",
        "CriteriaSet",
        "validation",
        "A criteria set (pack) file: metadata and the tree of areas, criteria and leaves.",
    ),
    "assessment": (
        "cchc_score.model.evidence",
        "AssessmentFile",
        "validation",
        "An assessment file: a unit's evidence per leaf, with optional appraisal and survey.",
    ),
    "cases": (
        "cchc_score.cases",
        "CaseFile",
        "validation",
        "A pack's test cases (cases/*.yaml): sentence-named evidence and the points expected.",
    ),
    "result": (
        "cchc_score.model.result",
        "Result",
        "serialization",
        "A scored assessment, as 'cchc-score score --json' prints it.",
    ),
    "plan": (
        "cchc_score.simulate.models",
        "Plan",
        "serialization",
        "A plan of improvements from the simulator, re-scored by the engine.",
    ),
    "simulation": (
        "cchc_score.simulate.models",
        "Simulation",
        "serialization",
        "Everything 'cchc-score simulate --json' prints: plan, frontier, odds, opportunities.",
    ),
    "costs": (
        "cchc_score.simulate.costs",
        "CostTable",
        "validation",
        "A cost table for the simulator: the cost of each leaf's improvements.",
    ),
    "comparison": (
        "cchc_score.model.comparison",
        "Comparison",
        "serialization",
        "A year-over-year comparison of one unit, as 'cchc-score compare --json' prints it.",
    ),
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def available() -> list[str]:
    """The schema names whose models can be imported (in the order of :data:`SCHEMAS`)."""
    out = []
    for name, (module, model, _mode, _d) in SCHEMAS.items():
        try:
            getattr(import_module(module), model)
        except (ImportError, AttributeError):
            continue
        out.append(name)
    return out


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema named ``name`` (see :data:`SCHEMAS`)."""
    if name not in SCHEMAS:
        raise UnknownIdError(
            msg("no schema {name!r} (known: {known})", name=name, known=", ".join(SCHEMAS))
        )
    module, model_name, mode, description = SCHEMAS[name]
    model: type[BaseModel] = getattr(import_module(module), model_name)
    schema = model.model_json_schema(mode=mode)
    return {
        "$schema": DIALECT,
        "$id": f"cchc_score/{name}.json",
        **schema,
        "description": description,
    }


def schema_text(name: str) -> str:
    """The schema as the JSON text shipped in ``docs/schemas/NAME.json``."""
    return jsonfile.dumps(json_schema(name)) + "\n"
