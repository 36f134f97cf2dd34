"""Measured figures of each stage on the shared corpus, printed by `newswire eval` (`make eval`)."""
