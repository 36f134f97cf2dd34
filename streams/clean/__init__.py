"""The clean stage: a raw file's bytes become decoded, repaired article text with the page's metadata."""

from streams.clean.page_time import warm_up
from streams.clean.stage import clean

__all__ = ["clean", "warm_up"]
