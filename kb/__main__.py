"""`python -m kb`: the `kb` command line."""

from kb.cli import app

app()
