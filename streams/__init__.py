"""What flows through newswire and how it changes: records, topics, settings and the pipeline, free of Faust."""

from streams import records, topics
from streams.pipeline import PIPELINE, Stage
from streams.settings import Settings

__all__ = ["PIPELINE", "Settings", "Stage", "records", "topics"]
