"""The split stage: a cleaned document becomes its articles (lead, related items, live-blog entries, run-ons)."""

from streams.split.stage import NOTHING_LEFT, split
from streams.text.gazetteer import warm_up_places as warm_up

__all__ = ["NOTHING_LEFT", "split", "warm_up"]
