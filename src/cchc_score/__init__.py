"""cchc_score: score Vietnamese administrative-reform (CCHC / PAR index) self-assessments.

Load criteria sets (plug-ins or YAML), score a unit's evidence, rank units, and plan the
improvements that raise a rank.
"""

from __future__ import annotations

from .engine import score
from .errors import (
    CchcScoreError,
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

__version__ = "0.1.0"

__all__ = [
    "Adjustment",
    "Appraisal",
    "AppraisalRound",
    "Assessment",
    "AssessmentFile",
    "Band",
    "CchcScoreError",
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
