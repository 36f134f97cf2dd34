"""Dedup's labelled-pair figures measured on what `newswire run` writes, next to the in-process ones.

In process (`benchmarks.dedup`) each pair meets an empty index. Here the pairs go to a daemon as files, in
rounds of pairs that share no story (`independent_pairs`): a fresh daemon per round takes every pair's first
text through clean, split and dedup, then every second one, so a pair meets the other pairs' texts (any flag
against one of those is counted apart) but no other copy of its own story.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from agents.testing import records, spawn
from benchmarks.dedup import (
    HELD_OUT,
    PRECISION_TARGET,
    RECALL_TARGET,
    Scored,
    independent_pairs,
    rates,
    score,
)
from benchmarks.dedup_pairs import Pair, held_out_pairs, labelled_pairs
from benchmarks.figures import Figure
from streams.settings import Settings

DAEMON_AREA = "dedup-daemon"
INGEST_TIMEOUT = 1800.0
GAP_TARGET = 0.5
"""Points the daemon's precision or recall may stray from the in-process figure: a few pairs in a thousand."""
Flagged = tuple[list[Scored], int]
"""The pairs as the daemon flagged them, and how many second texts it flagged as copies of another pair's text."""


def evaluate(corpus: Path) -> Iterator[Figure]:
    """Precision and recall from the daemon on the whole labelled and held-out sets, with the in-process figures."""
    threshold = Settings().near_threshold
    for name, pairs in (("", labelled_pairs(corpus)), (HELD_OUT, held_out_pairs(corpus))):
        prefix = f"{name}: " if name else ""
        written: list[Scored] = []
        elsewhere = 0
        rounds = split_in_rounds(pairs)
        for number, chosen in enumerate(rounds, 1):
            print(f"{prefix or 'Reuters: '}round {number} of {len(rounds)}: {len(chosen):,} pairs", flush=True)
            with tempfile.TemporaryDirectory(prefix="newswire-dedup-") as folder:
                flagged, others = through_daemon({"pair": chosen}, Path(folder))["pair"]
            written += flagged
            elsewhere += others
        alone = [score(pair, threshold) for pair in pairs]
        in_process = rates(alone, threshold)
        yield Figure(DAEMON_AREA, f"{prefix}pairs, sent in {len(rounds)} rounds", len(pairs))
        targets = (PRECISION_TARGET, RECALL_TARGET)
        measured = zip(("precision", "recall"), targets, rates(written, threshold), in_process, strict=True)
        for label, target, ours, theirs in measured:
            yield Figure(DAEMON_AREA, f"{prefix}{label} at threshold {threshold:g} from the daemon", ours, target)
            yield Figure(DAEMON_AREA, f"{prefix}{label} at threshold {threshold:g} in process", theirs)
            gap = round(abs(ours - theirs) * 100, 2)
            yield Figure(
                DAEMON_AREA, f"{prefix}{label}: the daemon's gap to in process", gap, GAP_TARGET, "points", False
            )
        for kind in sorted({pair.kind for pair in pairs}):
            for where, scored in (("from the daemon", written), ("in process", alone)):
                group = [one for one in scored if one.pair.kind == kind]
                share = sum(one.flagged(threshold) for one in group) / len(group)
                yield Figure(DAEMON_AREA, f"{prefix}{kind}: share flagged {where} ({len(group)} pairs)", share)
        # Not a target: a copy with a paragraph added from another story may be that story's copy when it is short.
        yield Figure(DAEMON_AREA, f"{prefix}second texts flagged as a copy of another pair's", elsewhere)


def split_in_rounds(pairs: Sequence[Pair]) -> list[list[Pair]]:
    """Every pair, in rounds of pairs that share no story."""
    rounds, left = [], list(pairs)
    while left:
        chosen = independent_pairs(left, len(left), labelled=pairs)
        taken = {id(pair) for pair in chosen}
        left = [pair for pair in left if id(pair) not in taken]
        rounds.append(chosen)
    return rounds


def through_daemon(sets: Mapping[str, Sequence[Pair]], workdir: Path) -> dict[str, Flagged]:
    """Send each set's pairs to one fresh daemon as files, all first texts then all second ones, and read back
    what it flagged. Pair `n` of set `s` is the files `s-first-n.txt` and `s-second-n.txt`."""
    firsts, seconds = workdir / "firsts", workdir / "seconds"
    for folder in (firsts, seconds):
        folder.mkdir()
    for name, pairs in sets.items():
        for index, pair in enumerate(pairs):
            (firsts / f"{name}-first-{index}.txt").write_text(pair.first, encoding="utf-8")
            (seconds / f"{name}-second-{index}.txt").write_text(pair.second, encoding="utf-8")
    with spawn(workdir / "daemon") as daemon:
        for folder in (firsts, seconds):
            done = daemon.cli("ingest", "--wait", str(folder), timeout=INGEST_TIMEOUT)
            if done.returncode != 0:
                raise RuntimeError(f"ingest of {folder} failed: {done.stdout}{done.stderr}")
        documents = {
            str(account["filename"]): str(account["document_id"]) for account in records(daemon, "news.accounts")
        }
        duplicates = records(daemon, "news.duplicates")
    flags: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for record in duplicates:
        flags[str(record["source"]["filename"])].append(
            (str(record["duplicate_of_document"]), float(record["similarity"]))
        )
    return {name: _scored(name, pairs, documents, flags) for name, pairs in sets.items()}


def _scored(
    name: str, pairs: Sequence[Pair], documents: Mapping[str, str], flags: Mapping[str, list[tuple[str, float]]]
) -> Flagged:
    """A pair's second text counts as flagged at the similarity of its flag against the pair's first text."""
    scored, elsewhere = [], 0
    for index, pair in enumerate(pairs):
        found = flags.get(f"{name}-second-{index}.txt", [])
        first = documents.get(f"{name}-first-{index}.txt")
        scored.append(
            Scored(pair, max((similarity for document, similarity in found if document == first), default=0.0))
        )
        elsewhere += any(document != first for document, _ in found)
    return scored, elsewhere
