"""The shipped example: Di Linh's fall from 3rd to 8th, and the way back."""

from __future__ import annotations

from cchc_score.examples import examples_dir
from cchc_score.lineage import Territory, follow, load_lineage
from cchc_score.ranking import rank
from cchc_score.story import DI_LINH_FOLDER, DI_LINH_UNIT, Story, load_story, score_files

from .context import Context
from .simulation import demo_simulation

__all__ = ["demo_simulation", "demo_story", "demo_territory"]

#: The 2025 example: the new province's communes and the lineage from the old districts.
LAM_DONG_2025 = "lam_dong_2025"
COMMUNE_SET_2025 = "lam_dong_commune_2025"


def demo_story(ctx: Context) -> Story:
    """Di Linh's story, scored under the installed pack (found as a user's would be)."""
    return load_story(ctx.registry, examples_dir() / DI_LINH_FOLDER)


def demo_territory(ctx: Context, story: Story) -> Territory | None:
    """Where Di Linh's territory stood in 2025, after the district was abolished: the communes
    it became, ranked among the province's 124 (None when the 2025 example is not there)."""
    folder = examples_dir() / LAM_DONG_2025
    lineage_file = folder / "lineage.yaml"
    if not lineage_file.is_file():
        return None
    lineage = load_lineage(lineage_file)
    cset = ctx.resolve_set(COMMUNE_SET_2025, year=lineage.year_new)
    results = score_files(cset, sorted((folder / "communes").glob("*.yaml")))
    unit = story.result(story.years[-1]).unit
    return follow(lineage, DI_LINH_UNIT, unit, rank(results, sets=[cset]))
