"""Which evaluations exist: each area names a function taking the corpus folder and yielding figures."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from benchmarks.figures import Figure

Evaluation = Callable[[Path], Iterable[Figure]]

AREAS: dict[str, str] = {
    "tagging": "benchmarks.tagging:evaluate",
    "extraction": "benchmarks.extraction:evaluate",
    "dedup": "benchmarks.dedup:evaluate",
    "dedup-params": "benchmarks.dedup:parameters",
    "dedup-daemon": "benchmarks.dedup_daemon:evaluate",
    "splitting": "benchmarks.splitting:evaluate",
    "held-out-pages": "benchmarks.held_out_pages:evaluate",
}
ON_REQUEST = frozenset({"held-out-pages"})
"""Areas run only when named: they need data from outside the shared corpus (see each module)."""


def load(area: str) -> Evaluation:
    """The evaluation function of an area, imported only when asked for (some load large models)."""
    module, _, function = AREAS[area].partition(":")
    evaluation: Evaluation = getattr(importlib.import_module(module), function)
    return evaluation


def evaluate(areas: Iterable[str], corpus: Path) -> Iterator[Figure]:
    """Figures of the named areas, in order."""
    for area in areas:
        yield from load(area)(corpus)
