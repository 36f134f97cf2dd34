"""Errors a person can act on: the CLI prints the message as one line and exits with status 2."""


class StartupError(RuntimeError):
    """newswire cannot start or reach what it needs; the message says what was wrong and what to do."""
