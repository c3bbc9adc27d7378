"""Words of formal tables, derived from the data rather than written in: a district is ranked
as its People's Committee ("UBND huyện Di Linh"); national classes are groups ("Nhóm A"), a
province's are bands ("Xếp loại"). The data keep the names as the files give them."""

from __future__ import annotations

from collections.abc import Iterable

from cchc_score.i18n import N_, Lang, t
from cchc_score.model.criteria import Band

#: Blocks whose units are People's Committees (of a province, a district, a commune).
COMMITTEE_BLOCKS = frozenset({"province", "district", "commune"})

#: The committee a unit of those blocks is, by its name.
COMMITTEE = N_("People's Committee of {name}")

#: Words a unit's name starts with that say its kind; in the committee's name they are written
#: in lower case ("UBND huyện Di Linh", "UBND thành phố Đà Lạt").
KINDS = ("huyện", "thành phố", "thị xã", "quận", "tỉnh", "xã", "phường", "thị trấn")

#: Names already naming the committee.
ALREADY = ("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân", "people's committee")


def formal_unit(name: str, block: str, lang: Lang) -> str:
    """``name`` as a formal Vietnamese table names the unit: its People's Committee for a unit
    of a province, district or commune block whose name starts with its kind ("Huyện Di Linh"
    → "UBND huyện Di Linh"); any other name, block or language as it is."""
    folded = name.casefold()
    # English tables keep the name as given: "People's Committee of Huyện …" helps no reader.
    if lang == "en" or block not in COMMITTEE_BLOCKS or folded.startswith(ALREADY):
        return name
    kind = next((k for k in KINDS if folded.startswith(k + " ")), None)
    if kind is None:
        return name
    return t(COMMITTEE, lang, name=kind + name[len(kind) :])


#: The heading over a table's classes: groups for the national sets ("Nhóm A", "Nhóm B"),
#: bands for a province's ("Tốt", "Khá").
GROUP = N_("Group")
BAND = N_("Band")


def is_grouping(bands: Iterable[Band]) -> bool:
    """Whether the classes are national groups: every Vietnamese label starts "Nhóm"."""
    labels = [b.label_vi.casefold() for b in bands]
    return bool(labels) and all(label.startswith("nhóm") for label in labels)


def class_heading(bands: Iterable[Band], lang: Lang) -> str:
    """ "Nhóm" / "Group" over national groups, "Xếp loại" / "Band" over a province's bands."""
    return t(GROUP if is_grouping(bands) else BAND, lang)
