"""A small learned cue tagger for newsgraph_quotes: which tokens belong to a reporting cue.

PolNeAR marks as cues far more than speech verbs: stance and evaluation frames ("has been
critical of", "is a staunch opponent of", "made the case for"), cognition ("was sure") and a
long tail of verbs. A lexicon cannot list those, so a logistic regression over hashed parse
features, trained on the PolNeAR train split (``tools/train_quote_model.py``), scores every
token; ``quotes.py`` turns runs of likely cue tokens into extra statements and drops rule cues
the model finds very unlikely.

Features are computed for the whole document at once with numpy (no per-token Python loop):
each feature template combines token attributes (lemma, POS, dependency label, tag, the head's
attributes, the presence of certain child relations, quote marks around the token) into a 64-bit
hash that is reduced to one of ``2**bits`` weight buckets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, POS, TAG
from spacy.strings import hash_string
from spacy.symbols import IDS, PRON
from spacy.tokens import Doc

from ...datafiles import data_file
from ..hashes import isin_hashes
from .judge import DraftModel
from .scan import Quote

log = logging.getLogger(__name__)

MODEL_FILE = "quote_model.npz"

# child relations whose presence tells a cue from other verbs ("said that ...": ccomp)
_CHILD_DEPS = (
    "ccomp",
    "xcomp",
    "nsubj",
    "nsubjpass",
    "dobj",
    "prep",
    "mark",
    "agent",
    "aux",
    "neg",
    "acomp",
    "attr",
    "pobj",
    "poss",
    "acl",
)


def string_id(label: str) -> int:
    """The id ``doc.to_array`` gives a string: spaCy's symbol for built-in labels ("nsubj",
    "ccomp"), the string's hash for the rest."""
    return IDS.get(label, hash_string(label))


_CHILD_HASHES = np.array([string_id(d) for d in _CHILD_DEPS], dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_NONE = np.uint64(hash_string("-none-"))


def _mix(template: int, *columns: np.ndarray) -> np.ndarray:
    """One 64-bit hash per token for a feature template over ``columns`` (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        value = np.full(columns[0].shape, np.uint64(template) * _MIX + np.uint64(1))
        for column in columns:
            value = (value ^ column.astype(np.uint64)) * _MIX
            value ^= value >> np.uint64(29)
    return value


def token_features(doc: Doc, quotes: list[Quote], lexicon_hashes: np.ndarray) -> np.ndarray:
    """An (n_tokens, n_templates) uint64 array of feature hashes (not yet bucketed)."""
    n = len(doc)
    if n == 0:
        return np.zeros((0, 0), dtype=np.uint64)
    arr = doc.to_array([LEMMA, POS, DEP, TAG, HEAD, IDX, ENT_TYPE]).astype(np.uint64)
    lemma, pos, dep, tag = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]
    offsets = arr[:, 4].view(np.int64)
    index = np.arange(n)
    heads = np.clip(index + offsets, 0, n - 1)
    starts = arr[:, 5].astype(np.int64)
    in_quote = np.zeros(n, dtype=np.uint64)
    for quote in quotes:
        in_quote[(starts >= quote.inner_start) & (starts < quote.inner_end)] = 1
    in_lexicon = isin_hashes(lemma, lexicon_hashes).astype(np.uint64)
    # bit k set: the token has a child with relation _CHILD_DEPS[k]
    children = np.zeros(n, dtype=np.uint64)
    not_root = heads != index
    for k, label in enumerate(_CHILD_HASHES):
        rows = heads[not_root & (dep == label)]
        children[rows] |= np.uint64(1 << k)
    has_ccomp = children & np.uint64(1)
    has_xcomp = (children >> np.uint64(1)) & np.uint64(1)
    has_dobj = (children >> np.uint64(4)) & np.uint64(1)
    prev_lemma = np.concatenate([[_NONE], lemma[:-1]])
    next_lemma = np.concatenate([lemma[1:], [_NONE]])
    head_lemma, head_dep, head_pos = lemma[heads], dep[heads], pos[heads]
    grand = heads[heads]
    subject = _subject_kind(arr[:, 6], lemma, pos, dep, heads, not_root)
    columns = [
        _mix(0, np.zeros(n, dtype=np.uint64)),
        _mix(1, lemma),
        _mix(2, lemma, pos),
        _mix(3, lemma, dep),
        _mix(4, pos, dep),
        _mix(5, tag),
        _mix(6, head_lemma, dep),
        _mix(7, head_lemma),
        _mix(8, lemma, head_lemma),
        _mix(9, prev_lemma),
        _mix(10, next_lemma),
        _mix(11, prev_lemma, lemma),
        _mix(12, lemma, next_lemma),
        _mix(13, in_lexicon, pos, dep),
        _mix(14, in_quote, pos, in_lexicon),
        _mix(15, pos, children),
        _mix(16, lemma, has_ccomp, has_xcomp, has_dobj),
        _mix(17, head_dep, dep, pos),
        _mix(18, in_lexicon[heads], dep, pos),
        _mix(19, head_pos, head_dep, dep),
        _mix(20, lemma[grand], head_dep, dep),
        _mix(21, in_lexicon[grand], head_dep, dep),
        _mix(22, lemma, children),
        _mix(23, tag, dep, children),
        _mix(24, head_lemma, in_quote),
        _mix(25, subject, pos),
        _mix(26, subject[heads], dep, pos),
        _mix(27, arr[:, 6], dep),
        _mix(28, lemma, subject),
        _mix(29, lemma, subject[heads]),
    ]
    return np.stack(columns, axis=1)


_NSUBJ = np.uint64(string_id("nsubj"))
_POS_PRON = np.uint64(PRON)


def _subject_kind(
    ent_type: np.ndarray,
    lemma: np.ndarray,
    pos: np.ndarray,
    dep: np.ndarray,
    heads: np.ndarray,
    not_root: np.ndarray,
) -> np.ndarray:
    """Per token, what its subject is: an entity type (PERSON, ORG ...), a pronoun's lemma,
    else the subject's POS; 0 without a subject. People and organisations speak."""
    kind = np.where(ent_type != 0, ent_type, np.where(pos == _POS_PRON, lemma, pos + np.uint64(7)))
    subject = np.zeros(len(lemma), dtype=np.uint64)
    rows = not_root & (dep == _NSUBJ)
    subject[heads[rows]] = kind[rows]
    return subject


@dataclass(frozen=True, slots=True)
class CueModel:
    """Logistic-regression weights over ``2**bits`` hashed feature buckets."""

    weights: np.ndarray
    bias: float
    bits: int
    add_threshold: float
    drop_threshold: float
    span_threshold: float = 1.0
    judge: DraftModel | None = None  # scores whole drafts (quote_rerank)
    # the cue lemmas (hashes) the weights were trained with: the ``in_lexicon`` features read
    # these, not the current speech_cues.yaml, so a user's added cue never shifts the model
    lexicon_hashes: np.ndarray | None = None

    def feature_lexicon(self, current: np.ndarray) -> np.ndarray:
        """The lexicon the ``in_lexicon`` features must use: the training snapshot if the
        weights carry one; else (an older weights file) the current lexicon, with a warning."""
        if self.lexicon_hashes is not None:
            return self.lexicon_hashes
        _warn_no_snapshot()
        return current

    def bucket(self, features: np.ndarray) -> np.ndarray:
        return (features & np.uint64((1 << self.bits) - 1)).astype(np.int64)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(token belongs to a cue) for each row of ``token_features``."""
        if features.size == 0:
            return np.zeros(len(features), dtype=np.float32)
        scores = self.weights[self.bucket(features)].sum(axis=1, dtype=np.float32) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))


def save_model(path: Path, model: CueModel) -> None:
    arrays = {
        "weights": model.weights.astype(np.float16),
        "meta": np.array(
            [
                model.bias,
                model.bits,
                model.add_threshold,
                model.drop_threshold,
                model.span_threshold,
            ],
            dtype=np.float64,
        ),
    }
    if model.lexicon_hashes is not None:
        arrays["lexicon_hashes"] = model.lexicon_hashes.astype(np.uint64)
    if model.judge is not None:
        arrays["judge_weights"] = model.judge.weights.astype(np.float16)
        arrays["judge_meta"] = np.array(
            [model.judge.bias, model.judge.bits, model.judge.threshold], dtype=np.float64
        )
    np.savez_compressed(path, **arrays)


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> CueModel | None:
    """The shipped model (or the one at ``path``); None when the file is missing."""
    file = Path(path) if path else data_file(__package__, MODEL_FILE)
    if not file.exists():
        return None
    with np.load(file) as data:
        weights = data["weights"].astype(np.float32)
        bias, bits, add_threshold, drop_threshold, span_threshold = data["meta"].tolist()
        judge = None
        lexicon = data.get("lexicon_hashes")
        if "judge_weights" in data:
            judge_bias, judge_bits, judge_threshold = data["judge_meta"].tolist()
            judge = DraftModel(
                data["judge_weights"].astype(np.float32),
                float(judge_bias),
                int(judge_bits),
                float(judge_threshold),
            )
    return CueModel(
        weights,
        float(bias),
        int(bits),
        add_threshold,
        drop_threshold,
        span_threshold,
        judge,
        lexicon,
    )


@lru_cache(maxsize=1)
def _warn_no_snapshot() -> None:
    log.warning(
        "the quote cue model carries no snapshot of the cue lexicon it was trained with; its "
        "features follow the current speech_cues.yaml (retrain with tools/train_quote_model.py)"
    )
