"""The split agent: cleaned documents in, one record per article out on `news.articles`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import faust
from faust.types import AgentT

from agents.channels import Channels
from agents.crash_guard import CrashGuard
from agents.ops.metrics import RECORDS_OUT, timed
from agents.outputs import Outgoing, deliver, deliver_all, failure_reason, reject, reject_article
from agents.tables import table
from streams import topics
from streams.errors import RejectedInput
from streams.ledger import note
from streams.records import Document, rejection
from streams.settings import Settings
from streams.split import NOTHING_LEFT, split
from streams.split.learned_chrome import ChromeLearner

STAGE = "split"
log = logging.getLogger("newswire")


def register(app: faust.App, ch: Channels, settings: Settings, guard: CrashGuard) -> AgentT[Document]:
    """Attach the split agent and its learned-chrome table (news.cleaned is keyed by source to match)."""
    learner = ChromeLearner.from_settings(table(app, "chrome-lines", settings.partitions), settings)

    @app.agent(ch[topics.CLEANED], name=f"newswire.{STAGE}")
    async def split_documents(stream: faust.StreamT[Document]) -> None:
        async for document in stream:
            try:
                if (gave_up := guard.gave_up(document["document_id"])) is not None:
                    raise RejectedInput(gave_up)
                with timed(STAGE), guard.processing(document["document_id"]):
                    articles = split(document, learner.observe(document, datetime.now(UTC)))
                if not articles:
                    raise RejectedInput(NOTHING_LEFT)
            except Exception as exc:
                refused = rejection(STAGE, document_id=document["document_id"], filename=document["filename"],
                                    size=document["size"], reason=failure_reason(exc))  # fmt: skip
                await reject(ch[topics.REJECTED], refused)
                continue
            sends = [Outgoing(ch[topics.ARTICLES], article["id"], article) for article in articles]
            for article, refusal in zip(articles, await deliver_all(sends), strict=True):
                if refusal is not None:
                    await reject_article(STAGE, ch[topics.REJECTED], article, refusal.reason)
                else:
                    RECORDS_OUT.labels(STAGE, topics.ARTICLES.name).inc()
            count = note(document["document_id"], filename=document["filename"], size=document["size"],
                         articles=len(articles))  # fmt: skip
            try:
                await deliver(ch[topics.OUTCOMES], document["document_id"], count)
            except RejectedInput as exc:
                log.error(
                    "article count of %s not sent: %s", document["filename"] or document["document_id"], exc.reason
                )

    return split_documents
