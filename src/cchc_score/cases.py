"""Pack test cases: sentence-named cases (given this evidence, these points) shipped with a pack.

A case file lives in ``criteria/<pack>/cases/*.yaml``::

    criteria_set: vn_par_province_2022   # optional; default: the pack in the folder above
    cases:
      - name: A plan issued late earns half a point
        leaves: {"1.1.1": {value: late}}
        expect: {nodes: {"1.1.1": 0.5}}

Expected points match when they equal the result, compared at the pack's rounding places or at
the places written, whichever is finer, so ``3.33`` matches a survey leaf worth 3.3333….
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import Field, model_validator

from .decimal_utils import quantize
from .engine import score
from .errors import CchcScoreError, UnknownIdError, msg
from .loading import load_criteria_set, parse, read_document
from .model.base import Frozen
from .model.criteria import CriteriaSet
from .model.evidence import Appraisal, Assessment, ByLeaf, LeafEvidence, Submission, Survey
from .rules import Rule

CASES_FOLDER = "cases"
PACK_FILE = "pack.yaml"
CASE_SUFFIXES = (".yaml", ".yml")


class Expectation(Frozen):
    """What a case expects: points per node, total, index, band, flags; or an error code."""

    nodes: ByLeaf[Decimal] = Field(default_factory=dict)
    total: Decimal | None = None
    index: Decimal | None = None
    band: str | None = None
    flags: ByLeaf[tuple[str, ...]] = Field(default_factory=dict)
    error: str | None = None

    @model_validator(mode="after")
    def _something_expected(self) -> Expectation:
        scored = bool(self.nodes or self.flags) or any(
            v is not None for v in (self.total, self.index, self.band)
        )
        if self.error is not None and scored:
            raise ValueError(msg("expect either an error or points, not both"))
        if self.error is None and not scored:
            raise ValueError(
                msg(
                    "expect at least one of nodes, total, index, band, flags or error"
                    " (a case that expects nothing cannot fail)"
                )
            )
        return self


class Case(Frozen):
    """One sentence-named case: evidence in, expected points out."""

    name: str = Field(min_length=1)
    block: str | None = None
    year: int = Field(default=2022, ge=2000, le=2100)
    leaves: ByLeaf[LeafEvidence] = Field(default_factory=dict)
    appraisal: Appraisal | None = None
    survey: Survey | None = None
    expect: Expectation


class CaseFile(Frozen):
    """A file of cases for one criteria set."""

    criteria_set: str | None = None
    set_version: str | None = None
    cases: tuple[Case, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> CaseFile:
        seen: set[str] = set()
        for case in self.cases:
            if case.name in seen:
                raise ValueError(msg("two cases are named {name!r}", name=case.name))
            seen.add(case.name)
        return self


@dataclass(frozen=True)
class CaseOutcome:
    """A case that ran: its file, its name and what did not match (nothing when it passed)."""

    file: Path
    name: str
    mismatches: tuple[str, ...]
    #: Line of the case in its file, when known.
    line: int | None = None

    @property
    def passed(self) -> bool:
        return not self.mismatches


def load_cases(path: str | Path) -> CaseFile:
    """Read a case file; InputFileError naming the file, line and key when it is malformed."""
    return read_cases(path)[0]


def read_cases(path: str | Path) -> tuple[CaseFile, tuple[int | None, ...]]:
    """Read a case file, with the line each case starts on."""
    doc = read_document(path)
    cases = parse(CaseFile, doc)
    return cases, tuple(doc.line_of(["cases", i]) for i in range(len(cases.cases)))


def case_files(pack_file: str | Path) -> list[Path]:
    """The case files shipped beside a pack file, in ``cases/``, sorted by name."""
    folder = Path(pack_file).parent / CASES_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in CASE_SUFFIXES)


def resolve_case_set(
    path: str | Path,
    cases: CaseFile,
    *,
    pack: CriteriaSet | None = None,
    sets: Sequence[CriteriaSet] = (),
    rule_kinds: Mapping[str, type[Rule]] | None = None,
) -> CriteriaSet:
    """The set a case file tests: the pack beside its ``cases/`` folder, unless the file names
    another set, which is then looked up among ``sets``.

    Args:
        path: the case file.
        cases: its contents.
        pack: the pack beside the cases when already loaded (``check-pack`` passes the one it
            checked); else the folder above ``cases/`` is read.
        sets: other sets (a registry's) for files that name a set other than the pack.
        rule_kinds: rule kinds for loading the pack beside the cases.
    """
    path = Path(path)
    pack_file = path.parent.parent / PACK_FILE
    if pack is None and pack_file.is_file():
        pack = load_criteria_set(pack_file, rule_kinds)
    wanted, version = cases.criteria_set, cases.set_version
    if wanted is None:
        if pack is None:
            raise UnknownIdError(
                msg(
                    "no {pack}: name the set the cases test with 'criteria_set'",
                    pack=str(pack_file),
                ),
                file=str(path),
            )
        if version not in (None, pack.version):
            raise UnknownIdError(
                msg(
                    "the pack beside the cases is version {found!r}, not {version!r}",
                    found=pack.version,
                    version=version,
                ),
                file=str(path),
                place="set_version",
            )
        return pack
    for cset in [*([pack] if pack is not None else []), *sets]:
        if cset.id == wanted and version in (None, cset.version):
            return cset
    what = (
        msg("{set!r} version {version!r}", set=wanted, version=version) if version else repr(wanted)
    )
    raise UnknownIdError(
        msg("unknown criteria set {what}", what=what), file=str(path), place="criteria_set"
    )


def _matches(actual: Decimal, expected: Decimal, cset: CriteriaSet) -> bool:
    if actual == expected:
        return True
    exponent = expected.as_tuple().exponent
    written = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    places = max(cset.rounding.places, written)
    return quantize(actual, places, cset.rounding.mode) == expected


def run_case(cset: CriteriaSet, case: Case) -> list[str]:
    """Score one case and compare; the mismatches in words (empty when the case passes)."""
    expect = case.expect
    assessment = Assessment(
        unit=case.name,
        block=case.block or cset.unit_type,
        year=case.year,
        criteria_set=cset.id,
        leaves=case.leaves,
    )
    try:
        result = score(
            cset, Submission(assessment=assessment, appraisal=case.appraisal, survey=case.survey)
        )
    except CchcScoreError as exc:
        if expect.error is None:
            return [f"scoring failed with {exc.code}: {exc}"]
        if exc.code != expect.error:
            return [f"expected error {expect.error}, got {exc.code}: {exc}"]
        return []
    if expect.error is not None:
        return [f"expected error {expect.error}, but scoring succeeded (total {result.total})"]
    out: list[str] = []
    found = {node.id: node for node in result.walk()}
    for node_id, expected in expect.nodes.items():
        node = found.get(node_id)
        if node is None:
            out.append(f"node {node_id}: the set has no such node")
        elif not _matches(node.final_points, expected, cset):
            out.append(f"node {node_id}: expected {expected} points, got {node.final_points}")
    for node_id, flags in expect.flags.items():
        node = found.get(node_id)
        if node is None:
            out.append(f"flags of {node_id}: the set has no such node")
        elif set(node.flags) != set(flags):
            got = ", ".join(node.flags) or "none"
            out.append(f"flags of {node_id}: expected {', '.join(flags) or 'none'}, got {got}")
    if expect.total is not None and result.total != expect.total:
        out.append(f"total: expected {expect.total}, got {result.total}")
    if expect.index is not None and result.index != expect.index:
        out.append(f"index: expected {expect.index}, got {result.index}")
    if expect.band is not None:
        got_band = result.band.code if result.band is not None else "no band"
        if got_band != expect.band:
            out.append(f"band: expected {expect.band}, got {got_band} (index {result.index})")
    return out


def run_case_file(
    path: str | Path,
    *,
    pack: CriteriaSet | None = None,
    sets: Sequence[CriteriaSet] = (),
    rule_kinds: Mapping[str, type[Rule]] | None = None,
) -> list[CaseOutcome]:
    """Run every case of a file (arguments as in :func:`resolve_case_set`).

    A malformed file raises InputFileError naming the file, line and key.
    """
    path = Path(path)
    cases, lines = read_cases(path)
    cset = resolve_case_set(path, cases, pack=pack, sets=sets, rule_kinds=rule_kinds)
    return [
        CaseOutcome(path, case.name, tuple(run_case(cset, case)), line)
        for case, line in zip(cases.cases, lines, strict=True)
    ]
