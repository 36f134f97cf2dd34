"""The dedup stage: exact and near copies found across workers, as messages between articles and LSH buckets."""

from streams.dedup.stage import Articles, Buckets, Config, Send, Step

__all__ = ["Articles", "Buckets", "Config", "Send", "Step"]
