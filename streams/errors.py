"""Errors that route a record to `news.rejected` instead of stopping the daemon."""


class RejectedInput(Exception):
    """Raised by a stage when its input cannot be processed; the message is the reason users read."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
