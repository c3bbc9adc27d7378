"""What to do next with one's own file, as the demo ends."""

from __future__ import annotations

from rich.panel import Panel
from rich.text import Text

from cchc_score.i18n import Lang, t


def next_steps(set_id: str, lang: Lang) -> list[tuple[str, str]]:
    """What to do next with one's own file: (what, the exact command or ""), in order."""
    file, folder = t("my_unit_2022.xlsx", lang), t("FOLDER", lang)
    return [
        (
            t("Make the self-assessment workbook of your unit", lang),
            f"cchc-score template {set_id} -o {file}",
        ),
        (t("Fill in its input cells in Excel: the unit, the year, each criterion", lang), ""),
        (t("Score it", lang), f"cchc-score score {file}"),
        (
            t(
                "Find the least-cost plan to a rank against the other units' results of last "
                "year; {folder} holds their files or a table of their totals",
                lang,
                folder=folder,
            ),
            f"cchc-score simulate {file} --peers {folder} --peers-year 2021 --target-rank 3",
        ),
    ]


#: The set the next steps name when the demo's simulation is not at hand.
DEMO_SET = "lam_dong_district_2021"


def next_steps_panel(set_id: str | None, lang: Lang) -> Panel:
    """The steps from the demo to one's own unit, numbered, each with its command."""
    text = Text()
    for i, (what, command) in enumerate(next_steps(set_id or DEMO_SET, lang), start=1):
        if i > 1:
            text.append("\n")
        text.append(f"{i}. {what}", style="bold")
        if command:
            text.append("\n   ")
            text.append(command, style="cyan")  # one line: a command to copy
    return Panel(text, title=t("Next: your own unit", lang), expand=False)
