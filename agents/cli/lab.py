"""`newswire eval` and `newswire bench`: the lab, which lives in a source checkout (`benchmarks/`), not in the wheel."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from agents.cli.common import CorpusOption, fail

CHECKOUT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = Path("../shared/corpus")
bench = typer.Typer(help="Speed measurements on the shared corpus (from a source checkout).", no_args_is_help=True)


def lab() -> ModuleType:
    """The lab's report module, from the source checkout this newswire runs from; a clear error elsewhere."""
    if not (CHECKOUT / "benchmarks" / "report.py").is_file():
        fail(RuntimeError("the lab (evaluation and benchmarks) is in newswire's source checkout, not in the "
                          "installed package: run `make eval` or `make bench` there"))  # fmt: skip
    if str(CHECKOUT) not in sys.path:
        sys.path.insert(0, str(CHECKOUT))
    return importlib.import_module("benchmarks.report")


def evaluate(
    areas: Annotated[
        list[str] | None,
        typer.Argument(help="Areas to evaluate (default: all but held-out-pages: it needs NEWSWIRE_HELD_OUT_PAGES)."),
    ] = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Print every accuracy and speed figure measured on the shared corpus; exit 1 if a target is missed."""
    report = lab()
    registry = importlib.import_module("benchmarks.registry")
    known = list(registry.AREAS)
    unknown = sorted(set(areas or []) - set(known))
    if unknown or not corpus.is_dir():
        fail(RuntimeError(f"unknown areas {unknown} (known: {', '.join(known)})" if unknown
                          else f"no corpus at {corpus}: pass --corpus or set NEWSWIRE_CORPUS"))  # fmt: skip
    try:
        missed = report.evaluate(areas or [area for area in known if area not in registry.ON_REQUEST], corpus)
    except RuntimeError as exc:  # an area's data is missing: its message says where to put it
        fail(exc)
    if missed:
        raise typer.Exit(1)


@bench.command("tag")
def bench_tag(
    articles: Annotated[int, typer.Option(help="Articles per round, cycling through the corpus texts.")] = 300,
    rounds: Annotated[int, typer.Option(help="Turns of spaCy alone then the stage, summed.")] = 2,
    minutes: Annotated[
        float, typer.Option(help="Soak instead: keep the stage under full load this long and count rebalances.")
    ] = 0.0,
    processes: Annotated[int | None, typer.Option(help="Tag processes (default: NEWSWIRE_TAG_PROCESSES).")] = None,
    batch: Annotated[int | None, typer.Option(help="Articles per NER batch (default: NEWSWIRE_TAG_BATCH).")] = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Print words/s of spaCy alone and of the tag stage through a real daemon, and their ratio; or soak it."""
    lab().tag_speed(corpus, articles, rounds, minutes, processes, batch)


@bench.command("dedup")
def bench_dedup(
    sizes: Annotated[str, typer.Option(help="Index sizes to measure at, comma-separated.")] = "10000,100000,1000000",
    sample: Annotated[int, typer.Option(help="Articles timed at each size.")] = 2000,
    restore: Annotated[int, typer.Option(help="Remembered articles a restarted worker restores (0: skip).")] = 100_000,
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Print dedup's time per article and memory as its index grows, and a worker's restore time."""
    lab().dedup_scale(corpus, sizes, sample, restore)


@bench.command("pipeline")
def bench_pipeline(
    rounds: Annotated[int, typer.Option(help="Turns over every path, interleaved.")] = 2,
    processes: Annotated[int | None, typer.Option(help="Tag processes (default: NEWSWIRE_TAG_PROCESSES).")] = None,
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Print the pipeline's throughput by path (floor, ingest, inbox, two workers, ingest on one core, plain
    aiokafka), its latency at light load, time to ready, idle CPU and memory."""
    lab().pipeline_speed(corpus, rounds, processes)


@bench.command("memory")
def bench_memory(
    marks: Annotated[str, typer.Option(help="Numbers of files to read memory after, comma-separated.")] = "1000,10000",
    corpus: CorpusOption = DEFAULT_CORPUS,
) -> None:
    """Print a fresh daemon's memory (worker with pools, embedded broker) at start and after each number of files."""
    counts = [int(mark) for mark in marks.split(",") if mark.strip()]
    if not counts or min(counts) < 1:
        fail(RuntimeError(f"--marks {marks!r}: give positive numbers of files, comma-separated"))
    lab().memory_growth(corpus, counts)
