"""Is an event stated as fact, as not having happened, or as uncertain? A learned classifier.

A logistic regression over features of the trigger's parse (negation, modal and auxiliary
lemmas, conditional and hedging markers, the class of the governing verb: report, deny, plan,
threaten; tense, question) and the rule verdicts of ``roles.negated`` / ``roles.hypothetical``,
trained on the fit part of ``../shared/eval/factuality`` (UW and MEANTIME) by
``tools/train_factuality.py``. The weights ship as ``data/en/factuality.npz`` and are applied
with numpy only. Classes: asserted, negated, uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from ...datafiles import data_file
from ...extensions import doc_text, token_lowers
from .lexicon import Lexicon
from .roles import hypothetical, negated, verb_chain

MODEL_FILE = "factuality.npz"
CLASSES = ("asserted", "negated", "uncertain")

HEDGES = frozenset(
    ("possibly", "probably", "perhaps", "maybe", "reportedly", "allegedly", "apparently",
     "likely", "unlikely", "presumably", "seemingly", "supposedly", "potentially", "purportedly")
)  # fmt: skip
THREATEN = frozenset({"threaten", "warn", "vow", "promise", "pledge", "swear"})
DENY = frozenset({"deny", "reject", "dismiss", "refute", "doubt"})


def _governor_class(lemma: str, lex: Lexicon) -> str:
    if lemma in THREATEN:
        return "threaten"
    if lemma in DENY or lemma in lex.negating_verbs:
        return "deny"
    if lemma in lex.speech_verbs:
        return "report"
    if lemma in lex.embedding_verbs:
        return "plan"
    return "other"


def _token_cues(tok: Token, prefix: str, lex: Lexicon) -> dict[str, float]:
    found: dict[str, float] = {}
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            found[f"{prefix}neg"] = 1.0
        elif c.dep_ in ("aux", "auxpass"):
            found[f"{prefix}aux={c.lemma_.lower()}"] = 1.0
            if low in lex.modals:
                found[f"{prefix}modal"] = 1.0
        elif c.dep_ == "mark":
            found[f"{prefix}mark={low}"] = 1.0
        elif c.dep_ == "advmod" and low in HEDGES:
            found[f"{prefix}hedge"] = 1.0
    return found


def features(token: Token, lex: Lexicon) -> dict[str, float]:
    """The named features of the predicate at ``token`` (shared by training and prediction)."""
    found: dict[str, float] = {
        "bias": 1.0,
        f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"lemma={token.lemma_.lower()}": 1.0,
    }
    if negated(token, lex):
        found["rule_negated"] = 1.0
    if hypothetical(token, lex):
        found["rule_hypothetical"] = 1.0
    found.update(_token_cues(token, "", lex))
    top = token
    for tok in verb_chain(token):
        top = tok
        if tok is not token:
            found.update(_token_cues(tok, "chain_", lex))
    head = top.head
    if head is not top:
        kind = _governor_class(head.lemma_.lower(), lex)
        found[f"gov={kind}"] = 1.0
        found[f"gov={kind}|dep={top.dep_}"] = 1.0
        found[f"gov_lemma={head.lemma_.lower()}"] = 1.0
        found.update(_token_cues(head, "gov_", lex))
        if head.head is not head:
            found[f"gov2={_governor_class(head.head.lemma_.lower(), lex)}"] = 1.0
    sent = token.sent
    # the sentence's text and words from the doc's, read once per doc (not rebuilt per trigger)
    if doc_text(token.doc)[sent.start_char : sent.end_char].rstrip().endswith("?"):
        found["question"] = 1.0
    lowers = token_lowers(token.doc)
    if any(word in HEDGES for word in lowers[sent.start : sent.end]):
        found["hedge_in_sentence"] = 1.0
    if any(word in ("if", "unless", "whether") for word in lowers[sent.start : token.i]):
        found["conditional_before"] = 1.0
    return found


@dataclass(frozen=True, slots=True)
class FactualityModel:
    index: dict[str, int]
    coef: np.ndarray  # classes x features
    intercept: np.ndarray
    classes: tuple[str, ...]

    def probabilities(self, named: dict[str, float]) -> dict[str, float]:
        x = np.zeros(len(self.index))
        for name, value in named.items():
            at = self.index.get(name)
            if at is not None:
                x[at] = value
        scores = self.coef @ x + self.intercept
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))

    def classify(self, token: Token, lex: Lexicon) -> str:
        probs = self.probabilities(features(token, lex))
        return max(probs, key=probs.__getitem__)


def save_model(
    path: Path, names: list[str], coef: np.ndarray, intercept: np.ndarray, classes: list[str]
) -> None:
    np.savez_compressed(
        path,
        names=np.array(names),
        coef=coef.astype(np.float32),
        intercept=intercept.astype(np.float32),
        classes=np.array(classes),
    )


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> FactualityModel | None:
    """The shipped model (None when the file is missing: the rules decide alone)."""
    file = Path(path) if path else data_file(__package__, MODEL_FILE)
    if not file.exists():
        return None
    with np.load(file) as data:
        names = [str(n) for n in data["names"]]
        return FactualityModel(
            index={n: i for i, n in enumerate(names)},
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            classes=tuple(str(c) for c in data["classes"]),
        )
