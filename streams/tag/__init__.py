"""The tag stage: language, entities, countries, dateline, topics, keywords and publication time of an article."""

from streams.tag.stage import tag, tag_batch, warm_up

__all__ = ["tag", "tag_batch", "warm_up"]
