"""Published totals: league-table entries from a table of figures, without assessments.

Provinces and researchers often have only the published results. A table (CSV) with one row per
unit can be ranked like scored assessments. Columns (names are case-insensitive; the Vietnamese
names in brackets work too):

- ``unit`` (``đơn vị``), ``block`` (``khối``), ``year`` (``năm``): required;
- ``total`` (``tổng điểm``) and/or ``index`` (``chỉ số``): at least one;
- ``unit_id``, ``total_max`` (``điểm tối đa``), ``appraised`` (``điểm thẩm định``),
  ``survey`` (``điểm điều tra``): optional;
- ``criteria_set`` (``bộ chỉ số``) and ``set_version``: optional, the set a row was scored under;
- ``area:<id>`` (e.g. ``area:6``): optional points of an area, for per-area ranks;
- ``rank`` (``xếp hạng``, ``thứ hạng``, ``hạng``) and ``of`` (``số đơn vị``, ``trên``):
  optional, the published rank and the number of units ranked, or both in one cell (``8/12``),
  kept when the table lists only some of the units (:func:`cchc_score.ranking.kept_rank`).

Numbers may use a decimal comma (``90,1``) and an index a percent sign (``90,10%``). When a row
gives appraised, survey and total, they must add up to their rounding (:func:`_check_parts`).

A league table written by ``cchc-score rank --csv`` reads back as a published table: its derived
columns ``band``, ``tie_policy`` and ``area_rank:<id>`` are ignored, and, the table being whole,
its ``rank`` and ``of`` too (ranks and bands are worked out again), and a ``criteria_set`` cell
written as ``<id> <version>`` names both the set and its version.

The criteria set of a row is the one its ``criteria_set`` cell names, else the one given for the
whole table (``cchc-score rank --set-id``), else none. The set supplies the maximum (a
``total_max`` cell must agree with it), the rounding of the index, the bands and the tie policy.
Without a set, a total is read as points out of 100 (the published scale), units get no band
here (``rank`` bands them by the set of the rest of their block, if any), and ties are shared.
When a row gives both total and index, they must agree to the index's decimals.

Refused, naming the line, the column as written and the value: a column given twice (under
either name), a header without rows, a negative number, a ``total_max`` of 0, a total above
its maximum, a ``total_max`` other than the maximum of the row's set, an ``area:<id>`` naming no
area of the row's set, an area's points above that area's maximum or above the unit's total.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .decimal_utils import quantize, to_decimal
from .errors import CchcScoreError, InputFileError, Msg, msg
from .model.criteria import CriteriaSet
from .model.ranking import AreaPoints, Entry

SetResolver = Callable[[str, str | None], CriteriaSet]
SCALE = Decimal(100)
ALIASES = {
    "đơn vị": "unit",
    "khối": "block",
    "năm": "year",
    "tổng điểm": "total",
    "chỉ số": "index",
    "mã đơn vị": "unit_id",
    "điểm tối đa": "total_max",
    "điểm thẩm định": "appraised",
    "điểm điều tra": "survey",
    "bộ chỉ số": "criteria_set",
    "phiên bản": "set_version",
    "xếp hạng": "rank",
    "thứ hạng": "rank",
    "hạng": "rank",
    "số đơn vị": "of",
    "trên": "of",
}
COLUMNS = {
    "unit",
    "unit_id",
    "block",
    "year",
    "total",
    "index",
    "total_max",
    "appraised",
    "survey",
    "criteria_set",
    "set_version",
    "rank",
    "of",
}
#: Columns of a ``rank --csv`` league table that are worked out again, so ignored when read.
DERIVED = {"band", "tie_policy"}


def _derived(name: str) -> bool:
    return name in DERIVED or name.startswith("area_rank:")


def _canonical(name: str) -> str:
    if name.startswith("area:"):
        return "area:" + name.removeprefix("area:").strip()
    return ALIASES.get(name, name)


def entries_from_rows(
    header: Sequence[str],
    rows: Sequence[tuple[int, dict[str, str]]],
    *,
    file: str,
    resolve: SetResolver | None = None,
    default_set: CriteriaSet | None = None,
) -> list[Entry]:
    """Entries from the rows of a published table (see the module's docstring for columns).

    Raises InputFileError naming the file, line, column (as the header writes it) and value of
    the first bad cell.
    """
    names = [_canonical(h.strip().lower()) for h in header]
    written: dict[str, str] = {}
    for h, n in zip(header, names, strict=True):
        if _derived(n):
            continue
        if n not in COLUMNS and not n.startswith("area:"):
            raise InputFileError(
                msg(
                    "unknown column {column!r} (known: {known}, area:<id>)",
                    column=h,
                    known=", ".join(sorted(COLUMNS)),
                ),
                file=file,
                place=f"line 1, column {h}",
            )
        if n in written:
            twice = (
                f"column {h.strip()!r} is given twice"
                if written[n].lower() == h.strip().lower()
                else f"columns {written[n]!r} and {h.strip()!r} both give {n!r}"
            )
            raise InputFileError(
                msg("{twice}: which one counts is unclear; keep one", twice=twice),
                file=file,
                place=f"line 1, column {h.strip()}",
            )
        written[n] = h.strip()
    for needed in ("unit", "block", "year"):
        if needed not in names:
            raise InputFileError(
                msg("the column {column!r} is missing", column=needed), file=file, place="line 1"
            )
    if "total" not in names and "index" not in names:
        raise InputFileError(
            msg("a 'total' or an 'index' column is needed"), file=file, place="line 1"
        )
    if not rows:
        raise InputFileError(
            msg("no rows under the header: nothing to rank in this table"),
            file=file,
            place="line 2",
        )
    out = []
    for line, raw in rows:
        cells = {_canonical(k): v for k, v in raw.items() if not _derived(_canonical(k))}
        out.append(_entry(cells, _Row(file, line, written), resolve, default_set))
    return out


class _Row:
    def __init__(self, file: str, line: int, written: dict[str, str]) -> None:
        self.file = file
        self.line = line
        #: Column names as the header writes them (a Vietnamese name, another case).
        self.written = written

    def error(self, column: str, message: str | Msg) -> InputFileError:
        name = self.written.get(column, column)
        return InputFileError(message, file=self.file, place=f"line {self.line}, column {name}")

    def text(self, cells: dict[str, str], column: str) -> str:
        value = cells.get(column, "")
        if not value:
            raise self.error(column, msg("empty cell"))
        return value

    def number(self, cells: dict[str, str], column: str) -> Decimal | None:
        value = cells.get(column, "")
        if not value:
            return None
        text = value.strip()
        # Published indexes are printed "90,10%" (or "90.10 %"): the sign says nothing more.
        if column == "index" and text.endswith("%"):
            text = text[:-1].rstrip()
        number = to_decimal(text)
        if number is None:
            raise self.error(column, msg("{value!r} is not a number of points", value=value))
        if number < 0:
            raise self.error(
                column, msg("{value!r} is negative: points cannot be below 0", value=value)
            )
        return number

    def whole(self, cells: dict[str, str], column: str) -> int | None:
        value = cells.get(column, "").strip()
        if not value:
            return None
        if not value.isdigit() or int(value) < 1:
            raise self.error(
                column, msg("{value!r} is not a rank: a whole number from 1", value=value)
            )
        return int(value)


def _area_id(column: str, row: _Row, cset: CriteriaSet | None) -> str:
    """The area an ``area:<id>`` column names: a root node of the row's set, when it has one."""
    area_id = column.removeprefix("area:").strip()
    if not area_id:
        raise row.error(column, msg("an area column needs an area id: area:<id>"))
    roots = [n.id for n in cset.nodes] if cset is not None else [area_id]
    if area_id not in roots:
        assert cset is not None
        raise row.error(
            column,
            msg(
                "unknown area {area!r}: {set} {version} has areas {areas}",
                area=area_id,
                set=cset.id,
                version=cset.version,
                areas=", ".join(roots),
            ),
        )
    return area_id


def _entry(
    cells: dict[str, str], row: _Row, resolve: SetResolver | None, default_set: CriteriaSet | None
) -> Entry:
    cset = default_set
    set_id = cells.get("criteria_set") or None
    if set_id is not None:
        if resolve is None:
            raise row.error("criteria_set", msg("criteria set {set!r} is not loaded", set=set_id))
        version = cells.get("set_version") or None
        if version is None and len(set_id.split()) == 2:
            set_id, version = set_id.split()
        try:
            cset = resolve(set_id, version)
        except CchcScoreError as exc:
            raise row.error("criteria_set", exc.message) from None
    year_text = row.text(cells, "year")
    if not year_text.isdigit():
        raise row.error("year", msg("{value!r} is not a year", value=year_text))
    block = row.text(cells, "block")
    total = row.number(cells, "total")
    given_max = row.number(cells, "total_max")
    if given_max is not None and given_max == 0:
        raise row.error(
            "total_max", msg("{value!r}: a maximum must be above 0", value=cells["total_max"])
        )
    if given_max is not None and cset is not None and given_max != cset.total_max:
        raise row.error(
            "total_max",
            msg(
                "{value!r} is not the maximum {most} of {set} {version}",
                value=cells["total_max"],
                most=cset.total_max,
                set=cset.id,
                version=cset.version,
            ),
        )
    total_max = given_max if given_max is not None else (cset.total_max if cset else None)
    places, mode = (cset.rounding.index_places, cset.rounding.mode) if cset else (2, "half_up")
    index = row.number(cells, "index")
    if total is not None and total > (total_max or SCALE):
        raise row.error(
            "total",
            msg(
                "total {value!r} is above the maximum {most}",
                value=cells["total"],
                most=total_max,
            )
            if total_max is not None
            else msg(
                "total {value!r} is above {scale}, the scale of a table without a criteria set"
                " or a total_max column",
                value=cells["total"],
                scale=SCALE,
            ),
        )
    if total is not None:
        computed = quantize(total * 100 / (total_max or SCALE), places, mode)
        if index is None:
            index = computed
        elif total_max is not None and quantize(index, places, mode) != computed:
            raise row.error(
                "index",
                msg(
                    "index {index} does not match total {total} of {most} ({computed})",
                    index=index,
                    total=total,
                    most=total_max,
                    computed=computed,
                ),
            )
    if index is None:
        raise row.error("index", msg("neither a total nor an index is given"))
    if index > 100:
        raise row.error("index", msg("index {index} is above 100", index=index))
    areas = []
    for column, value in cells.items():
        if not column.startswith("area:"):
            continue
        area_id = _area_id(column, row, cset)
        if value:
            node = cset.index.get(area_id) if cset is not None else None
            points = row.number(cells, column)
            assert points is not None
            if node is not None and points > node.max_points:
                raise row.error(
                    column,
                    msg(
                        "{value!r} is above the maximum {most} of area {area}",
                        value=value,
                        most=node.max_points,
                        area=area_id,
                    ),
                )
            if total is not None and points > total:
                raise row.error(
                    column,
                    msg("{value!r} is above the unit's total {total}", value=value, total=total),
                )
            areas.append(
                AreaPoints(
                    id=area_id,
                    label_vi=node.label_vi if node else area_id,
                    label_en=node.label_en if node else area_id,
                    points=points,
                    max_points=node.max_points if node else None,
                )
            )
    appraised = row.number(cells, "appraised")
    survey = row.number(cells, "survey")
    if total is not None and appraised is not None and survey is not None:
        _check_parts(cells, row, cset, total, appraised, survey)
    rank, rank_of = _published_rank(cells, row)
    unrounded = total * 100 / total_max if total is not None and total_max else None
    return Entry(
        unit=row.text(cells, "unit"),
        unit_id=cells.get("unit_id") or None,
        block=block,
        year=int(year_text),
        criteria_set=cset.id if cset is not None else None,
        set_version=cset.version if cset is not None else None,
        total=total,
        unrounded_total=total,
        total_max=total_max if total is not None else given_max,
        index=index,
        appraised=appraised,
        survey=survey,
        band=cset.band_of(block, index, unrounded) if cset is not None else None,
        areas=tuple(areas),
        source=f"{row.file}:{row.line}",
        published_rank=rank,
        published_of=rank_of,
    )


def _half_unit(text: str) -> Decimal:
    """Half a unit of the last decimal a cell is written with: 0.005 for "53.25" or "53,25"."""
    number = to_decimal(text.strip().removesuffix("%").rstrip())
    assert number is not None  # read as a number already
    return Decimal(5).scaleb(number.as_tuple().exponent - 1)  # type: ignore[operator]


def _check_parts(
    cells: dict[str, str],
    row: _Row,
    cset: CriteriaSet | None,
    total: Decimal,
    appraised: Decimal,
    survey: Decimal,
) -> None:
    """Refuse a row whose total is not its appraised plus its survey points.

    Each figure is published rounded, so they need agree only to their rounding (53.25 + 33.87
    may print as 87.13). A set with bonus/penalty content outside the maxima adds more than the
    two parts, and a set that rescales when no survey ran publishes a total above them: their
    rows are not checked.
    """
    if cset is not None:
        outside = any(node.extra for root in cset.nodes for node in root.walk())
        rescales = cset.survey is not None and cset.survey.absent == "rescale" and not survey
        if outside or rescales:
            return
    slack = sum((_half_unit(cells[c]) for c in ("total", "appraised", "survey")), Decimal(0))
    if abs(appraised + survey - total) > slack:
        raise row.error(
            "total",
            msg(
                "total {total} is not the appraised points {appraised} plus the survey points"
                " {survey} ({sum})",
                total=cells["total"].strip(),
                appraised=cells["appraised"].strip(),
                survey=cells["survey"].strip(),
                sum=appraised + survey,
            ),
        )


def _published_rank(cells: dict[str, str], row: _Row) -> tuple[int | None, int | None]:
    """The rank and "of N" a row prints: two columns, or one cell written "8/12"."""
    text = cells.get("rank", "").strip()
    if "/" in text and not cells.get("of", "").strip():
        rank_text, _slash, of_text = text.partition("/")
        cells = {**cells, "rank": rank_text.strip(), "of": of_text.strip()}
    rank = row.whole(cells, "rank")
    of = row.whole(cells, "of")
    if rank is not None and of is not None and rank > of:
        raise row.error(
            "rank", msg("rank {rank} is beyond the {of} units ranked", rank=rank, of=of)
        )
    return rank, of
