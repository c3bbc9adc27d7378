"""How a set runs its sociological survey: respondent groups, how they combine, and what
happens when no survey is run; and the per-group points a scored leaf keeps.

A set says it under ``survey:``::

    survey:
      groups:
        - {code: hdnd, label_vi: Đại biểu HĐND, label_en: People's Council delegates, weight: 20}
        - {code: nguoi_dan, label_vi: Người dân, doanh nghiệp, label_en: People and businesses,
           weight: 80}
      combine: weights        # or: respondents (each group weighted by its sample size)
      absent: rescale         # or: zero (the default): survey leaves score 0 when no survey ran
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from cchc_score.errors import msg
from cchc_score.i18n import Label

from .base import Frozen

#: ``respondents``: each group's points weigh as its number of respondents (a pooled sample);
#: ``weights``: as the weight the set gives the group.
Combine = Literal["respondents", "weights"]
#: When a unit's submission holds no survey result at all: ``zero`` scores the survey leaves 0
#: (flagged ``missing_survey``); ``rescale`` brings the appraised points to the full scale.
Absent = Literal["zero", "rescale"]


class SurveyGroup(Frozen):
    """A group of respondents the set surveys (People's Council delegates, leaders, …)."""

    code: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    label_vi: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    #: The group's weight when the set combines groups by weight (any scale: it is normalised
    #: over the groups that answered the leaf).
    weight: Decimal | None = Field(default=None, gt=0)

    @property
    def label(self) -> Label:
        """The group's name in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)


class SurveySettings(Frozen):
    """A set's survey settings (see the module docstring)."""

    groups: tuple[SurveyGroup, ...] = ()
    combine: Combine = "respondents"
    absent: Absent = "zero"

    @model_validator(mode="after")
    def _groups_complete(self) -> SurveySettings:
        codes = [g.code for g in self.groups]
        for i, code in enumerate(codes):
            if code in codes[:i]:
                raise ValueError(msg("survey group {code!r} is given twice", code=code))
        if self.combine == "weights":
            if not self.groups:
                raise ValueError(msg("survey groups are combined by weight, but none is listed"))
            for group in self.groups:
                if group.weight is None:
                    raise ValueError(
                        msg(
                            "survey group {code!r} needs a weight: the set combines groups"
                            " by weight",
                            code=group.code,
                        )
                    )
        return self

    def group(self, code: str) -> SurveyGroup | None:
        return next((g for g in self.groups if g.code == code), None)


class GroupPoints(Frozen):
    """One respondent group's part of a survey leaf: its points and its weight in the leaf."""

    code: str
    label_vi: str
    label_en: str
    respondents: int | None = None
    #: Shares of the answers in percent (None when the group's points were given).
    distribution: dict[str, Decimal] | None = None
    #: The group's points on the leaf's scale (as if it alone had answered).
    points: Decimal
    #: The group's share of the leaf's result, 0–1.
    share: Decimal

    @property
    def label(self) -> Label:
        """The group's name in Vietnamese and English."""
        return Label(self.label_vi, self.label_en)
