"""The reporting frame around a cue: the cue's boundaries as PolNeAR marks them, who speaks
(subject, agent, inherited subject, possessor of "X's remarks") and to whom."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import extensions
from ...extensions import doc_text
from ..coref.lexicon import load_knowledge as coref_knowledge
from ..times.calendar_words import WEEKDAY_NAMES
from ..tokens import has_head
from .closing_report import misplaced_final_report
from .content import (
    CUE_PREPS,
    SUBJECT_DEPS,
    TO_CONTENT,
    is_raising,
    names_someone,
    object_controller,
)
from .draft import Draft, Range
from .lexicon import SPEAKING_ENTITIES, Cue, QuoteKnowledge
from .spans import noun_phrase_range, same_paragraph, subtree_range

# dependents through which a verb without a subject inherits its head's subject
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "relcl")


# prepositions joining a speech noun to its verb into one cue ("said in a statement")
_MEDIUM_PREPS = ("in", "through", "via", "on")


_CUE_LEFT_DEPS = ("aux", "auxpass", "neg", "advmod")


_WEEKDAYS = frozenset({*WEEKDAY_NAMES, "today", "yesterday", "tonight"})


def cue_range(token: Token, entry: Cue | None = None) -> Range:
    """The cue as PolNeAR marks it: the verb with the auxiliaries, negation and adverbs just
    before it ("has also said"), a particle or governing preposition ("pointed out", "called
    for") and a weekday right after it ("said Monday"). A clause's "when" is not the cue's
    ("when | asked about it": PolNeAR's fit and train gold, 46 to 0)."""
    first = token
    for child in reversed(list(token.lefts)):
        if (
            child.dep_ in _CUE_LEFT_DEPS
            and child.i == first.i - 1
            and not child.is_punct
            and child.tag_ != "WRB"
        ):
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
                and child.lower_ in CUE_PREPS
                and (entry is None or entry.frame == "object")
                and (child.lower_ != "to" or token.lemma_.lower() in TO_CONTENT)
                and not any(c.dep_ in ("dobj", "ccomp") for c in token.children)
            )
            or (child.dep_ == "npadvmod" and child.lower_ in _WEEKDAYS)
        ):
            last = child
        else:
            break
    return first.idx, last.idx + len(last)


def set_verb_source(token: Token, draft: Draft) -> None:
    if is_raising(draft.entry):
        return  # "the plan seems to work": the subject is in the content, nobody speaks
    final = misplaced_final_report(token)
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    if final is not None and (not subjects or any(c.i < final[0] for c in subjects)):
        # "..., the military's media wing said": the apposition the parser made is the speaker
        # (a subject the parser hung on the verb before the comma is in the sentence reported:
        # "... when a device detonated ..., the military announced")
        subject = token.doc[final[0] + 1 : token.i]
        draft.source, draft.source_token = (
            (subject[0].idx, subject[-1].idx + len(subject[-1])),
            final[1],
        )
        return
    current = token
    for _ in range(4):
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                draft.source, draft.source_token = subtree_range(pobj), pobj
                return
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if (
                subject.dep_ == "nsubjpass"
                or subject.lower_ in ("there",)
                or (subject.lower_ == "it" and any(c.dep_ == "auxpass" for c in current.children))
            ):
                return  # "it was reported that ...", "X is expected to ...": no source
            if same_paragraph(doc_text(token.doc), subject.idx, token.idx):
                draft.source, draft.source_token = _subject_range(current, subject)
            else:
                _set_subject_in_paragraph(token, subject, draft)
            return
        if current.dep_ == "relcl" or current.dep_ == "acl":
            # "the official, speaking to reporters, ..." / "a statement saying": the head noun
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                draft.source, draft.source_token = noun_phrase_range(current.head), current.head
            return
        if current.dep_ == "acomp" and current.pos_ == "ADJ" and current.i != token.i:
            current = current.head  # "He was able to tout": the copula's subject speaks
            continue
        if current.dep_ not in _INHERIT_DEPS or not has_head(current):
            return
        if _joins_the_content(current):
            # "UNRWA said the operation had displaced families and called for access": the
            # parser joined the second report to the content; UNRWA still speaks
            current = current.head.head
            continue
        current = current.head


def _set_subject_in_paragraph(cue: Token, subject: Token, draft: Draft) -> None:
    """A parse run across a paragraph break ("The Latest on the race: | 7 p.m. | Donald Trump
    is questioning ..."): the subject's name in the cue's own paragraph speaks."""
    text = doc_text(cue.doc)
    name = next(
        (
            t
            for t in subject.subtree
            if t.dep_ in ("appos", "conj")
            and t.pos_ == "PROPN"
            and t.i < cue.i
            and same_paragraph(text, t.idx, cue.idx)
        ),
        None,
    )
    if name is not None:
        draft.source, draft.source_token = noun_phrase_range(name), name


def _joins_the_content(token: Token) -> bool:
    """A subjectless verb coordinated with the complement clause of a reporting verb: the
    reporting verb's subject speaks. With "that" always ("UNRWA said that ... and called for
    access"; PolNeAR fit, train and the fit half of dev: where annotators mark such a cue, the
    outer subject is its source 16 times, another 2); without "that" when the complement's
    subject is a pronoun or a thing ("Guo said the Taiwan question was an internal affair and
    urged the US to stop": 20 outer, 3 inner, 1 other), not when it names a party ("Al-Mahmoud
    said the government rejects and condemns the decision": 6 outer, 2 inner, 3 other)."""
    head = token.head
    if not (
        token.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.pos_ == "VERB"
        # a parse run across a paragraph break ("... said on X.\n\nNaqvi praised ...") joins
        # nothing
        and same_paragraph(doc_text(token.doc), head.head.idx, token.idx)
    ):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children):
        return True
    inner = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    return inner is None or not _names_a_party(inner)


def _names_a_party(subject: Token) -> bool:
    """The subject's head is a named party or an actor's mention ("the Palestinian government",
    "Clinton"), not a pronoun or a thing ("the Taiwan question", "a drone attack")."""
    if subject.pos_ == "PRON":
        return False
    if subject.ent_type_ in SPEAKING_ENTITIES:
        return True
    if subject.lemma_.lower() in coref_knowledge().description_class:
        return True  # "the government", "the minister" (coref's description heads)
    end = subject.idx + len(subject)
    mention = extensions.actor_mention_at(subject.doc, subject.idx, end)
    return mention is not None and mention.start <= subject.idx and end <= mention.end


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
        return subtree_range(subject), subject
    first, last = subtree_range(subject), subtree_range(following)
    if first is None or last is None:
        return subtree_range(subject), subject
    return (first[0], last[1]), following


def extend_cue_with_medium(
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


def addressee_range(token: Token) -> Range | None:
    """ "told reporters", "sent ... to Hezbollah", "a message addressing X", "addressed to X"."""
    for child in token.children:
        if child.dep_ == "dative":
            return noun_phrase_range(child)
        # "appealed to X", "called on X to ..."
        if child.dep_ == "prep" and (
            child.lower_ == "to" or (child.lower_ in ("on", "upon") and child.i == token.i + 1)
        ):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return noun_phrase_range(pobj)
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
            return noun_phrase_range(obj)
    for child in token.children:
        if child.lemma_.lower() == "address" and child.dep_ in ("advcl", "xcomp", "acl", "conj"):
            return addressee_range(child)
    return None


def _noun_addressee(token: Token) -> Range | None:
    """ "a message to Hezbollah", "a letter addressed to the council"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return noun_phrase_range(pobj)
        if child.dep_ == "acl" and child.lemma_.lower() == "address":
            return addressee_range(child)
    return None


def set_noun_source(token: Token, draft: Draft) -> None:
    draft.addressee = _noun_addressee(token)
    if any(c.dep_ == "nsubj" for c in token.children):
        # "Trump claims that ...", tagged a plural noun: a noun with a subject is a verb
        set_verb_source(token, draft)
        return
    poss = next((c for c in token.children if c.dep_ == "poss"), None)
    if poss is not None:
        case = {c.i for c in poss.children if c.dep_ == "case"}  # "Hezbollah's" -> "Hezbollah"
        draft.source, draft.source_token = subtree_range(poss, case), poss
        return
    by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    pobj = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if pobj is not None:
        draft.source, draft.source_token = noun_phrase_range(pobj), pobj
        return
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        verb = token.head
        set_verb_source(verb, draft)
        draft.addressee = draft.addressee or addressee_range(verb)


def without_other_cues(drafts: list[Draft]) -> None:
    """Cut from each source the modifier that holds another draft's cue ("Mr. Kamin, who
    emphasized that ..., said", "Ryan, despite admitting ..., said"): a word belongs to one
    attribution, so annotators end the source before it; a modifier with no report in it
    ("Don Fowler, who helmed the DNC, said") stays."""
    cue_tokens = {d.token.i for d in drafts if d.token is not None and d.cue is not None}
    for draft in drafts:
        head = draft.source_token
        if head is None or draft.source is None or draft.token is None:
            continue
        cut = {
            t.i
            for child in head.rights
            if child.dep_ in ("relcl", "acl", "prep", "appos")
            and any(t.i in cue_tokens and t.i != draft.token.i for t in child.subtree)
            for t in child.subtree
        }
        if not cut:
            continue
        kept = subtree_range(head, cut | _commas_before(head, cut))
        if kept is not None and draft.source[0] <= kept[0] and kept[1] <= draft.source[1]:
            draft.source = (draft.source[0], kept[1])


def _commas_before(head: Token, cut: set[int]) -> set[int]:
    return {t.i for t in head.rights if t.is_punct and (t.i + 1 in cut or t.i - 1 in cut)}


def take_content_prepositions(doc: Doc, drafts: list[Draft], prepositions: frozenset[str]) -> None:
    """A preposition of ``prepositions`` that opens the content right after the cue and hangs
    on the cue's head is the cue's ("supporters of | the bill", "has been vocal on | the
    issue"): PolNeAR's annotators put it in the cue 41 times and leave it in the
    content 6 (the first 400 train articles and the fit part; "in", "at", "to" go both ways and
    are left out; "about" and "against" follow gold's convention, ``quote_rules.yaml``). Runs on
    the final drafts, whatever pass drew the cue."""
    text = doc_text(doc)
    for draft in drafts:
        if draft.cue is None or not draft.content:
            continue
        preposition = _opening_preposition(doc, text, draft, prepositions)
        if preposition is None:
            continue
        end = draft.content[0][1]
        rest = preposition.i + 1
        while rest < len(doc) and doc[rest].is_space:
            rest += 1
        if rest >= len(doc) or doc[rest].idx >= end:
            continue
        draft.cue = (draft.cue[0], preposition.idx + len(preposition))
        draft.content[0] = (doc[rest].idx, end)


def _opening_preposition(
    doc: Doc, text: str, draft: Draft, prepositions: frozenset[str]
) -> Token | None:
    """The content's first word, when it is a preposition with an object, of ``prepositions``,
    on the cue's head, with only spaces between it and the cue."""
    cue_start, cue_end = draft.cue
    content_start = draft.content[0][0]
    if content_start < cue_end or text[cue_end:content_start].strip():
        return None
    cue = doc.char_span(cue_start, cue_end, alignment_mode="expand")
    first = doc.char_span(content_start, content_start + 1, alignment_mode="expand")
    if cue is None or first is None or first[0].idx != content_start:
        return None
    preposition = first[0]
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if (
        preposition.lower_ not in prepositions
        or preposition.dep_ != "prep"
        or preposition.head != cue.root
        or not objects
        # "said on | Monday": a date, never the cue's preposition (3 of 3 on train)
        or any(o.ent_type_ in ("DATE", "TIME") or o.lower_ in _WEEKDAYS for o in objects)
    ):
        return None
    return preposition


def take_controller_sources(drafts: list[Draft]) -> None:
    """An infinitive cue whose governing verb has a direct object between them that names
    someone is that object's ("prompted NATO to order": NATO orders; PolNeAR's fit part: 3 of
    3). Set on the final drafts: the draft judge learned the governing verb's subject as
    these drafts' source."""
    for draft in drafts:
        token = draft.token
        if token is None or draft.origin != "verb" or is_raising(draft.entry):
            continue
        controller = object_controller(token)
        if controller is not None and names_someone(controller):
            draft.source, draft.source_token = subtree_range(controller), controller
