"""Thresholds of the application layer, in a module light enough for ``--help`` to import."""

from __future__ import annotations

#: From this many files on, a front end shows progress.
PROGRESS_AT = 50
#: From this many assessment files on, they are scored in worker processes.
PARALLEL_AT = 200
