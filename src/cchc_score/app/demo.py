"""The shipped example: Di Linh's fall from 3rd to 8th, and the way back."""

from __future__ import annotations

from cchc_score.examples import examples_dir
from cchc_score.story import DI_LINH_FOLDER, Story, load_story

from .context import Context
from .simulation import demo_simulation

__all__ = ["demo_simulation", "demo_story"]


def demo_story(ctx: Context) -> Story:
    """Di Linh's story, scored under the installed pack (found as a user's would be)."""
    return load_story(ctx.registry, examples_dir() / DI_LINH_FOLDER)
