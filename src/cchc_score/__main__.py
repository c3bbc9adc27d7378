"""``python -m cchc_score``."""

from .cli import main

main()
