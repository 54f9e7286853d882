"""newsgraph_quotes: who said what, how, to whom, and what kind of speech act.

Writes ``doc._.ng_statements`` (list of ``model.Statement``, ids ``s1, s2, ...`` in text order).
Config: ``cue_files`` (extra YAML cue lexicons in the ``speech_cues.yaml`` format), e.g.
``nlp.add_pipe("newsgraph_quotes", config={"cue_files": ["my_cues.yaml"]})``.

How it works, cheaply (one regex scan of the text plus dependency lookups at cue tokens):

1. ``quote_scan.find_quotes`` finds quoted passages (every quote style, multi-paragraph).
2. Cue tokens come from the lexicon in ``data/en/speech_cues.yaml`` (verbs, nouns, "according to").
   For each cue the parse gives the content (clausal complement, parenthetical host clause, an
   object for stance verbs, or the adjacent quote), the source (subject, agent, inherited subject
   of "adding that ...", the object of "according to", the possessor of "X's remarks").
3. Quotes nobody claimed take the cue of the sentence before them ("... sent the following
   message:" / "… he said." then a quote paragraph).
4. A learned cue tagger (``quote_model``, logistic regression over hashed parse features,
   trained on the PolNeAR train split by ``tools/train_quote_model.py``) scores every token in
   one vectorised pass: runs of likely cue tokens no rule covered become extra drafts
   ("has been critical of X"), rule drafts whose cue it finds very unlikely are dropped, and
   cues grow over adjacent likely cue words ("has been very vocal in rejecting").
5. Each draft becomes a Statement: speaker resolved to an actor (pronouns and descriptions to the
   most recent compatible actor mention), kind from the quote overlap, act from cue and content
   (``quote_acts``), addressee, time, and the earlier statement a denial disputes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, IDX, IS_PUNCT, LEMMA, LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ... import extensions
from ...model import ActorRef, Span, Statement
from ..datelines.component import dateline_end
from .acts import classify_act, disputed_statement
from .judge import draft_features
from .layout import layout_attributions
from .lexicon import Cue, QuoteKnowledge, load_knowledge
from .places import assign_places
from .scan import SEPARATORS, Quote, find_quotes, trim_range
from .speakers import SpeakerResolver
from .tagger import CueModel, load_model, string_id, token_features

Range = tuple[int, int]
_ACCORDING = hash_string("according")

# characters trimmed from the edges of a source or content span
_EDGE = " \t\r\n" + SEPARATORS
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# dependents through which a verb without a subject inherits its head's subject
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "relcl")
# prepositions joining a speech noun to its verb into one cue ("said in a statement")
_MEDIUM_PREPS = ("in", "through", "via", "on")
# objects that carry no content of their own ("said it", "knew that")
_EMPTY_OBJECTS = frozenset({"it", "this", "that", "so", "something", "anything", "nothing"})
# conjunctions that make a clause a condition or circumstance of the content, not a report
_SUBORDINATORS = frozenset(
    {"if", "unless", "when", "whenever", "until", "before", "after", "because", "since", "once"}
)


@dataclass(slots=True)
class Draft:
    """A statement under construction (character ranges, before resolution)."""

    cue: Range | None
    lemma: str | None
    entry: Cue | None
    token: Token | None
    source: Range | None = None
    source_token: Token | None = None
    content: list[Range] = field(default_factory=list)
    addressee: Range | None = None
    # verb | noun | according | orphan | announced | layout | model (read by the draft judge)
    origin: str = "verb"


@Language.factory(
    "newsgraph_quotes",
    assigns=["doc._.ng_statements"],
    requires=[
        "doc.sents",
        "token.dep",
        "doc._.ng_actor_mentions",
        "doc._.ng_actors",
        "doc._.ng_place_mentions",
        "doc._.ng_times",
    ],
    default_config={"cue_files": []},
)
def make_component(nlp: Language, name: str, cue_files: list[str]) -> Component:
    return Component(load_knowledge(tuple(cue_files)))


class Component:
    def __init__(self, knowledge: QuoteKnowledge | None = None) -> None:
        self.knowledge = knowledge or load_knowledge()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_statements = extract_statements(doc, self.knowledge)
        return doc


def extract_statements(doc: Doc, knowledge: QuoteKnowledge) -> list[Statement]:
    """All statements of one parsed article, in text order."""
    text = _doc_text(doc)
    if not text.strip():
        return []
    quotes = _quotes_of(doc)  # shared with the content rules (``_without_trailing_aside``)
    model = load_model()
    drafts, probs = candidate_drafts(doc, knowledge, quotes, model)
    if model is not None and model.judge is not None and drafts:
        scores = model.judge.probabilities(draft_features(doc, text, quotes, drafts, probs))
        drafts = [
            d
            for d, p in zip(drafts, scores.tolist(), strict=True)
            if p >= model.judge.threshold or d.origin in _UNJUDGED
        ]
    drafts = _drop_nested([d for d in drafts if not _is_formula(text, d, knowledge)])
    drafts.sort(key=_draft_position)
    return _to_statements(doc, knowledge, quotes, drafts)


# a quote announced by the sentence before it ("sent the following message:") is speech whatever
# the cue word; the judge, trained on annotators' habits, rarely saw one
_UNJUDGED = frozenset({"announced"})


def candidate_drafts(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], model: CueModel | None
) -> tuple[list[Draft], np.ndarray]:
    """Every draft the rules and the token model propose (before the draft judge), with the
    token model's cue probabilities (zeros without a model)."""
    text = _doc_text(doc)
    drafts = _cue_drafts(doc, knowledge, quotes)
    drafts.extend(_layout_drafts(doc, text, knowledge))
    drafts.extend(_orphan_quote_drafts(doc, knowledge, quotes, drafts))
    drafts = [d for d in drafts if d.content and not _is_first_person_musing(text, d)]
    if model is None:
        return drafts, np.zeros(len(doc), dtype=np.float32)
    probs = model.probabilities(token_features(doc, quotes, knowledge.lemma_hashes))
    return _apply_model(doc, knowledge, quotes, drafts, model, probs), probs


# the helpers below read the text many times: built once per doc (extensions.doc_text)
_doc_text = extensions.doc_text


# --------------------------------------------------------------------------- spans and tokens


def _clip_to_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Cut a range at the paragraph breaks around ``anchor`` (a parse may run across lines)."""
    before = text.rfind("\n", start, anchor)
    if before >= 0:
        start = before + 1
    after = text.find("\n", max(anchor, start), end)
    if after >= 0:
        end = after
    return start, end


def _subtree_range(token: Token, exclude: set[int] | None = None) -> Range | None:
    """The characters of ``token``'s subtree (minus ``exclude`` token indices), one paragraph."""
    tokens = [t for t in token.subtree if exclude is None or t.i not in exclude]
    if not tokens:
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1])
    start, end = _clip_to_paragraph(_doc_text(token.doc), start, end, token.idx)
    return trim_range(_doc_text(token.doc), start, end)


_RELATIVE_WORDS = frozenset({"who", "whom"})
_QUOTES_KEY = "newsgraph_quotes"


def _quotes_of(doc: Doc) -> list[Quote]:
    """The article's quoted passages, found once per doc."""
    found = doc.user_data.get(_QUOTES_KEY)
    if found is None:
        found = doc.user_data[_QUOTES_KEY] = find_quotes(_doc_text(doc))
    return found


def _without_trailing_aside(doc: Doc, indices: list[int]) -> list[int]:
    """Drop the aside that closes a reported clause, as annotators leave it out: a
    non-restrictive relative clause (", who is 70") or a descriptive appositive (", the
    existing alliance"), set off by a comma, outside quotes."""
    candidates = _aside_heads(doc)
    if not indices or not candidates:
        return indices
    members = set(indices)
    last = max(indices)
    for token in (doc[i] for i in sorted(members & candidates)):
        comma = token.left_edge.i - 1
        if (
            comma < 0
            or doc[comma].text != ","
            or token.right_edge.i < last
            or token.head.i not in members
            or not _is_aside(token)
            or _quote_containing(_quotes_of(doc), doc[comma].idx, doc[comma].idx + 1)
        ):
            continue
        cut = set(range(comma, token.right_edge.i + 1))
        kept = [i for i in indices if i not in cut]
        return kept if kept else indices
    return indices


_ASIDE_DEPS = np.array([string_id("relcl"), string_id("appos")], dtype=np.uint64)
_ASIDES_KEY = "newsgraph_quote_asides"


def _aside_heads(doc: Doc) -> set[int]:
    """Indices of the doc's relative clauses and appositives, found once per doc."""
    found = doc.user_data.get(_ASIDES_KEY)
    if found is None:
        deps = doc.to_array(DEP).astype(np.uint64)
        found = doc.user_data[_ASIDES_KEY] = set(
            np.flatnonzero(np.isin(deps, _ASIDE_DEPS)).tolist()
        )
    return found


def _is_aside(token: Token) -> bool:
    """A description of someone ("who is 70", "the presumed favorite"); a name in apposition
    ("his opponent, Hillary Clinton") and "which" clauses stay: annotators keep them as often
    as not (PolNeAR train)."""
    if token.dep_ == "relcl":
        return token.left_edge.lower_ in _RELATIVE_WORDS
    return token.dep_ == "appos" and token.pos_ != "PROPN" and token.ent_type_ == ""


def _pieces(doc: Doc, indices: list[int], anchor: Token) -> list[Range]:
    """Contiguous runs of token indices as trimmed character ranges in ``anchor``'s paragraph."""
    runs: list[Range] = []
    for i in sorted(_without_trailing_aside(doc, indices)):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    pieces: list[Range] = []
    for first, last in runs:
        # a conjunction left dangling where a coordinated report was cut off ("X and")
        while last > first and (doc[last].dep_ == "cc" or doc[last].is_punct):
            last -= 1
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        start, end = _clip_to_paragraph(
            _doc_text(doc), start, end, max(start, min(anchor.idx, end - 1))
        )
        piece = trim_range(_doc_text(doc), start, end, tail=".")  # the sentence's full stop
        if piece and sum(ch.isalnum() for ch in _doc_text(doc)[piece[0] : piece[1]]) >= 2:
            pieces.append(piece)
    return pieces


_CUE_PREPS = ("for", "on", "about", "to", "of", "against")
# verbs whose "to" phrase is what is said ("referred to the deal"); for the rest ("spoke to
# reporters") it names the addressee
_TO_CONTENT = frozenset({"refer", "point", "respond", "reply", "allude", "object", "react"})
_CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")
_WEEKDAYS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
    }
)


def _cue_range(token: Token, entry: Cue | None = None) -> Range:
    """The cue as PolNeAR marks it: the verb with the auxiliaries, negation and adverbs just
    before it ("has also said"), a particle or governing preposition ("pointed out", "called
    for") and a weekday right after it ("said Monday")."""
    first = token
    for child in reversed(list(token.lefts)):
        if child.dep_ in _CUE_LEFT_DEPS and child.i == first.i - 1 and not child.is_punct:
            first = child
        elif child.i < first.i - 1:
            break
    last = token
    for child in token.rights:
        if child.i != last.i + 1:
            break
        if (
            child.dep_ == "prt"
            or (
                child.dep_ == "prep"
                and child.lower_ in _CUE_PREPS
                and (entry is None or entry.frame == "object")
                and (child.lower_ != "to" or token.lemma_.lower() in _TO_CONTENT)
                and not any(c.dep_ in ("dobj", "ccomp") for c in token.children)
            )
            or (child.dep_ == "npadvmod" and child.lower_ in _WEEKDAYS)
        ):
            last = child
        else:
            break
    return first.idx, last.idx + len(last)


def _quote_containing(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for quote in quotes:
        if quote.inner_start <= start and end <= quote.inner_end:
            return quote
    return None


def _draft_position(draft: Draft) -> int:
    starts = [r[0] for r in draft.content]
    if draft.cue:
        starts.append(draft.cue[0])
    return min(starts)


# --------------------------------------------------------------------------- cue drafts


def _cue_drafts(doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote]) -> list[Draft]:
    drafts: list[Draft] = []
    # one vectorised pass picks the candidate tokens; only those are looked at in Python
    lemmas = doc.to_array(LEMMA)
    lowers = doc.to_array(LOWER)
    candidates = np.flatnonzero(
        np.isin(lemmas, knowledge.lemma_hashes)
        | np.isin(lowers, knowledge.lemma_hashes)
        | (lowers == _ACCORDING)
    )
    for index in candidates.tolist():
        token = doc[index]
        lower = token.lower_
        if lower == "according" and any(c.lower_ == "to" for c in token.children):
            draft = _according_draft(token, knowledge)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in knowledge.verbs:
            draft = _verb_draft(token, knowledge.verbs[token.lemma_.lower()], knowledge, quotes)
        elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in knowledge.nouns:
            draft = _noun_draft(token, knowledge.nouns[token.lemma_.lower()], quotes)
        else:
            continue
        if draft is not None:
            drafts.append(draft)
    return drafts


def _verb_draft(
    token: Token, entry: Cue, knowledge: QuoteKnowledge, quotes: list[Quote]
) -> Draft | None:
    if _modifies_speech_noun(token, knowledge) or _acts_on(token, entry):
        return None
    draft = Draft(_cue_range(token, entry), entry.lemma, entry, token)
    if token.dep_ == "xcomp" and token.head.pos_ in ("VERB", "AUX") and draft.cue is not None:
        # "appeared to suggest", "continues to insist": one cue from the governing verb on
        draft.cue = (_cue_range(token.head)[0], draft.cue[1])
    draft.content = _verb_content(token, entry, knowledge.verbs, knowledge.nouns)
    if draft.content:
        draft.content = [*_passive_subject(token, draft.content), *draft.content]
    _attach_quotes(token, draft, quotes, knowledge.verbs)
    _set_verb_source(token, draft)
    draft.cue = _extend_cue_with_medium(token, draft.cue, knowledge)
    draft.addressee = _addressee(token)
    return draft


def _acts_on(token: Token, entry: Cue) -> bool:
    """The verb does something to its object rather than say it ("pressed their offensive")."""
    return bool(entry.not_objects) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in entry.not_objects for c in token.children
    )


def _modifies_speech_noun(token: Token, knowledge: QuoteKnowledge) -> bool:
    """ "a message addressed to X", "a statement issued by Y": the noun is the cue."""
    return token.dep_ == "acl" and token.head.lemma_.lower() in knowledge.nouns


def _bare_speech_noun(obj: Token, nouns: dict[str, Cue]) -> bool:
    """ "issued a statement", "sent the following message": the object names a new speech, it
    is not its content (a quote or clause elsewhere is). "rejected such claims" keeps its
    object: it points back to what is rejected."""
    if obj.lemma_.lower() not in nouns:
        return False
    announces = any(c.lower_ in ("a", "an", "following") for c in obj.lefts)
    return announces and not any(c.dep_ in ("acl", "relcl", "ccomp") for c in obj.rights)


def _verb_content(
    token: Token, entry: Cue, verbs: dict[str, Cue], nouns: dict[str, Cue]
) -> list[Range]:
    doc = token.doc
    comps = [c for c in token.children if c.dep_ in ("ccomp", "csubjpass")]
    if _rejects_its_head(token):
        # "..., a claim Islamabad rejected as baseless": what is rejected is the claim itself
        head = token.head
        claim = trim_range(_doc_text(doc), head.left_edge.idx, head.idx + len(head))
        return [claim] if claim else []
    if comps:
        own = _other_reports(comps[0], verbs)
        indices = [t.i for c in comps for t in c.subtree if t.i not in own]
        indices.extend(_continued_content(token, comps[-1], verbs))
        return _pieces(doc, indices, comps[0])
    if (
        token.dep_ == "parataxis"
        or (token.dep_ == "ccomp" and token.i > token.head.i and _is_parenthetical(token))
        or (
            token.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
        )
    ):
        # "X, but Y, he said": the host clause (all its conjuncts) minus the reporting clause
        host = token.head
        while host.dep_ == "conj" and host.head is not host:
            host = host.head
        own = {t.i for t in token.subtree} | _other_reports(host, verbs)
        indices = [t.i for t in host.subtree if t.i not in own]
        return _pieces(doc, indices, host)
    xcomps = [c for c in token.children if c.dep_ == "xcomp"]
    if xcomps and xcomps[0].lemma_.lower() in verbs:
        return []  # "appeared to suggest that ...": the inner cue carries the statement
    if xcomps and token.dep_ != "auxpass":
        # "asked Kasich to lay out his path": the object before the complement belongs to it
        objects = [c for c in token.children if c.dep_ == "dobj" and token.i < c.i < xcomps[0].i]
        return _complement_run(token, objects[0] if objects else xcomps[0])
    if entry.frame == "object":
        objects = [c for c in token.children if c.dep_ in ("dobj", "attr", "oprd")]
        if (
            objects
            and objects[0].lower_ not in _EMPTY_OBJECTS
            and not _bare_speech_noun(objects[0], nouns)
        ):
            return _complement_run(token, objects[0])
    colon = _after_colon(token)
    if colon:
        return colon
    preps = [
        c
        for c in token.children
        if c.dep_ == "prep"
        and c.lower_ in _CUE_PREPS
        and c.i == token.i + 1
        and (c.lower_ != "to" or entry.lemma in _TO_CONTENT)
    ]
    if preps and (entry.frame == "object" or entry.act in ("demand", "question")):
        return _pieces(doc, [t.i for t in preps[0].subtree if t.i != preps[0].i], preps[0])
    fronted = _fronted_report(token)
    if fronted is not None:
        return _pieces(doc, [t.i for t in fronted.subtree], fronted)
    return []


# nouns for a report that a relative clause can reject ("a claim Kigali denied")
_REPORT_NOUNS = frozenset(
    {"claim", "allegation", "accusation", "charge", "assertion", "report", "account", "version"}
)


def _rejects_its_head(token: Token) -> bool:
    return (
        token.dep_ == "relcl"
        and token.head.lemma_.lower() in _REPORT_NOUNS
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children)
    )


def _fronted_report(token: Token) -> Token | None:
    """A finite clause before "X said" that the parser hung on the cue as an adverbial
    ("Shelling hit two villages, the army said"). A participle ("Asked about it, he said")
    or a clause with a conjunction ("When ..., he said") is a circumstance, not the content."""
    for child in token.lefts:
        if (
            child.dep_ == "advcl"
            and child.tag_ in ("VBD", "VBZ", "VBP")
            and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in child.children)
            and child.right_edge.i + 1 < token.i
            and token.doc[child.right_edge.i + 1].text == ","
        ):
            return child
    return None


def _passive_subject(token: Token, content: list[Range]) -> list[Range]:
    """ "Mr. Quiros was accused of fraud", "peacekeepers have been blamed for X": who the stance
    is about belongs to the content, before the cue (annotators mark both pieces)."""
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if (
        subject is None
        or subject.lower_ in ("it", "there")
        or subject.i > token.i
        or any(c.dep_ == "ccomp" for c in token.children)  # "X was told that ...": addressee
    ):
        return []
    piece = _subtree_range(subject)
    if piece is None or any(s < piece[1] and piece[0] < e for s, e in content):
        return []
    return [piece]


# right dependents of a cue that belong to its content ("cited X as examples of Y", "called X
# a liar", "urged X to act"); the run stops at the first other dependent (time, clause, "and")
_COMPLEMENT_DEPS = frozenset(
    {"dobj", "dative", "oprd", "prep", "xcomp", "ccomp", "attr", "acomp", "nsubjpass"}
)


def _after_colon(token: Token) -> list[Range]:
    """ "Limbaugh added:" then a paragraph: the text after the colon (same or next paragraph)."""
    text = _doc_text(token.doc)
    end_of_cue = token.idx + len(token)
    rest = text[end_of_cue : end_of_cue + 40]
    stripped = rest.lstrip(" ")
    if not stripped.startswith(":"):
        return []
    start = end_of_cue + len(rest) - len(stripped) + 1
    while start < len(text) and text[start].isspace():
        start += 1
    piece = trim_range(text, start, _paragraph_end(text, start))
    return [piece] if piece else []


def _continued_content(token: Token, comp: Token, verbs: dict[str, Cue]) -> list[int]:
    """A clause the parser hung on the cue after its complement ("said X, but it will be
    difficult"): part of the content when it has its own subject and reports nothing itself."""
    if comp.i < token.i:
        return []  # "“A,” she said, and soon ...": the clause after the cue is the outlet's
    for conj in token.rights:
        if conj.i <= comp.i or conj.dep_ != "conj" or conj.lemma_.lower() in verbs:
            continue
        if not any(c.dep_ in _SUBJECT_DEPS for c in conj.children):
            continue
        cc = [t.i for t in token.rights if t.dep_ == "cc" and comp.i < t.i < conj.i]
        return [*cc, *(t.i for t in conj.subtree)]
    return []


def _other_reports(head: Token, verbs: dict[str, Cue]) -> set[int]:
    """Tokens of reporting clauses hanging off a content clause (", arguing that ...", "and
    warned ..."): separate statements, not part of this content."""
    excluded: set[int] = set()
    for token in head.subtree:
        if (
            token is not head
            and token.dep_ in ("advcl", "conj")
            and token.pos_ == "VERB"
            and token.tag_ in ("VBG", "VBD", "VBZ")
            and token.lemma_.lower() in verbs
            and token.i not in excluded
            and not _subordinated(token)
        ):
            excluded.update(t.i for t in token.subtree)
            excluded.update(t.i for t in token.lefts if t.dep_ in ("cc", "punct"))
    return excluded


def _subordinated(token: Token) -> bool:
    """A condition or circumstance of the content ("would strike if the blockade continued",
    "before officers arrived"), not a report of its own, whatever its verb."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children
    )


def _complement_run(token: Token, first: Token) -> list[Range]:
    """The content of a stance or directive verb: its object and complements, contiguous."""
    indices = [t.i for t in first.subtree]
    for child in token.rights:
        if child.i <= first.i:
            continue
        if child.dep_ in ("cc", "punct"):
            indices.append(child.i)  # kept only when a complement follows (``_pieces`` trims)
            continue
        if _continues_infinitive(first, child):
            indices.extend(t.i for t in child.subtree)
            continue
        if child.dep_ not in _COMPLEMENT_DEPS or (child.dep_ == "prep" and _is_time(child)):
            break
        indices.extend(t.i for t in child.subtree)
    # "called on Congress to act": the object of the cue's preposition belongs to the content
    # ("urged Congress to act" does not: annotators leave the addressee out)
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.i == token.i + 1 and prep.lower_ in ("on", "for"):
            indices.extend(t.i for c in prep.children if c.dep_ == "pobj" for t in c.subtree)
    return _pieces(token.doc, indices, first)


def _continues_infinitive(first: Token, child: Token) -> bool:
    """ "wants to triple X, grow Y and create Z": the parser hangs "grow" and "create" on the
    cue, but bare verbs without a subject continue the infinitive that is the content."""
    return (
        child.dep_ == "conj"
        and first.dep_ == "xcomp"
        and first.tag_ == "VB"
        and child.tag_ == "VB"
        and not any(c.dep_ in _SUBJECT_DEPS for c in child.children)
    )


def _is_time(prep: Token) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def _is_parenthetical(token: Token) -> bool:
    """A reporting clause set off by commas after its host: "X, he said" / "X, said Y"."""
    return (
        any(t.dep_ in _SUBJECT_DEPS for t in token.children)
        and token.i > 0
        and (
            token.nbor(-1).is_punct
            or any(t.is_punct for t in token.doc[token.left_edge.i - 1 : token.left_edge.i])
        )
    )


def _attach_quotes(token: Token, draft: Draft, quotes: list[Quote], verbs: dict[str, Cue]) -> None:
    """Make the quotes around a cue its content: split quotes, a quote after "said:", widen
    a content that starts or ends inside a quote to the whole quote."""
    text = _doc_text(token.doc)
    cue_start, cue_end = draft.cue or (token.idx, token.idx + len(token))
    if _quote_containing(quotes, cue_start, cue_end) is not None:
        draft.content = _widen_to_quotes(text, draft.content, quotes, (cue_start, cue_end))
        return
    sent = token.sent
    # the frame check below keeps these to quotes right next to the reporting clause; a quote
    # may stand in its own "sentence" for the parser ("“Who pays?” the mayor asked.")
    paragraph = (_paragraph_start(text, cue_start), _paragraph_end(text, cue_end))
    before = [q for q in quotes if q.end <= cue_start and q.start >= paragraph[0]]
    after = [
        q for q in quotes if q.start >= cue_end and q.start < max(sent.end_char + 3, paragraph[1])
    ]
    near_before = (
        before[-1] if before and _only_frame_between(text, before[-1].end, cue_start) else None
    )
    near_after = after[0] if after and _only_frame_between(text, cue_end, after[0].start) else None
    # “A,” said X, a long description. “B.”: the quote after the frame continues the speech
    continuing = (
        after[0] if after and _only_frame_between(text, cue_end, after[0].start, 240) else None
    )
    if (
        near_before is not None
        and continuing is not None
        and _is_split(token, near_before, continuing, verbs)
    ):
        draft.content = [r for r in (_inner(text, near_before), _inner(text, continuing)) if r]
        return
    if not draft.content:
        nearest = near_before or near_after
        inner = _inner(text, nearest) if nearest is not None else None
        draft.content = [inner] if inner else []
        return
    draft.content = _widen_to_quotes(text, draft.content, quotes, (cue_start, cue_end))


def _inner(text: str, quote: Quote) -> Range | None:
    """The quoted words without the marks and the comma or dash before a closing mark."""
    return trim_range(text, quote.inner_start, quote.inner_end)


def _is_split(token: Token, first: Quote, second: Quote, verbs: dict[str, Cue]) -> bool:
    """Two quotes around one reporting clause ("“A,” she said, “B.”"), unless another cue
    between them introduces the second ("..., adding: “B”")."""
    if second.start - first.end > 260 or not _quote_runs_on(_doc_text(token.doc), first):
        return False
    doc = token.doc
    between = doc.char_span(first.end, second.start, alignment_mode="contract")
    if between is None:
        return True
    return not any(
        t.i != token.i and t.lemma_.lower() in verbs and t.pos_ == "VERB" for t in between
    )


def _quote_runs_on(text: str, quote: Quote) -> bool:
    """Whether a quote stops mid-sentence ("“A,” she said, “B.”"): its last words end in a
    comma or dash, inside or right after the closing mark. A quote ending in a full stop is a
    sentence of its own, and a later quote is not its continuation."""
    inside = text[quote.inner_start : quote.inner_end].rstrip()
    after = text[quote.end : quote.end + 2].lstrip(" ")
    return inside.endswith((",", "—", "–", "-", "…", ":")) or after.startswith((",", "—", "–"))


def _only_frame_between(text: str, start: int, end: int, limit: int = 60) -> bool:
    """Only a short reporting frame (speaker, punctuation) separates a quote from its cue."""
    between = text[start:end]
    return "\n" not in between.strip(" ") and len(between) <= limit and '"' not in between


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[min(a, b) : max(a, b)]


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _paragraph_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _only_marks(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip(_EDGE + ".\"”’»'")


def _widen_to_quotes(
    text: str, content: list[Range], quotes: list[Quote], skip_containing: Range
) -> list[Range]:
    """A content piece that starts or ends inside a quote grows to the quote's edge (within its
    paragraph); a piece that is just one quote (with its marks) becomes the quoted words."""
    widened: list[Range] = []
    for start, end in content:
        low, high = _paragraph_start(text, start), _paragraph_end(text, max(start, end - 1))
        for quote in quotes:
            if quote.inner_start <= skip_containing[0] < quote.inner_end:
                continue
            covers_quote = quote.start <= start <= quote.inner_start and end >= quote.inner_end - 1
            if covers_quote and _only_marks(text, quote.end, end):
                start, end = quote.inner_start, quote.inner_end  # the piece is exactly the quote
                continue
            if quote.inner_start < start < quote.inner_end and end > quote.inner_start:
                start = quote.inner_start
            if quote.start < end < quote.end and start < quote.start:
                end = quote.end  # a partial quote inside reported speech: keep its marks
            elif quote.inner_start < end < quote.inner_end:
                end = quote.inner_end
        piece = trim_range(text, max(start, low), min(end, high))
        if piece is not None:
            widened.append(piece)
    return widened


def _set_verb_source(token: Token, draft: Draft) -> None:
    current = token
    for _ in range(4):
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                draft.source, draft.source_token = _subtree_range(pobj), pobj
                return
        subject = next((c for c in current.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            if (
                subject.dep_ == "nsubjpass"
                or subject.lower_ in ("there",)
                or (subject.lower_ == "it" and any(c.dep_ == "auxpass" for c in current.children))
            ):
                return  # "it was reported that ...", "X is expected to ...": no source
            if _same_paragraph(_doc_text(token.doc), subject.idx, token.idx):
                draft.source, draft.source_token = _subject_range(current, subject)
            return
        if current.dep_ == "relcl" or current.dep_ == "acl":
            # "the official, speaking to reporters, ..." / "a statement saying": the head noun
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                draft.source, draft.source_token = _noun_phrase_range(current.head), current.head
            return
        if current.dep_ not in _INHERIT_DEPS or current.head is current:
            return
        if _joins_the_content(current):
            # "UNRWA said the operation had displaced families and called for access": the
            # parser joined the second report to the content; UNRWA still speaks
            current = current.head.head
            continue
        current = current.head


def _joins_the_content(token: Token) -> bool:
    """A subjectless verb coordinated with the complement clause of a reporting verb."""
    head = token.head
    return (
        token.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.pos_ == "VERB"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
    )


def _without_dateline(text: str, source: Range | None) -> Range | None:
    """A span without the dateline that opens its paragraph ("BAMAKO - Mali's army"), for
    parses made without ``newsgraph_datelines``."""
    if source is None:
        return None
    end = dateline_end(text, source[0], source[1])
    return source if end is None else (end, source[1])


def _subject_range(verb: Token, subject: Token) -> tuple[Range | None, Token]:
    """The subject's words, with a name the parser split off as a second subject right after
    it ("the Russian private military group Wagner"): the name then speaks."""
    following = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "npadvmod")
            and c.i == subject.right_edge.i + 1
            and c.pos_ == "PROPN"
            and c.ent_type_ not in ("DATE", "TIME")
        ),
        None,
    )
    if following is None:
        return _subtree_range(subject), subject
    first, last = _subtree_range(subject), _subtree_range(following)
    if first is None or last is None:
        return _subtree_range(subject), subject
    return (first[0], last[1]), following


def _noun_phrase_range(token: Token) -> Range | None:
    """A noun phrase without its clausal modifiers (the mention, not the whole subtree)."""
    cut = {
        t.i
        for c in token.children
        if c.dep_ in ("acl", "relcl", "appos", "punct") and c.i > token.i
        for t in c.subtree
    }
    return _subtree_range(token, cut)


def _extend_cue_with_medium(
    token: Token, cue: Range | None, knowledge: QuoteKnowledge
) -> Range | None:
    """ "said in a statement" is one cue, as annotators mark it."""
    if cue is None:
        return cue
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in _MEDIUM_PREPS and child.i == token.i + 1:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in knowledge.nouns:
                return cue[0], pobj.idx + len(pobj)
    return cue


def _addressee(token: Token) -> Range | None:
    """ "told reporters", "sent ... to Hezbollah", "a message addressing X", "addressed to X"."""
    for child in token.children:
        if child.dep_ == "dative":
            return _noun_phrase_range(child)
        # "appealed to X", "called on X to ..."
        if child.dep_ == "prep" and (
            child.lower_ == "to" or (child.lower_ in ("on", "upon") and child.i == token.i + 1)
        ):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _noun_phrase_range(pobj)
    if token.lemma_.lower() in (
        "tell",
        "inform",
        "assure",
        "warn",
        "urge",
        "remind",
        "address",
        "brief",
        "notify",
        "ask",
        "reassure",
        "caution",
        "order",
    ):
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return _noun_phrase_range(obj)
    for child in token.children:
        if child.lemma_.lower() == "address" and child.dep_ in ("advcl", "xcomp", "acl", "conj"):
            return _addressee(child)
    return None


def _according_draft(token: Token, knowledge: QuoteKnowledge) -> Draft | None:
    to = next(c for c in token.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    entry = knowledge.phrases.get("according to")
    draft = Draft((token.idx, to.idx + len(to)), "according to", entry, token, origin="according")
    if pobj is not None:
        # the whole phrase: "according to a Washington Post database tracking such deaths"
        draft.source, draft.source_token = _subtree_range(pobj), pobj
    host = token.head
    while host.dep_ not in ("ROOT",) and host.pos_ not in ("VERB", "AUX") and host.head is not host:
        host = host.head
    # "X opened fire, killing five, according to Y": Y vouches for the whole clause
    while host.dep_ == "advcl" and host.tag_ in ("VBG", "VBN") and host.head is not host:
        host = host.head
    own = {t.i for t in token.subtree}
    sent = token.sent
    indices = [t.i for t in host.subtree if t.i not in own and sent.start <= t.i < sent.end]
    draft.content = _pieces(token.doc, indices, host)[:2]
    return draft


def _noun_draft(token: Token, entry: Cue, quotes: list[Quote]) -> Draft | None:
    """ "the claim that ...", "X's remarks that ...", "a statement saying ..." (content needed)."""
    head = token.head
    if head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return None  # "said in a statement": part of the verb's cue
    comps = [
        c
        for c in token.children
        if c.dep_ in ("acl", "ccomp")
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    draft = Draft((token.idx, token.idx + len(token)), entry.lemma, entry, token, origin="noun")
    _set_noun_source(token, draft)
    if comps:
        draft.content = _pieces(token.doc, [t.i for t in comps[0].subtree], comps[0])
    return draft if draft.content else None


def _noun_addressee(token: Token) -> Range | None:
    """ "a message to Hezbollah", "a letter addressed to the council"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _noun_phrase_range(pobj)
        if child.dep_ == "acl" and child.lemma_.lower() == "address":
            return _addressee(child)
    return None


def _set_noun_source(token: Token, draft: Draft) -> None:
    draft.addressee = _noun_addressee(token)
    poss = next((c for c in token.children if c.dep_ == "poss"), None)
    if poss is not None:
        case = {c.i for c in poss.children if c.dep_ == "case"}  # "Hezbollah's" -> "Hezbollah"
        draft.source, draft.source_token = _subtree_range(poss, case), poss
        return
    by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if pobj is not None:
        draft.source, draft.source_token = _noun_phrase_range(pobj), pobj
        return
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        verb = token.head
        _set_verb_source(verb, draft)
        draft.addressee = draft.addressee or _addressee(verb)


# --------------------------------------------------------------------------- layout

# "X: Y" means X says Y; the layout cue introduces speech as "said" does
_LAYOUT_CUE = Cue("say", "phrase", "claim", "clause")


def _layout_drafts(doc: Doc, text: str, knowledge: QuoteKnowledge) -> list[Draft]:
    """Headline, transcript and signature attributions (``quote_layout``)."""
    drafts = []
    for found in layout_attributions(doc, text, knowledge):
        source = doc.char_span(*found.source, alignment_mode="expand")
        draft = Draft(found.cue, _LAYOUT_CUE.lemma, _LAYOUT_CUE, None, origin="layout")
        draft.source, draft.content = found.source, [found.content]
        draft.source_token = source.root if source is not None else None
        drafts.append(draft)
    return drafts


# --------------------------------------------------------------------------- orphan quotes


def _orphan_quote_drafts(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], drafts: list[Draft]
) -> list[Draft]:
    """Quotes no cue claimed take the cue of the sentence just before them: a draft announcing
    it ("sent the following message", "... said:") or a cue word with no content yet."""
    text = _doc_text(doc)
    claimed = [r for d in drafts for r in d.content]
    used_cues = {d.token.i for d in drafts if d.token is not None and d.content}
    out: list[Draft] = []
    for quote in quotes:
        if len(text[quote.inner_start : quote.inner_end].split()) < 4:
            continue
        if any(s < quote.inner_end and quote.inner_start < e for s, e in claimed):
            continue
        inner = _inner(text, quote)
        if inner is None:
            continue
        continued = _continued_speech(text, quotes, drafts, quote)
        if continued is not None:
            continued.content.append(inner)
            claimed.append(inner)
            continue
        previous = _previous_sentence(doc, quote)
        if previous is None:
            continue
        announcing = _announcing_draft(text, drafts, previous)
        if announcing is not None:
            announcing.content = [inner]
            announcing.origin = "announced"
            continue
        draft = _draft_from_sentence(knowledge, previous, used_cues)
        if draft is not None:
            draft.content = [inner]
            used_cues.add(draft.token.i)
            out.append(draft)
    return out


def _continued_speech(
    text: str, quotes: list[Quote], drafts: list[Draft], quote: Quote
) -> Draft | None:
    """A paragraph that is only a quote, right after a paragraph ending in a quoted statement
    ("“A,” he said." / "“B.”"): the same speaker goes on, as news copy runs long quotes."""
    start = _paragraph_start(text, quote.start)
    if (
        start == 0
        or text[start : quote.start].strip()
        or text[quote.end : _paragraph_end(text, quote.end)].strip(" .")
    ):
        return None
    previous_start = _paragraph_start(text, max(0, start - 2))
    while previous_start > 0 and not text[previous_start:start].strip():
        previous_start = _paragraph_start(text, previous_start - 1)
    best: Draft | None = None
    for draft in drafts:
        if draft.cue is None or not (previous_start <= draft.cue[0] < start) or not draft.content:
            continue
        last = draft.content[-1]
        inside = _quote_containing(quotes, last[0], last[1])
        if inside is None or text[max(inside.end, draft.cue[1]) : start].strip(" \n.,"):
            continue  # the previous paragraph must end with this statement's frame
        if best is None or draft.cue[0] > best.cue[0]:
            best = draft
    return best


def _previous_sentence(doc: Doc, quote: Quote) -> SpacySpan | None:
    """The sentence before a quote that opens its own sentence, else None."""
    first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if first is None:
        return None
    sent = first[0].sent
    if sent.start == 0 or _doc_text(doc)[sent.start_char : quote.start].strip():
        return None
    return doc[sent.start - 1].sent


def _announcing_draft(text: str, drafts: list[Draft], sentence: SpacySpan) -> Draft | None:
    """A draft of ``sentence`` whose content only announces what follows."""
    ends_with_colon = text[sentence.start_char : sentence.end_char].rstrip().endswith(":")
    for draft in drafts:
        if draft.token is None or not (sentence.start <= draft.token.i < sentence.end):
            continue
        content = " ".join(text[s:e] for s, e in draft.content).lower()
        if ends_with_colon or "following" in content.split() or not draft.content:
            return draft
    return None


def _draft_from_sentence(
    knowledge: QuoteKnowledge, sentence: SpacySpan, used: set[int]
) -> Draft | None:
    """A new draft on the last unused cue word of ``sentence`` (content filled by the caller)."""
    for token in reversed(list(sentence)):
        if token.i in used:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in ("NOUN", "PROPN") and lemma in knowledge.nouns:
            draft = Draft(
                (token.idx, token.idx + len(token)),
                lemma,
                knowledge.nouns[lemma],
                token,
                origin="orphan",
            )
            _set_noun_source(token, draft)
            return draft
        if (
            token.pos_ in ("VERB", "AUX")
            and lemma in knowledge.verbs
            and not _modifies_speech_noun(token, knowledge)
        ):
            entry = knowledge.verbs[lemma]
            draft = Draft(_cue_range(token, entry), lemma, entry, token, origin="orphan")
            _set_verb_source(token, draft)
            draft.addressee = _addressee(token)
            return draft
    return None


_FIRST_PERSON = frozenset({"i", "you", "we"})


def _is_first_person_musing(text: str, draft: Draft) -> bool:
    """ "I think", "you know", "we want" inside speech: hedges of the quoted speaker, not
    reports (annotators do not mark them)."""
    if draft.source is None or draft.entry is None or draft.entry.frame == "clause":
        return False
    return text[draft.source[0] : draft.source[1]].lower() in _FIRST_PERSON


def _is_formula(text: str, draft: Draft, knowledge: QuoteKnowledge) -> bool:
    """A reporting formula ("who asked not to be named") rather than a statement."""
    content = " ".join(text[s:e] for s, e in draft.content).lower().strip(" .,")
    return any(p.search(content) for p in knowledge.formulas)


def _drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Resolve reports inside another statement's content, as PolNeAR annotates them (a token
    belongs to one attribution): "X said Y plans Z" keeps X's statement; but a speech verb
    inside the object of a stance verb ("concluded the video with the threat of N, who said
    ...") wins over the stance verb."""
    dropped: set[int] = set()
    for i, inner in enumerate(drafts):
        if inner.cue is None:
            continue
        start, end = inner.cue
        for j, outer in enumerate(drafts):
            if j == i or j in dropped or not any(s <= start and end <= e for s, e in outer.content):
                continue
            if _is_speech(inner) and not _is_speech(outer):
                dropped.add(j)
            else:
                dropped.add(i)
                break
    return [d for k, d in enumerate(drafts) if k not in dropped]


def _is_speech(draft: Draft) -> bool:
    return draft.entry is not None and draft.entry.frame == "clause"


# --------------------------------------------------------------------------- learned cues


# a quote is evidence of speech the token model does not see: a draft quoting something is
# dropped only when its cue is far less likely than the drop threshold (chosen on a train holdout)
_QUOTE_DROP_FACTOR = 0.25

# relations from a cue word to what is said, for cues the model found ("critical of Trump",
# "made the case for X", "is determined to win")
_MODEL_CONTENT_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "pobj", "attr", "acomp", "oprd", "dative", "prep", "acl", "csubj"}
)


def _apply_model(
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
    for draft in kept:
        _refine_cue(draft, probs, model.span_threshold)
        _extend_cue_with_auxiliaries(doc, draft)
    # a learned run that became part of a rule cue ("wrote" grew into "wrote on") is that cue
    rule_cues = [d.cue for d in kept if d.origin != "model" and d.cue is not None]
    return [
        d
        for d in kept
        if d.origin != "model"
        or d.cue is None
        or not any(d.cue[0] < e and s < d.cue[1] for s, e in rule_cues)
    ]


def _extend_cue_with_auxiliaries(doc: Doc, draft: Draft) -> None:
    """The auxiliaries and negation just before a cue whose verb they serve ("has | been
    critical of", "did not | say"): PolNeAR's cues include them."""
    if draft.cue is None:
        return
    span = doc.char_span(draft.cue[0], draft.cue[1], alignment_mode="expand")
    if span is None:
        return
    members = {t.i for t in span} | {t.head.i for t in span}
    first = span.start
    while (
        first > 0
        and doc[first - 1].dep_ in ("aux", "auxpass", "neg")
        and doc[first - 1].head.i in members
    ):
        first -= 1
    if first < span.start and not any(
        s < draft.cue[0] and doc[first].idx < e for s, e in draft.content
    ):
        draft.cue = (doc[first].idx, draft.cue[1])


def _refine_cue(draft: Draft, probs: np.ndarray, threshold: float) -> None:
    """Grow the cue to the run of likely cue tokens around its head word ("has been very vocal
    in rejecting", "posted their thoughts on"), as PolNeAR draws cue boundaries; the cue never
    grows into the content or across the sentence."""
    token = draft.token
    if token is None or draft.cue is None or threshold >= 1.0 or probs[token.i] < threshold:
        return
    sent, doc = token.sent, token.doc
    first = last = token.i
    while first - 1 >= sent.start and _likely_word(doc, probs, first - 1, threshold):
        first -= 1
    while last + 1 < sent.end and _likely_word(doc, probs, last + 1, threshold):
        last += 1
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if draft.cue[0] <= start and end <= draft.cue[1]:
        return
    start, end = min(start, draft.cue[0]), max(end, draft.cue[1])
    if any(s < end and start < e for s, e in draft.content):
        return
    draft.cue = (start, end)


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
        draft.cue = _cue_range(root, entry)
    own = set()
    for i in run:
        own |= _other_reports(doc[i], knowledge.verbs)
    indices = [
        t.i
        for i in run
        for child in doc[i].children
        if child.i not in members and child.dep_ in _MODEL_CONTENT_DEPS and child.i > run[0]
        for t in child.subtree
        if t.i not in own and t.i not in members
    ]
    if indices:
        draft.content = _pieces(doc, indices, root)
        if root.pos_ in ("VERB", "AUX"):
            draft.content = [*_passive_subject(root, draft.content), *draft.content]
    _attach_quotes(root, draft, quotes, knowledge.verbs)
    if not draft.content:
        draft.content = _after_colon(doc[run[-1]])
    elif draft.cue is not None:
        # a learned cue speaks within its paragraph (a headline's parse runs into the byline)
        text = _doc_text(doc)
        draft.content = [p for p in draft.content if _same_paragraph(text, p[0], draft.cue[0])]
    if kind == "noun":
        _set_noun_source(root, draft)
    else:
        _set_model_source(root, draft)
    return draft


def _set_model_source(root: Token, draft: Draft) -> None:
    """The subject of the cue word or of the verb it hangs from ("Graham has been critical")."""
    current = root
    for _ in range(3):
        if any(c.dep_ in (*_SUBJECT_DEPS, "agent") for c in current.children):
            _set_verb_source(current, draft)
            return
        if current.head.i == current.i:
            return
        current = current.head


# --------------------------------------------------------------------------- statements


def _to_statements(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], drafts: list[Draft]
) -> list[Statement]:
    text = _doc_text(doc)
    speakers = SpeakerResolver(doc, knowledge, text)
    times = extensions.get_list(doc, "ng_times")
    statements: list[Statement] = []
    seen: set[tuple[Range | None, tuple[Range, ...]]] = set()
    for draft in drafts:
        key = (draft.cue, tuple(draft.content))
        if key in seen:
            continue
        seen.add(key)
        draft.source = _without_dateline(text, draft.source)
        if draft.content:
            draft.content[0] = _without_dateline(text, draft.content[0]) or draft.content[0]
        actor = speakers.resolve(draft.source, draft.source_token, draft.content)
        speakers.spoke(actor, max(e for _, e in [*draft.content, draft.cue or (0, 0)]))
        content = [Span.of(text, s, e) for s, e in draft.content]
        statement = Statement(
            id=f"s{len(statements) + 1}",
            speaker=ActorRef(actor, Span.of(text, *draft.source) if draft.source else None),
            cue=Span.of(text, *draft.cue) if draft.cue else None,
            cue_lemma=draft.lemma,
            content=content,
            kind=_kind(text, quotes, draft.content),
            act="claim",
            addressee=speakers.addressee(draft.addressee),
            time=_time_of(draft, times),
        )
        statement.act = classify_act(draft, statement, doc, knowledge)
        if statement.act == "denial":
            statement.disputes = disputed_statement(statement, statements, doc, knowledge)
        statements.append(statement)
    assign_places(doc, text, statements)
    return statements


def _kind(text: str, quotes: list[Quote], content: list[Range]) -> str:
    inside = 0
    touching = 0
    for start, end in content:
        trimmed = _trim_quote_marks(text, start, end)
        if _quote_containing(quotes, *trimmed) is not None:
            inside += 1
        elif any(q.start < end and start < q.end for q in quotes):
            touching += 1
    if inside == len(content):
        return "direct"
    return "mixed" if inside or touching else "indirect"


def _trim_quote_marks(text: str, start: int, end: int) -> Range:
    marks = "\"“”„«»‘’'‚ .,;:!?"
    while start < end and text[start] in marks:
        start += 1
    while end > start and text[end - 1] in marks:
        end -= 1
    return start, end


def _time_of(draft: Draft, times: list) -> str | None:
    """The time expression of the cue's sentence, outside the content, nearest the cue."""
    if draft.token is None or not times:
        return None
    sent = draft.token.sent
    cue_at = draft.token.idx
    best: tuple[int, str] | None = None
    for time in times:
        span = time.span
        if not (sent.start_char <= span.start and span.end <= sent.end_char):
            continue
        if any(s <= span.start and span.end <= e for s, e in draft.content):
            continue
        distance = abs(span.start - cue_at)
        if best is None or distance < best[0]:
            best = (distance, time.id)
    return best[1] if best else None
