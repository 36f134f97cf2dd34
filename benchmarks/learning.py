"""The split stage in process as a daemon runs it: documents one after another, the chrome learned as they pass."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from streams.records import Article, Document
from streams.settings import Settings
from streams.split.learned_chrome import ChromeLearner
from streams.split.stage import split


def split_learning(documents: list[Document]) -> list[list[Article]]:
    """Split the documents in order as a fresh daemon would, learning their sources' chrome from them: a figure
    measured without it missed what the daemon's learning did to pages whose stories recur."""
    settings = Settings()
    learner = ChromeLearner({}, settings.chrome_min_documents, timedelta(days=settings.chrome_max_age_days))
    now = datetime.now(UTC)
    return [split(document, learner.observe(document, now)) for document in documents]
