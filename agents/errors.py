"""Errors a person can act on: the CLI prints the message as one line and exits with status 2."""


class StartupError(RuntimeError):
    """newswire cannot start or reach what it needs; the message says what was wrong and what to do."""


class BrokerError(StartupError):
    """The broker could not be started, reached or found; the message says what to do."""


class Refused(BrokerError):
    """The broker answered but refused the credentials or the TLS set-up: trying again will not help."""
