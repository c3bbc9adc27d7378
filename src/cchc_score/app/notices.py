"""One unit's file read, and the notice of one of its appraisal rounds."""

from __future__ import annotations

from pathlib import Path

from cchc_score.errors import CchcScoreError
from cchc_score.loading import WORKBOOK_SUFFIXES, locate, read_document
from cchc_score.notice import Notice, notice

from .context import Context
from .scoring import read_submission


def notice_path(ctx: Context, path: Path, round_no: int = 1) -> Notice:
    """The notice of appraisal round ``round_no`` of the unit's file; an error names the file
    and, for YAML/JSON, the line."""
    cset, doc = read_submission(ctx, path)
    try:
        return notice(cset, doc.submission, round_no)
    except CchcScoreError as exc:
        if path.suffix.lower() in WORKBOOK_SUFFIXES or exc.place == "appraisal":
            raise exc.located(file=str(path)) from None
        raise locate(exc, read_document(path)) from None
