"""Learn the weights of the headline/body cut features from real headlines, on one half of the articles only.

Each article of the page generator's sources gives lines where its headline runs straight into its body (the
body on one line, or only its first paragraph), where the right cut is known, and its body alone, where no cut
is right. A conditional logit over each line's candidate cuts and "no cut" is fitted by Newton's method; the
other half of the articles is left for measuring (`held_out`). `python -m benchmarks.headline_training
[CORPUS]` refits and rewrites streams/split/headline_weights.py.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from benchmarks.pages import Source, sources
from streams.split.headline_cuts import candidates

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "streams" / "split" / "headline_weights.py"
_PENALTY = 1.0
_ITERATIONS = 30
_TOLERANCE = 1e-8
_PER_ROW = 10


def held_out(source: Source) -> bool:
    """Whether an article belongs to the half kept for measuring, decided by its headline so it never changes."""
    return zlib.crc32(source.title.encode()) % 2 == 1


def examples(articles: list[Source]) -> Iterator[tuple[np.ndarray, int]]:
    """Each line's candidate features with "no cut" as row 0, and the index of the right row."""
    for article in articles:
        lines = [(f"{article.title} {' '.join(article.paragraphs)}", len(article.title) + 1)]
        if len(article.paragraphs) > 1:
            lines.append((f"{article.title} {article.paragraphs[0]}", len(article.title) + 1))
        lines.append((" ".join(article.paragraphs), 0))
        for text, right in lines:
            found = candidates(text)
            rows = [0, *found.offsets]
            if right in rows and found.features:
                cuts = np.array(found.features)
                table = np.zeros((len(rows), cuts.shape[1] + 1))
                table[0, 0] = 1.0
                table[1:, 1:] = cuts
                yield table, rows.index(right)


def fit(data: list[tuple[np.ndarray, int]]) -> np.ndarray:
    """Weights ("no cut" first, then each column of the tables) maximising the penalised likelihood of the right
    rows."""
    size = data[0][0].shape[1]
    weights = np.zeros(size)
    for _ in range(_ITERATIONS):
        gradient = -_PENALTY * weights
        hessian = -_PENALTY * np.eye(size)
        for table, right in data:
            scores = table @ weights
            chance = np.exp(scores - scores.max())
            chance /= chance.sum()
            mean = chance @ table
            gradient += table[right] - mean
            centred = table - mean
            hessian -= (centred * chance[:, None]).T @ centred
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if float(step @ step) < _TOLERANCE:
            break
    return weights


def accuracy(data: list[tuple[np.ndarray, int]], weights: np.ndarray) -> float:
    """Share of lines whose best-scored row is the right one."""
    return sum(int(np.argmax(table @ weights)) == right for table, right in data) / max(1, len(data))


def main(corpus: Path) -> None:
    """Fit on the training half, report accuracy on both halves, and write the weight table."""
    articles = sources(corpus)
    train = list(examples([article for article in articles if not held_out(article)]))
    test = list(examples([article for article in articles if held_out(article)]))
    weights = fit(train)
    sys.stderr.write(f"lines cut right: training half {accuracy(train, weights):.3f}, "
                     f"held-out half {accuracy(test, weights):.3f}\n")  # fmt: skip
    values = [f"{value:.4f}" for value in weights[1:]]
    rows = "\n".join(
        "    " + ", ".join(values[start : start + _PER_ROW]) + "," for start in range(0, len(values), _PER_ROW)
    )
    WEIGHTS_FILE.write_text(
        '"""Weights of the headline/body cut features, in streams.split.headline_cuts.FEATURES order, fitted by\n'
        'benchmarks.headline_training: regenerate, do not edit."""\n\n'
        f"NO_CUT = {weights[0]:.4f}\nWEIGHTS = (\n{rows}\n)  # fmt: skip\n"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"))
