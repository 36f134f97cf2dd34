"""Language identification of article text, as an ISO 639-1 code with the identifier's confidence."""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 1000
"""Characters read from the start of a text: enough for a sure answer, and the cost stays flat for long ones."""


@functools.cache
def _identifier() -> LanguageIdentifier:
    """Loads py3langid once per process, normalised to 0..1 and kept to ISO 639-1 (no `pcm`, `zxx`)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([label for label in identifier.labels if len(label) == 2])
    return identifier


def identify(text: str) -> tuple[str | None, float | None]:
    """The text's language and the probability given to it; (None, None) for text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return None, None
    language, score = _identifier().classify(sample)
    return str(language), round(float(score), 4)


def warm_up() -> None:
    """Loads the identifier now rather than on the first article."""
    _identifier()
