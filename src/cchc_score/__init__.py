"""cchc_score: score Vietnamese administrative-reform (CCHC / PAR index) self-assessments.

Load criteria sets (plug-ins or YAML), score a unit's evidence, rank units, and plan the
improvements that raise a rank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import score
    from .errors import (
        CchcScoreError,
        CellsError,
        CriteriaError,
        EvidenceError,
        InputFileError,
        PluginError,
        RuleError,
        UnknownIdError,
    )
    from .hookspecs import hookimpl
    from .loading import load_assessment, load_criteria_set
    from .model.criteria import (
        Band,
        CriteriaSet,
        LegalReference,
        Node,
        Provenance,
        RoundingRule,
        RuleSpec,
    )
    from .model.evidence import (
        Adjustment,
        Appraisal,
        AppraisalRound,
        Assessment,
        AssessmentFile,
        EvidenceDocument,
        LeafEvidence,
        Submission,
        Survey,
        SurveyLeaf,
    )
    from .model.result import NodeResult, Result
    from .plugins import PluginFailure, Registry, build_registry, make_plugin_manager
    from .rules import Outcome, Rule, RuleParams

#: Public name -> the module defining it. Imported on first use, so that the command line
#: starts fast (``cchc-score --help`` loads no models).
_LAZY: dict[str, str] = {
    "Adjustment": ".model.evidence",
    "Appraisal": ".model.evidence",
    "AppraisalRound": ".model.evidence",
    "Assessment": ".model.evidence",
    "AssessmentFile": ".model.evidence",
    "Band": ".model.criteria",
    "CchcScoreError": ".errors",
    "CriteriaError": ".errors",
    "CriteriaSet": ".model.criteria",
    "EvidenceDocument": ".model.evidence",
    "CellsError": ".errors",
    "EvidenceError": ".errors",
    "InputFileError": ".errors",
    "LeafEvidence": ".model.evidence",
    "LegalReference": ".model.criteria",
    "Node": ".model.criteria",
    "NodeResult": ".model.result",
    "Outcome": ".rules",
    "PluginError": ".errors",
    "PluginFailure": ".plugins",
    "Provenance": ".model.criteria",
    "Registry": ".plugins",
    "Result": ".model.result",
    "RoundingRule": ".model.criteria",
    "Rule": ".rules",
    "RuleError": ".errors",
    "RuleParams": ".rules",
    "RuleSpec": ".model.criteria",
    "Submission": ".model.evidence",
    "Survey": ".model.evidence",
    "SurveyLeaf": ".model.evidence",
    "UnknownIdError": ".errors",
    "build_registry": ".plugins",
    "hookimpl": ".hookspecs",
    "load_assessment": ".loading",
    "load_criteria_set": ".loading",
    "make_plugin_manager": ".plugins",
    "score": ".engine",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_score' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Adjustment",
    "Appraisal",
    "AppraisalRound",
    "Assessment",
    "AssessmentFile",
    "Band",
    "CchcScoreError",
    "CellsError",
    "CriteriaError",
    "CriteriaSet",
    "EvidenceDocument",
    "EvidenceError",
    "InputFileError",
    "LeafEvidence",
    "LegalReference",
    "Node",
    "NodeResult",
    "Outcome",
    "PluginError",
    "PluginFailure",
    "Provenance",
    "Registry",
    "Result",
    "RoundingRule",
    "Rule",
    "RuleError",
    "RuleParams",
    "RuleSpec",
    "Submission",
    "Survey",
    "SurveyLeaf",
    "UnknownIdError",
    "__version__",
    "build_registry",
    "hookimpl",
    "load_assessment",
    "load_criteria_set",
    "make_plugin_manager",
    "score",
]
