"""Errors a user can cause. Each names the file, the place in it and the bad value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Self


def shown(value: object, limit: int = 80) -> str:
    """A value as a person wrote it: numbers and dates plainly, text quoted, cut when long."""
    if isinstance(value, Decimal):
        text = f"{value:f}" if abs(value.adjusted()) < 30 else str(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{shown(k)}: {shown(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(shown(v) for v in value) + "]"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class CchcScoreError(Exception):
    """Base of every error cchc_score raises on purpose.

    Args:
        message: what is wrong, naming the bad value.
        file: the file it came from, when there is one.
        place: where in the file: a line (``line 12``), a node id (``node 1.2.3``) or a cell.
        code: a stable snake_case code for programs.
    """

    code = "cchc_score_error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        place: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.place = place
        #: The criteria node the error is about, so a loader can turn it into a line number.
        self.node_id: str | None = None
        if code is not None:
            self.code = code

    def with_node(self, node_id: str) -> Self:
        """Remember the node the error is about."""
        if self.node_id is None:
            self.node_id = node_id
        return self

    def located(self, *, file: str | None = None, place: str | None = None) -> Self:
        """Fill in the file and place when the raiser did not know them."""
        if self.file is None and file is not None:
            self.file = file
        if self.place is None and place is not None:
            self.place = place
        return self

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.file, self.place) if p)
        return f"{where}: {self.message}" if where else self.message


class CriteriaError(CchcScoreError):
    """A criteria set (pack) is malformed: bad totals, duplicate ids, bad rule parameters."""

    code = "invalid_criteria_set"


class RuleError(CriteriaError):
    """A rule's parameters are invalid."""

    code = "invalid_rule"


class EvidenceError(CchcScoreError):
    """An assessment, appraisal or survey holds a value its rule cannot accept."""

    code = "invalid_evidence"


class InputFileError(CchcScoreError):
    """A file cannot be read or parsed."""

    code = "invalid_input_file"


class UnknownIdError(CchcScoreError):
    """An id (criteria set, node, unit) that is not known."""

    code = "unknown_id"


class PluginError(CchcScoreError):
    """A plug-in failed to load or registered something invalid."""

    code = "plugin_failed"
