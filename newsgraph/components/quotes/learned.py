"""The learned cue tagger's pass over the rule drafts: drop cues it finds very unlikely, add
drafts on runs of likely cue tokens no rule covered, grow cues over adjacent likely cue words."""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, IS_PUNCT
from spacy.tokens import Doc, Span, Token

from ...extensions import doc_text, sentence_of
from .content import SUBJECT_DEPS, after_colon, attach_quotes, other_reports, passive_subject
from .draft import Draft
from .frames import cue_range, set_noun_source, set_verb_source
from .lexicon import Cue, QuoteKnowledge
from .scan import Quote
from .spans import content_pieces, same_paragraph
from .tagger import CueModel

# a quote is evidence of speech the token model does not see: a draft quoting something is
# dropped only when its cue is far less likely than the drop threshold (chosen on a train holdout)
_QUOTE_DROP_FACTOR = 0.25


# relations from a cue word to what is said, for cues the model found ("critical of Trump",
# "made the case for X", "is determined to win")
_MODEL_CONTENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "pobj", "attr", "acomp", "oprd", "dative", "prep", "acl", "csubj"}
)


def apply_model(
    doc: Doc,
    knowledge: QuoteKnowledge,
    quotes: list[Quote],
    drafts: list[Draft],
    model: CueModel,
    probs: np.ndarray,
) -> list[Draft]:
    """Drop rule cues the model finds very unlikely; add statements on runs of tokens the
    model marks as cue that no rule draft covers."""
    kept = [
        d
        for d in drafts
        if d.token is None
        or _cue_probability(d, probs)
        >= model.drop_threshold * (_QUOTE_DROP_FACTOR if _quotes_something(quotes, d) else 1.0)
    ]
    covered = np.zeros(len(doc), dtype=bool)
    starts = doc.to_array(IDX).astype(np.int64)
    for draft in kept:
        for start, end in [*([draft.cue] if draft.cue else []), *draft.content]:
            covered[(starts >= start) & (starts < end)] = True
    is_punct = doc.to_array(IS_PUNCT).astype(bool)
    mask = (probs >= model.add_threshold) & ~covered & ~is_punct
    for run in _runs(np.flatnonzero(mask).tolist()):
        draft = _model_draft(doc, knowledge, quotes, run)
        if draft is not None and draft.content and not _claimed(draft, kept):
            kept.append(draft)
    cue_words = {d.token.i for d in kept if d.token is not None}
    for draft in kept:
        _refine_cue(draft, probs, model.span_threshold)
        _extend_cue_with_auxiliaries(doc, draft, cue_words)
    # a learned run that became part of a rule cue ("wrote" grew into "wrote on") is that cue
    rule_cues = [d.cue for d in kept if d.origin != "model" and d.cue is not None]
    return [
        d
        for d in kept
        if d.origin != "model"
        or d.cue is None
        or not any(d.cue[0] < e and s < d.cue[1] for s, e in rule_cues)
    ]


def _extend_cue_with_auxiliaries(doc: Doc, draft: Draft, cue_words: set[int]) -> None:
    """The auxiliaries, negation and copula just before a cue whose verb or adjective they serve
    ("has | been critical of", "did not | say", "were | not fond of", "are | specifically
    focused on"), with the adverbs between them: PolNeAR's cues include them (a copula before
    a cue: 21 to 0 on the fit part and a 200-article train sample)."""
    if draft.cue is None:
        return
    span = doc.char_span(draft.cue[0], draft.cue[1], alignment_mode="expand")
    if span is None:
        return
    members = {t.i for t in span} | {t.head.i for t in span}
    first = _governing_verb(span, cue_words)
    while True:
        before = _skip_adverbs(doc, first - 1)
        if before < 0 or not _serves(doc[before], members):
            break
        first = before
        members.add(before)
    if first < span.start and not any(
        s < draft.cue[0] and doc[first].idx < e for s, e in draft.content
    ):
        draft.cue = (doc[first].idx, draft.cue[1])


def _governing_verb(span: Span, cue_words: set[int]) -> int:
    """Where the cue starts once the verb it is the object or particle of joins it ("has |
    raised | questions about", "is | doubling | down on", "went | on to name"): PolNeAR's cues
    include that verb (about 40 to 5 on the fit part and a 200-article train sample). A verb
    that is another draft's cue word stays its own ("denied | Washington's claim")."""
    root = next(
        (t for t in span if not t.is_space and t.head.i not in range(span.start, span.end)), None
    )
    if root is None or root.dep_ not in _OBJECT_DEPS:
        return span.start
    verb = root.head
    between = span.doc[verb.i + 1 : span.start]
    if (
        verb.pos_ != "VERB"
        or verb.i in cue_words
        or verb.i >= span.start
        or any(t.is_punct for t in between)
        or not all(verb.is_ancestor(t) for t in between)
    ):
        return span.start
    return verb.i


# a cue's first word that hangs on a verb before it as its object, particle or preposition
_OBJECT_DEPS = frozenset({"dobj", "attr", "prt", "prep"})


def _skip_adverbs(doc: Doc, i: int) -> int:
    """The first token at or before ``i`` that is not whitespace, an adverb or a negation
    (a clause's "when" stops the walk)."""
    while i >= 0 and (
        doc[i].is_space or (doc[i].dep_ in ("advmod", "neg") and doc[i].tag_ != "WRB")
    ):
        i -= 1
    return i


def _serves(token: Token, members: set[int]) -> bool:
    """An auxiliary or negation of the cue, or the copula it depends on ("is | bent on")."""
    if token.dep_ in ("aux", "auxpass", "neg"):
        return token.head.i in members
    return token.lemma_.lower() == "be" and token.i in members


def _refine_cue(draft: Draft, probs: np.ndarray, threshold: float) -> None:
    """Grow the cue to the run of likely cue tokens around its head word ("has been very vocal
    in rejecting", "posted their thoughts on"), as PolNeAR draws cue boundaries; the cue never
    grows into the content or across the sentence."""
    token = draft.token
    if token is None or draft.cue is None or threshold >= 1.0 or probs[token.i] < threshold:
        return
    sent, doc = sentence_of(token), token.doc
    first = last = token.i
    while first - 1 >= sent.start and _likely_word(doc, probs, first - 1, threshold):
        first -= 1
    while last + 1 < sent.end and _likely_word(doc, probs, last + 1, threshold):
        last += 1
    first, last = _without_partial_dates(doc, first, last, token.i)
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if draft.cue[0] <= start and end <= draft.cue[1]:
        return
    start, end = min(start, draft.cue[0]), max(end, draft.cue[1])
    if any(s < end and start < e for s, e in draft.content):
        return
    draft.cue = (start, end)


def _without_partial_dates(doc: Doc, first: int, last: int, head: int) -> tuple[int, int]:
    """The grown cue ``first..last`` (around its word ``head``) without the part of a date it
    cut in two ("said last | month", "last | month announced"): a cue takes a date whole or not
    at all, and where the run stops inside one, annotators leave it out (PolNeAR train, 400
    articles, and the fit part: 5 of 14 such cues match without the date part, 2 with the whole
    date, 1 as grown)."""
    while first < head and _in_date(doc[first]) and doc[first].ent_iob_ == "I":
        first += 1  # the tail of a date that starts before the cue
    while last > head and _in_date(doc[last]) and _date_runs_on(doc, last):
        last -= 1  # the head of a date that ends after the cue
    return first, last


def _in_date(token: Token) -> bool:
    # an entity that opens with a preposition is a tagging slip ("about the year-end")
    return token.ent_type_ in ("DATE", "TIME") and token.pos_ != "ADP"


def _date_runs_on(doc: Doc, i: int) -> bool:
    return (
        i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I" and doc[i + 1].ent_type_ == doc[i].ent_type_
    )


def _claimed(draft: Draft, drafts: list[Draft]) -> bool:
    """Whether another draft already has (part of) this draft's content or cue, or its cue lies in
    this content: a token belongs to one attribution, and the rules' cues win ("wrote on
    Telegram" is one cue, not a second statement whose content is "Telegram")."""
    pieces = [*draft.content, *([draft.cue] if draft.cue else [])]
    return any(
        s1 < e2 and s2 < e1
        for other in drafts
        for s1, e1 in pieces
        for s2, e2 in [*other.content, *([other.cue] if other.cue else [])]
    )


def _likely_word(doc: Doc, probs: np.ndarray, i: int, threshold: float) -> bool:
    return bool(probs[i] >= threshold) and not doc[i].is_punct


def _quotes_something(quotes: list[Quote], draft: Draft) -> bool:
    return any(q.start < e and s < q.end for q in quotes for s, e in draft.content)


def _cue_probability(draft: Draft, probs: np.ndarray) -> float:
    token = draft.token
    return float(probs[token.i]) if token is not None and token.i < len(probs) else 1.0


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _model_draft(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], run: list[int]
) -> Draft | None:
    while len(run) > 1 and doc[run[-1]].pos_ == "DET":
        run = run[:-1]  # "released a | video message": the article opens what is released
    members = set(run)
    root = next((doc[i] for i in run if doc[i].head.i not in members or doc[i].head.i == i), None)
    if root is None:
        return None
    lemma = root.lemma_.lower()
    kind = "noun" if root.pos_ in ("NOUN", "PROPN") else "verb"
    entry = (knowledge.nouns if kind == "noun" else knowledge.verbs).get(lemma) or Cue(
        lemma, kind, "claim"
    )
    draft = Draft(
        (doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]])), lemma, entry, root, origin="model"
    )
    if root.pos_ in ("VERB", "AUX") and len(run) == 1:
        draft.cue = cue_range(root, entry)
    own = set()
    for i in run:
        own |= other_reports(doc[i], knowledge.verbs)
    indices = [
        t.i
        for i in run
        for child in doc[i].children
        if child.i not in members and child.dep_ in _MODEL_CONTENT_DEPS and child.i > run[0]
        for t in child.subtree
        if t.i not in own and t.i not in members
    ]
    if indices:
        draft.content = content_pieces(doc, indices, root)
        if root.pos_ in ("VERB", "AUX"):
            draft.content = [*passive_subject(root, draft.content, entry), *draft.content]
    attach_quotes(root, draft, quotes, knowledge.verbs)
    if not draft.content:
        draft.content = after_colon(doc[run[-1]])
    elif draft.cue is not None:
        # a learned cue speaks within its paragraph (a headline's parse runs into the byline)
        text = doc_text(doc)
        draft.content = [p for p in draft.content if same_paragraph(text, p[0], draft.cue[0])]
    if kind == "noun":
        set_noun_source(root, draft)
    else:
        set_model_source(root, draft)
    return draft


def set_model_source(root: Token, draft: Draft) -> None:
    """The subject of the cue word or of the verb it hangs from ("Graham has been critical")."""
    current = root
    for _ in range(3):
        if any(c.dep_ in (*SUBJECT_DEPS, "agent") for c in current.children):
            set_verb_source(current, draft)
            return
        if current.head.i == current.i:
            return
        current = current.head
