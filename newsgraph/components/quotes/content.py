"""What a cue says: the content of a speech verb (clausal complement, parenthetical host, object
of a stance verb, the text after a colon, a fronted clause) and the quotes that belong to it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...extensions import doc_text, sentence_of
from ..tokens import has_head
from .closing_report import misplaced_final_report
from .draft import Draft, Range
from .lexicon import SPEAKING_ENTITIES, Cue
from .scan import Quote, trim_range
from .spans import (
    content_pieces,
    only_frame_between,
    paragraph_end,
    paragraph_start,
    quote_containing,
    quote_inner,
    quote_runs_on,
    same_paragraph,
    spoken_quotes,
    subtree_range,
    widen_to_quotes,
)

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")

# the longest run of words before a split quote taken in as its subject (``_subject_before``)
_SUBJECT_LEAD_WORDS = 8


# objects that carry no content of their own ("said it", "knew that")
_EMPTY_OBJECTS = frozenset({"it", "this", "that", "so", "something", "anything", "nothing"})


# conjunctions that make a clause a condition or circumstance of the content, not a report
_SUBORDINATORS = frozenset(
    {"if", "unless", "when", "whenever", "until", "before", "after", "because", "since", "once"}
)


CUE_PREPS = ("for", "on", "about", "to", "of", "against")


# verbs whose "to" phrase is what is said ("referred to the deal"); for the rest ("spoke to
# reporters") it names the addressee
TO_CONTENT = frozenset({"refer", "point", "respond", "reply", "allude", "object", "react"})


def _bare_speech_noun(obj: Token, nouns: dict[str, Cue]) -> bool:
    """ "issued a statement", "sent the following message": the object names a new speech, it
    is not its content (a quote or clause elsewhere is). "rejected such claims" keeps its
    object: it points back to what is rejected."""
    if obj.lemma_.lower() not in nouns:
        return False
    announces = any(c.lower_ in ("a", "an", "following") for c in obj.lefts)
    return announces and not any(c.dep_ in ("acl", "relcl", "ccomp") for c in obj.rights)


def verb_content(
    token: Token, entry: Cue, verbs: dict[str, Cue], nouns: dict[str, Cue]
) -> list[Range]:
    doc = token.doc
    comps = [c for c in token.children if c.dep_ in ("ccomp", "csubjpass")]
    if _rejects_its_head(token):
        # "..., a claim Islamabad rejected as baseless": what is rejected is the claim itself
        head = token.head
        claim = trim_range(doc_text(doc), head.left_edge.idx, head.idx + len(head))
        return [claim] if claim else []
    final = misplaced_final_report(token)
    if final is not None:
        # "Forces shelled X, wounding four civilians, governor Y said on Friday": the parser hung
        # the closing reporting clause on a noun before it; its content is the sentence before
        # (the words before the comma the parser hung on the verb, "A died, and B was found,
        # the ministry said" with "found" its complement, are that sentence too)
        host = token.sent.root
        own = {t.i for t in token.subtree if t.i > final[0]}
        own |= other_reports(host, verbs, keep=token)
        indices = [i for i in range(token.sent.start, final[0]) if i not in own]
        return content_pieces(doc, indices, host)
    if comps:
        own = other_reports(comps[0], verbs)
        indices = [t.i for c in comps for t in c.subtree if t.i not in own]
        indices.extend(_continued_content(token, comps[-1], verbs))
        return content_pieces(doc, indices, comps[0])
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
        while host.dep_ == "conj" and has_head(host):
            host = host.head
        own = {t.i for t in token.subtree} | other_reports(host, verbs)
        indices = [t.i for t in host.subtree if t.i not in own]
        return content_pieces(doc, indices, host)
    xcomps = [c for c in token.children if c.dep_ == "xcomp"]
    # "asked Kasich to lay out his path": the object before the complement belongs to it
    controller = object_controller(xcomps[0]) if xcomps else None
    objects = [controller] if controller is not None else []
    if xcomps and xcomps[0].lemma_.lower() in verbs and not objects:
        return []  # "appeared to suggest that ...": the inner cue carries the statement
    if xcomps and token.dep_ != "auxpass":
        # with an object between, the outer cue carries it ("urged his supporters to ask
        # why ...": the supporters are made to ask, drafts._governed_directly)
        if objects:
            return _complement_run(token, objects[0], reach=xcomps[0])
        return _complement_run(token, xcomps[0])
    if entry.frame == "object":
        objects = [c for c in token.children if c.dep_ in ("dobj", "attr", "oprd")]
        if (
            objects
            and objects[0].lower_ not in _EMPTY_OBJECTS
            and not _bare_speech_noun(objects[0], nouns)
        ):
            return _complement_run(token, objects[0])
    colon = after_colon(token)
    if colon:
        return colon
    preps = [
        c
        for c in token.children
        if c.dep_ == "prep"
        and c.lower_ in CUE_PREPS
        and c.i == token.i + 1
        and (c.lower_ != "to" or entry.lemma in TO_CONTENT)
    ]
    if preps and (entry.frame == "object" or entry.act in ("demand", "question")):
        indices = [t.i for t in preps[0].subtree if t.i != preps[0].i]
        indices.extend(_predicate_after(token, preps[0]))
        return content_pieces(doc, indices, preps[0])
    fronted = _fronted_report(token)
    if fronted is not None:
        return content_pieces(doc, [t.i for t in fronted.subtree], fronted)
    if entry.frame == "object" and has_agent(token):
        return passive_subject(token, [], entry)  # "the plan was criticized by the union"
    return []


def has_agent(token: Token) -> bool:
    """A passive verb with its doer in a "by" phrase ("was endorsed by X"): the subject is what
    the stance is about (PolNeAR train, first 250 articles: 15 of 26 listed object-frame verbs
    so built, with no clause and no statement before, are gold cues, each with the passive
    subject as content). The "by" stays out of the cue, as gold draws it 69 times to 33."""
    return any(c.dep_ == "agent" for c in token.children) and any(
        c.dep_ == "nsubjpass" for c in token.children
    )


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


def _predicate_after(token: Token, prep: Token) -> list[int]:
    """ "referred to X as a liar", "railed against X for failing ...": what the cue says of
    the object of its preposition, a sibling "as" or "for" phrase right after it."""
    following = next((c for c in token.rights if c.i > prep.right_edge.i), None)
    if following is None or following.dep_ != "prep" or following.lower_ not in ("as", "for"):
        return []
    if following.left_edge.i != prep.right_edge.i + 1:
        return []  # a comma or another word between: not the object's predicate
    return [t.i for t in following.subtree]


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


def passive_subject(token: Token, content: list[Range], entry: Cue | None = None) -> list[Range]:
    """ "Mr. Quiros was accused of fraud", "peacekeepers have been blamed for X": who the stance
    is about belongs to the content, before the cue (annotators mark both pieces). So does the
    subject of a raising cue ("the plan seems to work": PolNeAR train, 168 of 238 attributions
    on seem/appear have no source and the subject in the content)."""
    deps = ("nsubjpass", "nsubj") if is_raising(entry) else ("nsubjpass",)
    subject = next((c for c in token.children if c.dep_ in deps), None)
    if (
        subject is None
        or subject.lower_ in ("it", "there")
        or subject.i > token.i
        or any(c.dep_ == "ccomp" for c in token.children)  # "X was told that ...": addressee
    ):
        return []
    piece = subtree_range(subject)
    if piece is None or any(s < piece[1] and piece[0] < e for s, e in content):
        return []
    return [piece]


def is_raising(entry: Cue | None) -> bool:
    """A cue whose subject is what it is about, not who speaks ("X seems to ...")."""
    return entry is not None and entry.raising


# right dependents of a cue that belong to its content ("cited X as examples of Y", "called X
# a liar", "urged X to act"); the run stops at the first other dependent (time, clause, "and")
_COMPLEMENT_DEPS = frozenset(
    {"dobj", "dative", "oprd", "prep", "xcomp", "ccomp", "attr", "acomp", "nsubjpass"}
)


def after_colon(token: Token) -> list[Range]:
    """ "Limbaugh added:" then a paragraph: the text after the colon (same or next paragraph)."""
    text = doc_text(token.doc)
    end_of_cue = token.idx + len(token)
    rest = text[end_of_cue : end_of_cue + 40]
    stripped = rest.lstrip(" ")
    if not stripped.startswith(":"):
        return []
    start = end_of_cue + len(rest) - len(stripped) + 1
    while start < len(text) and text[start].isspace():
        start += 1
    piece = trim_range(text, start, paragraph_end(text, start))
    return [piece] if piece else []


def _continued_content(token: Token, comp: Token, verbs: dict[str, Cue]) -> list[int]:
    """A clause the parser hung on the cue after its complement ("said X, but it will be
    difficult"): part of the content when it has its own subject and reports nothing itself."""
    if comp.i < token.i:
        return []  # "“A,” she said, and soon ...": the clause after the cue is the outlet's
    for conj in token.rights:
        if conj.i <= comp.i or conj.dep_ != "conj":
            continue
        if conj.lemma_.lower() in verbs and not _that_clause(conj):
            continue
        if not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            continue
        cc = [t.i for t in token.rights if t.dep_ == "cc" and comp.i < t.i < conj.i]
        return [*cc, *(t.i for t in conj.subtree)]
    return []


def other_reports(head: Token, verbs: dict[str, Cue], keep: Token | None = None) -> set[int]:
    """Tokens of reporting clauses hanging off a content clause (", arguing that ...", "and
    warned ..."): separate statements, not part of this content. ``keep``: the cue whose
    content this is, hung inside it by the parser (``misplaced_final_report``)."""
    excluded: set[int] = set()
    for token in head.subtree:
        if (
            token.i != head.i
            and token != keep
            and token.dep_ in ("advcl", "conj")
            and token.pos_ == "VERB"
            and token.tag_ in ("VBG", "VBD", "VBZ")
            and token.lemma_.lower() in verbs
            and token.i not in excluded
            and not _subordinated(token)
            and not _that_clause(token)
        ):
            excluded.update(t.i for t in token.subtree)
            excluded.update(t.i for t in token.lefts if t.dep_ in ("cc", "punct"))
    return excluded


def _that_clause(token: Token) -> bool:
    """ "said she welcomed the apology and that she wanted to move on": a conjunct with its own
    "that" is a second complement of the same cue, not a report of its own."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _subordinated(token: Token) -> bool:
    """A condition or circumstance of the content ("would strike if the blockade continued",
    "before officers arrived"), not a report of its own, whatever its verb."""
    return token.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS for c in token.children
    )


def object_controller(token: Token) -> Token | None:
    """The direct object of the verb that governs the infinitive ``token``, between the two
    ("prompted NATO to order", "asked the crowd to welcome X", "used his speech to call for")."""
    head = token.head
    if token.dep_ != "xcomp" or head.pos_ not in ("VERB", "AUX") or head.i > token.i:
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and head.i < c.i < token.i), None)


def names_someone(token: Token) -> bool:
    """Whether a noun phrase names someone who can speak: a proper noun, a personal pronoun, or
    a person, organisation, group or state inside it ("the Latvian journalist Dainis Ivans")."""
    return (
        token.pos_ == "PROPN"
        or token.lower_ in _PERSONAL_PRONOUNS
        or any(t.ent_type_ in SPEAKING_ENTITIES for t in token.subtree)
    )


_PERSONAL_PRONOUNS = frozenset({"me", "you", "him", "her", "us", "them"})


def _complement_run(token: Token, first: Token, reach: Token | None = None) -> list[Range]:
    """The content of a stance or directive verb: its object and complements, contiguous;
    with ``reach``, everything from ``first`` to that complement ("urged his supporters at a
    rally on Friday to ask ...": a scene phrase between them does not end the content)."""
    indices = [t.i for t in first.subtree]
    if reach is not None and reach.i > first.i:
        indices.extend(i for i in range(first.i, reach.left_edge.i) if i not in indices)
        indices.extend(t.i for t in reach.subtree)
        first = reach
    for child in token.rights:
        if child.i <= first.i:
            continue
        if child.dep_ in ("cc", "punct"):
            indices.append(
                child.i
            )  # kept only when a complement follows (``content_pieces`` trims)
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
    return content_pieces(token.doc, indices, first)


def _continues_infinitive(first: Token, child: Token) -> bool:
    """ "wants to triple X, grow Y and create Z": the parser hangs "grow" and "create" on the
    cue, but bare verbs without a subject continue the infinitive that is the content."""
    return (
        child.dep_ == "conj"
        and first.dep_ == "xcomp"
        and first.tag_ == "VB"
        and child.tag_ == "VB"
        and not any(c.dep_ in SUBJECT_DEPS for c in child.children)
    )


# prepositions that say what the cue holds of its object ("blasted X as a disgrace", "criticized
# X for shooting Y"): a date inside them ("a 40-year-old", "earlier Friday") does not make them
# a time phrase; only a date as their own object does ("for two weeks")
_PREDICATE_PREPS = frozenset({"as", "for", "of"})


def _is_time(prep: Token) -> bool:
    if prep.lower_ in _PREDICATE_PREPS:
        return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def _is_parenthetical(token: Token) -> bool:
    """A reporting clause set off by commas after its host: "X, he said" / "X, said Y"."""
    return (
        any(t.dep_ in SUBJECT_DEPS for t in token.children)
        and token.i > 0
        and (
            token.nbor(-1).is_punct
            or any(t.is_punct for t in token.doc[token.left_edge.i - 1 : token.left_edge.i])
        )
    )


def attach_quotes(token: Token, draft: Draft, quotes: list[Quote], verbs: dict[str, Cue]) -> None:
    """Make the quotes around a cue its content: split quotes, a quote after "said:", widen
    a content that starts or ends inside a quote to the whole quote."""
    text = doc_text(token.doc)
    cue_start, cue_end = draft.cue or (token.idx, token.idx + len(token))
    if quote_containing(quotes, cue_start, cue_end) is not None:
        draft.content = widen_to_quotes(text, draft.content, quotes, (cue_start, cue_end))
        return
    sent = sentence_of(token)
    # the frame check below keeps these to quotes right next to the reporting clause; a quote
    # may stand in its own "sentence" for the parser ("“Who pays?” the mayor asked.")
    paragraph = (paragraph_start(text, cue_start), paragraph_end(text, cue_end))
    spoken = spoken_quotes(token.doc, quotes)  # not "on CBS's “Face the Nation”"
    before = [q for q in spoken if q.end <= cue_start and q.start >= paragraph[0]]
    after = [
        q for q in spoken if q.start >= cue_end and q.start < max(sent.end_char + 3, paragraph[1])
    ]
    near_before = (
        before[-1]
        if before
        and only_frame_between(text, before[-1].end, cue_start)
        and not _other_cue_between(token, before[-1].end, cue_start, verbs)
        else None
    )
    near_after = after[0] if after and only_frame_between(text, cue_end, after[0].start) else None
    # “A,” said X, a long description. “B.”: the quote after the frame continues the speech
    continuing = (
        after[0] if after and only_frame_between(text, cue_end, after[0].start, 240) else None
    )
    split_before = near_before or _long_frame_before(token, before, cue_start, verbs)
    if (
        split_before is not None
        and continuing is not None
        and _is_split(token, split_before, continuing, verbs)
    ):
        first = quote_inner(text, split_before)
        subject_start = _subject_before(token.doc, split_before)
        if first is not None and subject_start is not None:
            first = trim_range(text, subject_start, first[1]) or first
        draft.content = [r for r in (first, quote_inner(text, continuing)) if r]
        return
    if not draft.content:
        nearest = near_before or near_after
        inner = quote_inner(text, nearest) if nearest is not None else None
        if inner is not None and near_before is None:
            inner = _lead_in(token, cue_end, nearest, verbs) or inner
        draft.content = [inner] if inner else []
        return
    draft.content = widen_to_quotes(text, draft.content, quotes, (cue_start, cue_end))


def _lead_in(token: Token, cue_end: int, quote: Quote, verbs: dict[str, Cue]) -> Range | None:
    """The words from the cue through a quote they lead into, when no comma or colon stands
    before the opening mark or among the words ("called it a “fundamental mistake”", "pledged
    to oppose X “today, tomorrow, forever”", "is describing him as “unhinged”"): the quote is
    part of the cue's clause, not its content alone. The words and the quote hang on the cue,
    and no other cue word lies among them but the cue's own infinitive ("others who only
    specified “Christian”" is "specified"'s). PolNeAR, a content that was only such a quote
    on an exactly matched cue: gold takes the lead-in words on every one (fit 6, the first 250
    train articles 25 of 30: to the quote's end 2 and 13, further 4 and 12); a quote after
    "told CBS," or "said:" stays the content alone."""
    text = doc_text(token.doc)
    lead = text[cue_end : quote.start].rstrip()
    if not lead or not lead[-1].isalnum() or any(mark in lead for mark in "\n,;:—–()"):
        return None
    words = token.doc.char_span(cue_end, quote.inner_end, alignment_mode="contract")
    if words is None or not all(t.is_punct or t.is_space or token in t.ancestors for t in words):
        return None
    first = next((t for t in words if not t.is_punct), None)
    quoted = [t for t in words if t.idx >= quote.inner_start and not t.is_punct]
    if first is not None and first.pos_ == "ADP" and any(first in t.ancestors for t in quoted):
        return None  # "known as “A”", "responded with chants of “A”": the phrase is the cue's
    if any(
        t.lemma_.lower() in verbs
        and t.pos_ == "VERB"
        and not (t.dep_ == "xcomp" and t.head == token)
        for t in words
    ):
        return None
    return trim_range(text, cue_end, quote.end)  # the closing mark kept, as widen_to_quotes does


def _long_frame_before(
    token: Token, before: list[Quote], cue_start: int, verbs: dict[str, Cue]
) -> Quote | None:
    """ "“A,” Leonard E. Burman, director of the ... Center and a professor at ..., said of
    the plan. “B.”": a speaker with a long description between the first part of a split
    quote and the cue (the frame may be as long as the one after the cue, 240 characters);
    used only when a second part follows the cue."""
    if not before:
        return None
    text = doc_text(token.doc)
    quote = before[-1]
    if text[paragraph_start(text, quote.start) : quote.start].strip():
        return None  # not 'On “Face the Nation,” Sen. X, who ..., identified ...'
    if not quote_runs_on(text, quote) or not only_frame_between(text, quote.end, cue_start, 240):
        return None
    if _other_cue_between(token, quote.end, cue_start, verbs):
        return None
    return quote


def _subject_before(doc: Doc, quote: Quote) -> int | None:
    """Where the content starts when a bare noun phrase opens the sentence before a split
    quote's first part ('Both parties “saw it as a threat,” said X. “B.”'): the phrase is the
    quoted predicate's subject and annotators take it in (PolNeAR train: at the sentence start
    24 times in 26 such leads of at most eight words without a verb or punctuation)."""
    inner = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
    if inner is None:
        return None
    text = doc_text(doc)
    start = max(sentence_of(inner[0]).start_char, paragraph_start(text, quote.start))
    lead = doc.char_span(start, quote.start, alignment_mode="contract")
    if lead is None or not 0 < len(lead) <= _SUBJECT_LEAD_WORDS:
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in lead):
        return None
    return start


def _flanks_sentence(text: str, token: Token, first: Quote, second: Quote) -> bool:
    """ "“Q?” Graham asked. “B.”": a quote that opens the paragraph, its reporting clause, and a
    quote that opens the next sentence of the same paragraph are one statement (PolNeAR's
    annotators join them)."""
    opens = text[paragraph_start(text, first.start) : first.start].strip() == ""
    sentence_end = sentence_of(token).end_char
    next_opens = sentence_end <= second.start and text[sentence_end : second.start].strip() == ""
    return opens and next_opens and same_paragraph(text, first.start, second.end)


def _is_split(token: Token, first: Quote, second: Quote, verbs: dict[str, Cue]) -> bool:
    """Two quotes around one reporting clause ("“A,” she said, “B.”"), unless another cue
    between them introduces the second ("..., adding: “B”")."""
    text = doc_text(token.doc)
    if second.start - first.end > 260:
        return False
    if not quote_runs_on(text, first) and not _flanks_sentence(text, token, first, second):
        return False
    return not _other_cue_between(token, first.end, second.start, verbs)


def _other_cue_between(token: Token, start: int, end: int, verbs: dict[str, Cue]) -> bool:
    """A reporting verb other than ``token`` between a quote and the cue: the quote is that
    verb's ("“A,” the militia said. The commander vowed ...": not the vow's content), or that
    verb introduces the next quote ("..., adding: “B”")."""
    between = token.doc.char_span(start, end, alignment_mode="contract")
    if between is None:
        return False
    return any(
        t.i != token.i
        and t.lemma_.lower() in verbs
        and t.pos_ == "VERB"
        and not _in_relative_clause(t, between)
        and not _has_own_object(t, between)
        and not _closed_clause_of_cue_sentence(t, token, between)
        for t in between
    )


def _closed_clause_of_cue_sentence(verb: Token, token: Token, between: Span) -> bool:
    """ "said Don Fowler, who ..., and has backed Hillary Clinton since 2008. “B”", "she said
    of the election, in which she was sure more people would at last see the truth. “B”": a
    verb of the cue's own sentence whose direct object lies before the next quote, with no
    colon after it, is done with its clause; it introduces no quote. A verb governing the cue
    ("“A,” Trump told a rally, saying X would “B.”") is the reporting clause itself."""
    if sentence_of(verb) != sentence_of(token) or verb in token.ancestors:
        return False
    if not any(c.dep_ == "dobj" and c.right_edge.i < between.end for c in verb.children):
        return False
    after = verb.right_edge.i + 1
    return not (after < len(verb.doc) and verb.doc[after].text == ":")


def _in_relative_clause(verb: Token, between: Span) -> bool:
    """ "..., where Mrs. Clinton also spoke. “B”", "said X, who led the party and has backed
    Y since 2008. “B”": a verb of a relative clause between the quotes (the clause's own verb
    or a conjunct of it) describes someone; it introduces no quote."""
    for node in (verb, *verb.ancestors):
        if not between.start <= node.i < between.end:
            return False
        if node.dep_ == "relcl":
            return True
    return False


def _has_own_object(verb: Token, between: Span) -> bool:
    """ "said Caddell, speaking of Clinton's health": the aside has its own object, so it does
    not introduce the next quote as "adding: “B”" does."""
    return verb.tag_ == "VBG" and any(c.dep_ in ("dobj", "prep") for c in verb.children)
