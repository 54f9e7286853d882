"""Language of an article's text (py3langid), as an ISO 639-1 code or ``und``.

py3langid is sure of itself on a paragraph and unreliable on a headline-sized snippet
("Hello" comes out Breton). The rule, so a short English item still reaches the English
pipeline and a short foreign one is not mislabelled:

- probabilities of regional varieties are added to their macrolanguage (Egyptian and Moroccan
  Arabic count as ``ar``), so a dialect does not split the vote;
- fewer than ``MIN_LETTERS`` letters: ``und``;
- the top language with probability ≥ ``CONFIDENT`` (or ≥ ``CONFIDENT_LONG`` on a text with
  at least ``LONG_LETTERS`` letters): that language;
- otherwise ``en`` when English ranks first, or when the text is plain ASCII and English is
  within ``EN_MARGIN`` of the top probability (short Latin-script news snippets are mostly
  English in an English-language pipeline); else ``und``.

Languages without an ISO 639-1 code keep py3langid's ISO 639-3 code (``pcm``, ``kab``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
MIN_LETTERS = 3
CONFIDENT = 0.7
CONFIDENT_LONG = 0.5
LONG_LETTERS = 200
EN_MARGIN = 0.5  # English probability at least this share of the top one
SAMPLE_CHARS = 1000  # settled by then; py3langid costs a Python step per byte (3 ms per 1000)
LETTER = re.compile(r"[^\W\d_]")
NO_LANGUAGE = "zxx"  # py3langid's label for text without linguistic content
MACROLANGUAGE = {
    "ary": "ar", "arz": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz", "gug": "gn", "fuv": "ff",
    "sdh": "ku", "ltg": "lv", "hbo": "he", "grc": "el",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loaded on first use (about a second), once per process.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or ``und`` when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    letters = len(LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return UNDETERMINED
    scores = language_scores(sample)
    top = max(scores, key=scores.__getitem__)
    top_prob = scores[top]
    if top_prob >= CONFIDENT or (letters >= LONG_LETTERS and top_prob >= CONFIDENT_LONG):
        return UNDETERMINED if top == NO_LANGUAGE else top
    if top == "en":
        return "en"
    english = scores.get("en", 0.0)
    if sample.isascii() and english >= EN_MARGIN * top_prob:
        return "en"
    return UNDETERMINED


def language_scores(text: str) -> dict[str, float]:
    """Probability per language, regional varieties summed into their macrolanguage."""
    scores: dict[str, float] = {}
    for code, prob in _identifier().rank(text):
        key = MACROLANGUAGE.get(code, code)
        scores[key] = scores.get(key, 0.0) + prob
    return scores
