"""One unit's file: find its criteria set and score it, errors naming the file and the line."""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from cchc_score.engine import score
from cchc_score.errors import CchcScoreError, UnknownIdError
from cchc_score.loading import WORKBOOK_SUFFIXES, load_assessment, locate, read_document
from cchc_score.model.criteria import CriteriaSet
from cchc_score.model.evidence import AssessmentFile, Submission
from cchc_score.model.result import Result

from .context import Context


@dataclass(frozen=True)
class Scored:
    """A unit's file read and scored: the set it answers, what it holds, and the result."""

    path: Path
    criteria_set: CriteriaSet
    document: AssessmentFile
    result: Result

    @property
    def submission(self) -> Submission:
        """What the unit submitted: assessment, appraisal and survey."""
        return self.document.submission


def read_submission(ctx: Context, path: Path) -> tuple[CriteriaSet, AssessmentFile]:
    """A unit's file (YAML, JSON or a filled workbook) and the criteria set it names."""
    doc = load_assessment(path)
    try:
        cset = ctx.resolve_set(doc.criteria_set, doc.set_version, doc.year)
    except UnknownIdError as exc:
        raise exc.located(file=str(path), place="criteria_set") from None
    return cset, doc


def score_submission(cset: CriteriaSet, doc: AssessmentFile, path: Path) -> Result:
    """Score a loaded file; an error names the file and, for YAML/JSON, the line."""
    try:
        return score(cset, doc.submission)
    except CchcScoreError as exc:
        if path.suffix.lower() in WORKBOOK_SUFFIXES:  # no lines to point at in a workbook
            raise exc.located(file=str(path)) from None
        raise locate(exc, read_document(path)) from None


def score_path(ctx: Context, path: str | PathLike[str]) -> Scored:
    """Read and score one unit's file."""
    path = Path(path)
    cset, doc = read_submission(ctx, path)
    return Scored(path, cset, doc, score_submission(cset, doc, path))
