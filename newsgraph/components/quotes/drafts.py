"""Candidate drafts by kind: cue words (verbs, nouns, "according to"), layout attributions,
quotes nobody claimed (orphans), then the learned tagger's pass; and the filters that drop
musings, formulas and reports nested in another statement."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...extensions import doc_text, sentence_of
from ..hashes import isin_hashes
from ..tokens import has_head
from .content import (
    attach_quotes,
    names_someone,
    object_controller,
    passive_subject,
    verb_content,
)
from .draft import Draft
from .frames import (
    addressee_range,
    cue_range,
    extend_cue_with_medium,
    set_noun_source,
    set_verb_source,
)
from .layout import layout_attributions
from .learned import apply_model
from .lexicon import Cue, QuoteKnowledge
from .scan import Quote
from .spans import (
    content_pieces,
    is_title,
    paragraph_end,
    paragraph_start,
    quote_containing,
    quote_inner,
    subtree_range,
)
from .tagger import CueModel, token_features

_ACCORDING = hash_string("according")


def candidate_drafts(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], model: CueModel | None
) -> tuple[list[Draft], np.ndarray]:
    """Every draft the rules and the token model propose (before the draft judge), with the
    token model's cue probabilities (zeros without a model)."""
    text = doc_text(doc)
    drafts = _cue_drafts(doc, knowledge, quotes)
    drafts.extend(_layout_drafts(doc, text, knowledge))
    drafts.extend(_orphan_quote_drafts(doc, knowledge, quotes, drafts))
    drafts = [d for d in drafts if d.content and not _is_first_person_musing(text, d)]
    if model is None:
        return drafts, np.zeros(len(doc), dtype=np.float32)
    lexicon = model.feature_lexicon(knowledge.lemma_hashes)
    probs = model.probabilities(token_features(doc, quotes, lexicon))
    return apply_model(doc, knowledge, quotes, drafts, model, probs), probs


def _cue_drafts(doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote]) -> list[Draft]:
    drafts: list[Draft] = []
    # one vectorised pass picks the candidate tokens; only those are looked at in Python
    lemmas = doc.to_array(LEMMA)
    lowers = doc.to_array(LOWER)
    candidates = np.flatnonzero(
        isin_hashes(lemmas, knowledge.lemma_hashes)
        | isin_hashes(lowers, knowledge.lemma_hashes)
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
    if modifies_speech_noun(token, knowledge) or _acts_on(token, entry):
        return None
    draft = Draft(cue_range(token, entry), entry.lemma, entry, token)
    if _governed_directly(token, knowledge.verbs) and draft.cue is not None:
        # "appeared to suggest", "continues to insist": one cue from the governing verb on
        draft.cue = (cue_range(token.head)[0], draft.cue[1])
    elif _governed_by_adjective(token) and draft.cue is not None:
        # "was able to tout", "are slightly more likely to say", "was quick to point out": the
        # adjective and its adverbs (the copula joins in ``learned._extend_cue_with_auxiliaries``)
        draft.cue = (_adverbs_before(token.head).idx, draft.cue[1])
    draft.content = verb_content(token, entry, knowledge.verbs, knowledge.nouns)
    if draft.content:
        draft.content = [*passive_subject(token, draft.content, entry), *draft.content]
    # the medium first: a quote the cue's words lead into starts after "said in a statement"
    draft.cue = extend_cue_with_medium(token, draft.cue, knowledge)
    attach_quotes(token, draft, quotes, knowledge.verbs)
    set_verb_source(token, draft)
    draft.addressee = addressee_range(token)
    return draft


def _governed_directly(token: Token, verbs: dict) -> bool:
    """An infinitive cue that one cue joins with the verb governing it: "appeared to suggest",
    "continues to insist", "used his speech to call for" (the subject says it, the object is
    its means). Not across an object who is made to say it ("prompted NATO | to order", "forced
    the chief executive Tom Stumpf | to admit"): PolNeAR gives such an infinitive its own cue
    (fit part and the first 400 train articles: 10 of 11 where the object names someone and
    the governing verb is no cue word), and a cue word governing it is a report of its own
    ("asked the crowd | to welcome X": content.verb_content)."""
    if token.dep_ != "xcomp" or token.head.pos_ not in ("VERB", "AUX"):
        return False
    controller = object_controller(token)
    return controller is None or not (
        names_someone(controller) or token.head.lemma_.lower() in verbs
    )


def _governed_by_adjective(token: Token) -> bool:
    """An infinitive cue after the adjective it completes ("able to", "likely to", "quick to").
    Where PolNeAR marks such a cue it starts at the adjective 16 times of 17 (fit part and the
    first 300 train articles: "was able to consistently tout", "were more likely to say")."""
    return token.dep_ == "xcomp" and token.head.pos_ == "ADJ" and token.head.i < token.i


def _adverbs_before(token: Token) -> Token:
    """``token``, or the first of the adverbs that modify it right before it ("slightly more
    likely")."""
    first = token
    while first.i > 0:
        before = token.doc[first.i - 1]
        if (
            before.dep_ in ("advmod", "neg")
            and before.pos_ in ("ADV", "PART")
            and (before.head == token or before.head == first)
        ):
            first = before
        else:
            break
    return first


def _acts_on(token: Token, entry: Cue) -> bool:
    """The verb does something to its object rather than say it ("pressed their offensive")."""
    return bool(entry.not_objects) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in entry.not_objects for c in token.children
    )


def modifies_speech_noun(token: Token, knowledge: QuoteKnowledge) -> bool:
    """ "a message addressed to X", "a statement issued by Y": the noun is the cue."""
    return token.dep_ == "acl" and token.head.lemma_.lower() in knowledge.nouns


def _according_draft(token: Token, knowledge: QuoteKnowledge) -> Draft | None:
    to = next(c for c in token.children if c.lower_ == "to")
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    entry = knowledge.phrases.get("according to")
    draft = Draft((token.idx, to.idx + len(to)), "according to", entry, token, origin="according")
    if pobj is not None:
        # the whole phrase: "according to a Washington Post database tracking such deaths"
        draft.source, draft.source_token = subtree_range(pobj), pobj
    host = token.head
    while host.dep_ not in ("ROOT",) and host.pos_ not in ("VERB", "AUX") and has_head(host):
        host = host.head
    # "X opened fire, killing five, according to Y": Y vouches for the whole clause
    while host.dep_ == "advcl" and host.tag_ in ("VBG", "VBN") and has_head(host):
        host = host.head
    # "X stood at 200,000 and has since exploded, according to Y": Y vouches for every conjunct
    while host.dep_ == "conj" and host.head.i < host.i:
        host = host.head
    own = {t.i for t in token.subtree}
    sent = sentence_of(token)
    indices = [t.i for t in host.subtree if t.i not in own and sent.start <= t.i < sent.end]
    draft.content = content_pieces(token.doc, indices, host)[:2]
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
    set_noun_source(token, draft)
    if comps:
        draft.content = content_pieces(token.doc, [t.i for t in comps[0].subtree], comps[0])
    return draft if draft.content else None


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


def _orphan_quote_drafts(
    doc: Doc, knowledge: QuoteKnowledge, quotes: list[Quote], drafts: list[Draft]
) -> list[Draft]:
    """Quotes no cue claimed take the cue of the sentence just before them: a draft announcing
    it ("sent the following message", "... said:") or a cue word with no content yet."""
    text = doc_text(doc)
    claimed = [r for d in drafts for r in d.content]
    used_cues = {d.token.i for d in drafts if d.token is not None and d.content}
    out: list[Draft] = []
    for quote in quotes:
        if len(text[quote.inner_start : quote.inner_end].split()) < 4 or is_title(text, quote):
            continue
        if any(s < quote.inner_end and quote.inner_start < e for s, e in claimed):
            continue
        inner = quote_inner(text, quote)
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
    start = paragraph_start(text, quote.start)
    if (
        start == 0
        or text[start : quote.start].strip()
        or text[quote.end : paragraph_end(text, quote.end)].strip(" .")
    ):
        return None
    previous_start = paragraph_start(text, max(0, start - 2))
    while previous_start > 0 and not text[previous_start:start].strip():
        previous_start = paragraph_start(text, previous_start - 1)
    best: Draft | None = None
    for draft in drafts:
        if draft.cue is None or not (previous_start <= draft.cue[0] < start) or not draft.content:
            continue
        last = draft.content[-1]
        inside = quote_containing(quotes, last[0], last[1])
        if inside is None or not _frame_ends_paragraph(
            text, quotes, max(inside.end, draft.cue[1]), start
        ):
            continue  # the previous paragraph must end with this statement's frame
        if best is None or draft.cue[0] > best.cue[0]:
            best = draft
    return best


def _frame_ends_paragraph(text: str, quotes: list[Quote], start: int, end: int) -> bool:
    """Only the rest of the reporting sentence follows the quoted statement in its paragraph
    ("“A,” he said." or "“A,” Viguerie tells Breitbart News in an interview."): no other
    quote, no second sentence."""
    rest = text[start:end].rstrip()
    return not _SENTENCE_BREAK.search(rest) and not any(start <= q.start < end for q in quotes)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*\s+\S")


def _previous_sentence(doc: Doc, quote: Quote) -> SpacySpan | None:
    """The sentence before a quote that opens its own sentence, else None."""
    first = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if first is None:
        return None
    sent = sentence_of(first[0])
    if sent.start == 0 or doc_text(doc)[sent.start_char : quote.start].strip():
        return None
    return sentence_of(doc[sent.start - 1])


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
            set_noun_source(token, draft)
            return draft
        if (
            token.pos_ in ("VERB", "AUX")
            and lemma in knowledge.verbs
            and not modifies_speech_noun(token, knowledge)
        ):
            entry = knowledge.verbs[lemma]
            draft = Draft(cue_range(token, entry), lemma, entry, token, origin="orphan")
            set_verb_source(token, draft)
            draft.addressee = addressee_range(token)
            return draft
    return None


_FIRST_PERSON = frozenset({"i", "you", "we"})


def _is_first_person_musing(text: str, draft: Draft) -> bool:
    """ "I think", "you know", "we want" inside speech: hedges of the quoted speaker, not
    reports (annotators do not mark them)."""
    if draft.source is None or draft.entry is None or draft.entry.frame == "clause":
        return False
    return text[draft.source[0] : draft.source[1]].lower() in _FIRST_PERSON


def is_formula(text: str, draft: Draft, knowledge: QuoteKnowledge) -> bool:
    """A reporting formula ("who asked not to be named") rather than a statement."""
    content = " ".join(text[s:e] for s, e in draft.content).lower().strip(" .,")
    return any(p.search(content) for p in knowledge.formulas)


def drop_nested(drafts: list[Draft]) -> list[Draft]:
    """Resolve reports inside another statement's content, as PolNeAR annotates them (a token
    belongs to one attribution): "X said Y plans Z" keeps X's statement. A speech verb inside
    another content is a report of its own and both stay ("X said Y told reporters that Z",
    "concluded the video with the threat of N, who said ..."): where a content holds one,
    PolNeAR marks its report more often than not (fit part +10 matched cues, +6 false; first
    300 train articles +42, +25), and its outer content stops before it."""
    dropped: set[int] = set()
    for i, inner in enumerate(drafts):
        if inner.cue is None or _is_speech(inner):
            continue
        start, end = inner.cue
        for j, outer in enumerate(drafts):
            if j == i or j in dropped:
                continue
            # a plain loop: a generator per pair of drafts cost more than the test itself
            for s, e in outer.content:
                if s <= start and end <= e:
                    break
            else:
                continue  # the cue is inside none of outer's content pieces
            dropped.add(i)
            break
    return [d for k, d in enumerate(drafts) if k not in dropped]


def _is_speech(draft: Draft) -> bool:
    return draft.entry is not None and draft.entry.frame == "clause"
