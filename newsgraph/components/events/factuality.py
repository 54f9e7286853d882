"""Is an event stated as fact, as not having happened, or as uncertain? A learned classifier.

A logistic regression over features of the trigger's parse (negation, modal and auxiliary
lemmas, conditional and hedging markers, the class of the governing verb: report, deny, plan,
threaten; tense, question) and the rule verdicts of ``roles.negated`` / ``roles.hypothetical``,
trained on the fit part of ``../shared/eval/factuality`` (UW and MEANTIME) by
``tools/train_factuality.py``. The weights ship as ``data/en/factuality.npz`` and are applied
with numpy only. Classes: asserted, negated, uncertain; a non-asserted class is read only at or
above its threshold (chosen by cross-validation on the fit part, stored with the weights).

Also the cues that split an irrealis event into the contract's ``future`` (planned, promised,
threatened: ``planned``) and ``hypothetical`` (conditional, possible, uncertain, asked for):
``future_cue`` and ``conditional_or_possible`` (docs/events.md, "The contract's flags").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Token

from ...datafiles import data_file
from ...extensions import doc_text, hash_strings, sentence_of, token_lowers
from ..tokens import has_head
from .lexicon import Lexicon, load_lexicon
from .roles import hypothetical, is_passive, negated, verb_chain

MODEL_FILE = "factuality.npz"
CLASSES = ("asserted", "negated", "uncertain")

HEDGES = frozenset(
    ("possibly", "probably", "perhaps", "maybe", "reportedly", "allegedly", "apparently",
     "likely", "unlikely", "presumably", "seemingly", "supposedly", "potentially", "purportedly")
)  # fmt: skip
THREATEN = frozenset({"threaten", "warn", "vow", "promise", "pledge", "swear"})
DENY = frozenset({"deny", "reject", "dismiss", "refute", "doubt"})
NEGATIVE_PRONOUNS = frozenset({"none", "nobody", "nothing", "neither"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# a clause boundary: the scope of a cue on an ancestor stops here ("he did not say that X")
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj"})


# What makes an irrealis event one yet to come, not a conditional or a possibility: the future
# auxiliaries, and the verbs, adjectives and nouns of intent that CAMEO codes as "express
# intent" (03) or "threaten" (13) and PLOVER as AGREE / THREATEN ("plans to", "vowed to",
# "threatened to", "is set to", "the threat of war").
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "going"})
INTENT_VERBS = frozenset(
    ("threaten", "vow", "promise", "pledge", "plan", "intend", "prepare", "aim", "agree",
     "warn", "schedule", "resolve", "commit", "undertake")
)  # fmt: skip
INTENT_ADJECTIVES = frozenset({"set", "poised", "ready", "prepared", "determined", "committed"})
INTENT_NOUNS = frozenset({"threat", "plan", "pledge", "promise", "warning", "plot", "intention"})
# verbs whose passive states a forecast of the subject's own act: "is expected to sign"
# ("analysts expected the army to attack" is a belief about another's act, not this)
FORECAST_PASSIVES = frozenset({"expect"})


def future_cue(token: Token, lex: Lexicon) -> bool:
    """The predicate at ``token`` is stated as planned, promised or threatened: a future
    auxiliary on its verb chain ("would" in a reported clause: "said it would strike"), or its
    chain is the complement of a verb, adjective or noun of intent ("will strike", "plans to
    strike", "is poised to strike", "the threat of a strike"), or of a passive forecast ("is
    expected to sign")."""
    for tok in verb_chain(token):
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUXILIARIES:
                return True
            if c.dep_ == "aux" and c.lower_ == "would" and _reported(tok, lex):
                return True
        head = tok.head
        if not has_head(tok):
            continue
        lemma = head.lemma_.lower()
        if tok.dep_ == "xcomp" and (
            lemma in INTENT_VERBS
            or lemma in INTENT_ADJECTIVES
            or head.lower_ in INTENT_ADJECTIVES  # "is poised to": a passive of "poise"
            or (lemma in FORECAST_PASSIVES and is_passive(head))
        ):
            return True
        if tok.dep_ == "dobj" and lemma in INTENT_VERBS:
            return True  # "planned a strike", "promised aid"
        if tok.dep_ in ("acl", "pobj", "pcomp") and lemma in INTENT_NOUNS:
            return True
        if tok.dep_ == "pobj" and head.head.lemma_.lower() in INTENT_NOUNS:
            return True  # "the threat of war"
    return False


def planned(anchor: Token, flag_anchor: Token | None, learned: str, lex: Lexicon) -> bool:
    """An irrealis event is yet to come (the contract's ``future``), not conditional or
    uncertain (``hypothetical``): a future or intent cue on its trigger, on the verb that
    carries its flags ("refused to attack"), or for a nominal trigger on its clause's verb
    ("vowed to launch an attack"); and the model does not read it as uncertain ("will
    probably strike" stays hypothetical), nor is it conditional or merely possible ("will
    strike if attacked")."""
    if learned == "uncertain" or conditional_or_possible(anchor, flag_anchor):
        return False
    return any(future_cue(tok, lex) for tok in _flag_tokens(anchor, flag_anchor))


def _reported(tok: Token, lex: Lexicon) -> bool:
    """The verb chain at ``tok`` is the clause a speech verb reports ("said that ...")."""
    top = list(verb_chain(tok))[-1]
    return top.dep_ == "ccomp" and top.head.lemma_.lower() in lex.speech_verbs


def _flag_tokens(anchor: Token, flag_anchor: Token | None) -> list[Token]:
    """Where an event's modality is read: its trigger, the verb that carries its flags, and
    for a nominal trigger its clause's verb ("vowed to launch an attack")."""
    found = [anchor] if flag_anchor is None else [anchor, flag_anchor]
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        found.append(anchor.head if anchor.dep_ != "pobj" else anchor.head.head)
    return found


POSSIBILITY_MODALS = frozenset({"could", "may", "might"})


def conditional_or_possible(anchor: Token, flag_anchor: Token | None) -> bool:
    """A conditional mark on the predicate's clause or one above it without a clause boundary
    ("if they attack"), a modal of possibility on its verb chain ("could attack", "may
    strike"), or a conditional clause under it ("would attack if the talks failed")."""
    for tok in _flag_tokens(anchor, flag_anchor):
        cues = _scope_cues(tok)
        if cues.get("own_conditional") or cues.get("anc_conditional_same"):
            return True
        for link in verb_chain(tok):
            for c in link.children:
                if c.dep_ in ("aux", "mark") and c.lower_ in POSSIBILITY_MODALS | CONDITIONAL_MARKS:
                    return True
                if c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children
                ):
                    return True
    return False


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


@dataclass(frozen=True, slots=True)
class _ScopeColumns:
    """Per token of a doc: its head's index, whether its own label is a clause boundary, and
    the ancestor cues its children carry ("neg", "conditional"), in the children's order."""

    size: int
    heads: list[int]
    boundary: list[bool]
    child_cues: list[tuple[str, ...]]


_SCOPE_KEY = ("newsgraph", "factuality_scope_columns")


def _scope_columns(doc: Doc) -> _ScopeColumns:
    """Read once per doc from its HEAD and DEP columns: ``_scope_cues`` walks up to eight
    ancestors of every predicate, and looking at each one's children built a Token per child."""
    found = doc.user_data.get(_SCOPE_KEY)
    if found is not None and found.size == len(doc):
        return found
    rows = doc.to_array([HEAD, DEP]).reshape(len(doc), 2)
    heads = (np.arange(len(doc)) + rows[:, 0].astype(np.int64)).tolist()
    deps = hash_strings(doc.vocab.strings, rows[:, 1].tolist())
    lowers = token_lowers(doc)
    child_cues: list[tuple[str, ...]] = [()] * len(doc)
    for child, (head, dep, low) in enumerate(zip(heads, deps, lowers, strict=True)):
        if head == child:
            continue
        if dep == "neg" or (dep == "det" and low == "no"):
            cue = "neg"
        elif dep == "mark" and low in CONDITIONAL_MARKS:
            cue = "conditional"
        else:
            continue
        if cue not in child_cues[head]:
            child_cues[head] = (*child_cues[head], cue)
    found = doc.user_data[_SCOPE_KEY] = _ScopeColumns(
        len(doc), heads, [dep in CLAUSE_DEPS for dep in deps], child_cues
    )
    return found


def _scope_cues(token: Token) -> dict[str, float]:
    """Cues on the predicate's ancestors, split by whether a clause boundary lies between: a
    "not" two clauses up ("did not say that they attacked") scopes less than one on the verb's
    own chain; an "if" on any ancestor clause makes the whole clause conditional."""
    found: dict[str, float] = {}
    columns = _scope_columns(token.doc)
    # up to eight steps; a sentence's root is its own head, so the walk stays there
    at, crossed = token.i, 0
    for _ in range(8):
        head = columns.heads[at]
        crossed += columns.boundary[at]
        where = "same" if crossed == 0 else "crossed"
        for cue in columns.child_cues[head]:
            found[f"anc_{cue}_{where}"] = 1.0
        at = head
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
        found["own_conditional"] = 1.0
    if any(_negative_argument(c) for c in token.children):
        found["negative_argument"] = 1.0  # "gave no reason", "none of them were killed"
    return found


def _negative_argument(arg: Token) -> bool:
    if arg.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    if arg.lower_ in NEGATIVE_PRONOUNS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in arg.children)


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
        if tok.i != token.i:
            found.update(_token_cues(tok, "chain_", lex))
    # a root is read as its own governor (and its governor's): the shipped weights were
    # trained so, as the identity guards meant to skip it never held (tokens are new objects
    # on each access; docs/events.md, "Token identity")
    head = top.head
    kind = _governor_class(head.lemma_.lower(), lex)
    found[f"gov={kind}"] = 1.0
    found[f"gov={kind}|dep={top.dep_}"] = 1.0
    found[f"gov_lemma={head.lemma_.lower()}"] = 1.0
    found.update(_token_cues(head, "gov_", lex))
    found[f"gov2={_governor_class(head.head.lemma_.lower(), lex)}"] = 1.0
    found.update(_scope_cues(token))
    if future_cue(token, lex):
        found["future_cue"] = 1.0  # UW scores a stated future as a fact
    sent = sentence_of(token)
    # the sentence's text and words from the doc's, read once per doc (not rebuilt per trigger)
    if doc_text(token.doc)[sent.start_char : sent.end_char].rstrip().endswith("?"):
        found["question"] = 1.0
    lowers = token_lowers(token.doc)
    if any(word in HEDGES for word in lowers[sent.start : sent.end]):
        found["hedge_in_sentence"] = 1.0
    if any(word in ("if", "unless", "whether") for word in lowers[sent.start : token.i]):
        found["conditional_before"] = 1.0
    return found


def settled(negated: bool, learned: str) -> str:
    """An event's factuality once its flags are final: negated when the event is (the model's,
    the rules' or a denial's reading), else the model's "uncertain", else asserted."""
    if negated:
        return "negated"
    return "uncertain" if learned == "uncertain" else "asserted"


@dataclass(frozen=True, slots=True)
class FactualityModel:
    index: dict[str, int]
    coef: np.ndarray  # classes x features
    intercept: np.ndarray
    classes: tuple[str, ...]
    # the least probability at which a non-asserted class is read (chosen by cross-validation
    # on the fit part, tools/train_factuality.py); a class without one: plain argmax
    thresholds: dict[str, float] = field(default_factory=dict)

    def probabilities(self, named: dict[str, float]) -> dict[str, float]:
        x = np.zeros(len(self.index))
        for name, value in named.items():
            at = self.index.get(name)
            if at is not None:
                x[at] = value
        scores = self.coef @ x + self.intercept
        exp = np.exp(scores - scores.max())
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))

    def decide(self, probs: dict[str, float]) -> str:
        """Asserted unless a non-asserted class reaches its threshold (the likeliest of those
        that do); without thresholds, the likeliest class."""
        if not self.thresholds:
            return max(probs, key=probs.__getitem__)
        reached = [c for c, t in self.thresholds.items() if probs.get(c, 0.0) >= t]
        return max(reached, key=probs.__getitem__) if reached else "asserted"

    def classify(self, token: Token, lex: Lexicon) -> str:
        return self.decide(self.probabilities(features(token, lex)))


def save_model(
    path: Path,
    names: list[str],
    coef: np.ndarray,
    intercept: np.ndarray,
    classes: list[str],
    thresholds: dict[str, float] | None = None,
) -> None:
    thresholds = thresholds or {}
    np.savez_compressed(
        path,
        names=np.array(names),
        coef=coef.astype(np.float32),
        intercept=intercept.astype(np.float32),
        classes=np.array(classes),
        threshold_classes=np.array(list(thresholds), dtype=str),
        threshold_values=np.array(list(thresholds.values()), dtype=np.float64),
    )


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> FactualityModel | None:
    """The shipped model (None when the file is missing: the rules decide alone)."""
    file = Path(path) if path else data_file(__package__, MODEL_FILE)
    if not file.exists():
        return None
    with np.load(file) as data:
        names = [str(n) for n in data["names"]]
        thresholds = {}
        if "threshold_classes" in data.files:
            thresholds = {
                str(c): float(v)
                for c, v in zip(data["threshold_classes"], data["threshold_values"], strict=True)
            }
        return FactualityModel(
            index={n: i for i, n in enumerate(names)},
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            classes=tuple(str(c) for c in data["classes"]),
            thresholds=thresholds,
        )


def reading_at(doc: Doc, start: int, end: int) -> str | None:
    """The shipped model's reading of the word at characters ``start`` .. ``end`` of ``doc``,
    whether or not an event sits there (None without a model or a token): how the model does
    on every predicate of a gold set, where the events cover only some."""
    model = load_model()
    span = doc.char_span(start, end, alignment_mode="expand")
    if model is None or span is None or not len(span):
        return None
    return model.classify(span.root, load_lexicon())
