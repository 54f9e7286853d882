"""Speech act of a statement from its cue and its content, and what a denial disputes.

The cue gives a default act (``speech_cues.yaml``); the content can sharpen it
(``quote_rules.yaml``): a conditional or future harm makes a threat, blame for a past harm an
accusation, a rejection of a claim a denial, a question mark a question.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ... import extensions
from ...model import UNRESOLVED_PREFIX, Statement
from ..events.doers import responsibility_frame
from .draft import Draft
from .lexicon import QuoteKnowledge
from .senses import reports_silence
from .voice import speaking_for

_SHARPENED = ("claim", "announcement", "warning")
_DISPUTABLE = ("accusation", "claim", "threat", "announcement", "warning")
# "rejected the group's denial": a denial of a denial refers back to a denial, nothing else
_NAMES_A_DENIAL = re.compile(r"\bdenials?\b")


def content_tokens(doc: Doc, statement: Statement) -> list[Token]:
    tokens: list[Token] = []
    for piece in statement.content:
        span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    return tokens


def classify_act(draft: Draft, statement: Statement, doc: Doc, knowledge: QuoteKnowledge) -> str:
    if draft.token is not None and reports_silence(draft.token, draft, knowledge):
        return "no comment"  # "has not commented", "declined to comment": nothing asserted
    base = draft.entry.act if draft.entry is not None else "claim"
    if base == "demand" and draft.token is not None and _names_its_object(draft.token):
        base = "claim"  # "called the protests treasonous" characterises; "called for" demands
    if draft.token is not None and _negated(draft.token) and base in ("denial", "accusation"):
        return "claim"  # "did not deny", "did not accuse"
    text = " ".join(piece.text for piece in statement.content).lower()
    if base in ("claim", "question") and text.rstrip(" \"”’'").endswith("?"):
        return "question"
    if base not in _SHARPENED:
        return base
    tokens = content_tokens(doc, statement)
    sides = _Sides(doc)
    speaker = speaking_for(doc, statement)  # "M23 spokesman Lawrence Kanyuka": the M23
    if _threatens(text, tokens, knowledge, sides, speaker) or _vows_harm(
        draft.token, tokens, knowledge
    ):
        return "threat"
    frame = _content_responsibility_frame(tokens, knowledge)
    if base == "claim" and (
        any(p.search(text) for p in knowledge.denial_patterns)
        or (frame is not None and frame.denied)
        or _denies_own_act(tokens, knowledge, sides, speaker)
    ):
        return "denial"
    if frame is not None and _claims_own(frame, sides, speaker, knowledge):
        return "claim"  # CAMEO 015 "claim responsibility": "said it was responsible for ..."
    if base == "claim" and (
        any(p.search(text) for p in knowledge.accusation_patterns)
        or _blamed_harm(
            [t for t in tokens if knowledge.is_harm(t)],
            sides,
            speaker,
        )
    ):
        return "accusation"
    return base


class _Responsibility(NamedTuple):
    holder: Token | None  # "it" in "it was responsible for ..."
    denied: bool


def _content_responsibility_frame(
    tokens: list[Token], knowledge: QuoteKnowledge
) -> _Responsibility | None:
    """The responsibility frame that is the content's main clause, read with the events
    component's frame and its ``responsibility_words``. Denied ("it was not responsible for
    firing the rocket", "rejected responsibility for ...") it is CAMEO 016 "deny
    responsibility"; affirmed by the speaker's own side ("it was responsible for the attack")
    CAMEO 015 "claim responsibility"; affirmed of anyone else, an accusation."""
    inside = {t.i for t in tokens}
    for token in tokens:
        frame = responsibility_frame(token, knowledge.event_lexicon)
        if frame is not None and _main_clause(frame[0], inside):
            return _Responsibility(frame[1], frame[2])
    return None


def _claims_own(
    frame: _Responsibility, sides: _Sides, speaker: str | None, knowledge: QuoteKnowledge
) -> bool:
    """An affirmed frame whose holder is the speaker's own side: nobody else is blamed."""
    return (
        not frame.denied
        and frame.holder is not None
        and _own_side(frame.holder, sides, sides.of(speaker))
    )


def _denies_own_act(
    tokens: list[Token], knowledge: QuoteKnowledge, sides: _Sides, speaker: str | None
) -> bool:
    """CAMEO 016 "deny responsibility" worded as the accused's negated act: the content's main
    clause is a harm or an involvement ("did not fire", "carried out no operation", "was not
    involved", "had no role"), negated, and every subject of it is the speaker's own side ("it",
    "its forces", an actor of its country). The affirmed form is the claim of CAMEO 015; a
    negated act of anyone else ("said the rebels did not fire") denies nothing of the speaker's."""
    inside = {t.i for t in tokens}
    clause = next((t for t in tokens if _main_clause(t, inside)), None)
    if clause is None or not _negated_act(clause, knowledge):
        return False
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    side = sides.of(speaker)
    return bool(subjects) and all(_own_side(s, sides, side) for s in subjects)


def _negated_act(clause: Token, knowledge: QuoteKnowledge) -> bool:
    """A harm or involvement clause with "not" / "never" on it or "no" on its object
    ("carried out no operation", "had no role"). A light verb's object or complement carries
    the act ("was not involved": a copula; "carried out no operation": a support verb); any
    other verb's object does not ("did not hear any gunfire"). A future or conditional one
    refuses, it does not deny ("will not lift the embargo")."""
    if any(c.dep_ == "aux" and knowledge.future_markers.search(c.lower_) for c in clause.children):
        return False
    parts = [clause]
    if _light_verb(clause, knowledge):
        parts += [c for c in clause.children if c.dep_ in _ACT_COMPLEMENTS]
    acts = [t for t in parts if _harm_or_involvement(t, knowledge)]
    return any(
        _negated(t) or any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        for t in {clause, *acts}
    ) and bool(acts)


# where a light verb's act lies: "was not involved" (acomp), "had no role" (dobj)
_ACT_COMPLEMENTS = frozenset({"acomp", "attr", "dobj", "oprd"})
_LIGHT_VERBS = frozenset({"be", "have", "play"})


def _light_verb(clause: Token, knowledge: QuoteKnowledge) -> bool:
    """A copula, "have" / "play" (a role), or a support verb of the events lexicon, with its
    particle ("carry out")."""
    lemma = clause.lemma_.lower()
    particle = next((c.lower_ for c in clause.children if c.dep_ == "prt"), None)
    support = knowledge.event_lexicon.support_verbs
    return lemma in _LIGHT_VERBS or lemma in support or f"{lemma} {particle}" in support


def _harm_or_involvement(token: Token, knowledge: QuoteKnowledge) -> bool:
    """A harm word (``harm_lemmas``), an ASSAULT trigger of the events lexicon ("shelled", an
    "operation" of its offensives), or an involvement word (``involvement_words``)."""
    lemma = token.lemma_.lower()
    if lemma in knowledge.involvement_words or token.lower_ in knowledge.involvement_words:
        return True
    if knowledge.is_harm(token):
        return True
    lexicon = knowledge.event_lexicon
    sense = lexicon.verbs.get(lemma) if token.pos_ == "VERB" else lexicon.nouns.get(lemma)
    # a sense that is an assault only with armed men, a place or an armed object ("troops
    # crossed the border", "neutralised 41 terrorists") is not one here, where its arguments go
    # unchecked ("it never crossed my mind")
    if sense is not None and sense.type == "ASSAULT":
        return not (sense.needs_subject or sense.needs_place or sense.needs_object_class)
    return token.pos_ == "NOUN" and lexicon.object_classes.get(lemma) == "offensives"


def _main_clause(clause: Token, inside: set[int]) -> bool:
    """``clause`` is the content's root: its head lies outside the content (the cue) or it
    heads the sentence."""
    return clause.i in inside and (clause.head.i not in inside or clause.head.i == clause.i)


def _names_its_object(token: Token) -> bool:
    return any(c.dep_ == "oprd" for c in token.children)


def _threatens(
    text: str, tokens: list[Token], knowledge: QuoteKnowledge, sides: _Sides, speaker: str | None
) -> bool:
    """CAMEO 13 "threaten": under a future or conditional marker, a harm done by the speaker's
    own side ("we will strike", "its forces would hit the port if ..."), a move of its military
    (138, "the tanks can reach the Litani"), the end of the other side's forces ("will have no
    tanks left"), or a harm idiom ("will pay a heavy price"). A harm someone else may do is a
    warning or a claim ("Hamas could attack"); "the trains can reach Vienna" threatens no one."""
    if not knowledge.future_markers.search(text):
        return False
    if any(p.search(text) for p in knowledge.threat_patterns):
        return True
    side = sides.of(speaker)
    for token in tokens:
        if token.pos_ not in ("VERB", "AUX") or not _future(token, knowledge):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        active = [c for c in subjects if c.dep_ == "nsubj"]
        if knowledge.is_harm(token) and all(_own_side(s, sides, side) for s in active):
            return True  # "will be crushed", "we will strike", "its army would hit"
        if active and all(_own_forces(s, sides, side, knowledge) for s in active):
            return True  # "the tanks ... can reach as far as the Litani"
        if any(_forces_gone(c, knowledge) for c in token.children if c.dep_ == "dobj"):
            return True  # "will have no tanks left"
    return False


def _vows_harm(cue: Token | None, tokens: list[Token], knowledge: QuoteKnowledge) -> bool:
    """CAMEO 13 "threaten" (PLOVER THREATEN): a commitment cue ("vowed", "pledged",
    "promised") whose infinitive complement is a harm ("vowed to retaliate", "pledged to crush
    the rebels"). The cue's subject does the complement, so the harm is the speaker's own
    future act; a vow of anything else ("vowed to rebuild") stays an announcement."""
    if cue is None or cue.lemma_.lower() not in knowledge.commitment_cues:
        return False  # "is said to have demolished", "claimed to have killed": a report
    support_verbs = knowledge.event_lexicon.support_verbs
    for token in tokens:
        if token.head.i == cue.i and token.dep_ == "xcomp" and not _negated(token):
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if token.lemma_.lower() in support_verbs and objects:
                # "pledged to launch talks": a support verb's object carries the act
                return any(knowledge.is_harm(o) for o in objects)
            return knowledge.is_harm(token)
    return False


def _own_side(subject: Token, sides: _Sides, side: str | None) -> bool:
    """The speaker's own side: a pronoun or a possessive pronoun's noun ("its fighters"), or a
    phrase naming an actor of the speaker's country."""
    return _is_self(subject) or (side is not None and sides.of_token(subject) == side)


def _own_forces(subject: Token, sides: _Sides, side: str | None, knowledge: QuoteKnowledge) -> bool:
    """The speaker's military: its own ("our jets"), or a state force with no other side named
    ("the tanks") when the speaker has a side."""
    if subject.lemma_.lower() not in knowledge.state_forces and (
        subject.lower_ not in knowledge.state_forces
    ):
        return False
    if _own_side(subject, sides, side):
        return True
    return side is not None and sides.of_token(subject) is None


def _forces_gone(obj: Token, knowledge: QuoteKnowledge) -> bool:
    """ "no tanks left": the other side's forces are to be destroyed."""
    armed = obj.lemma_.lower() in knowledge.armed_nouns or obj.lower_ in knowledge.armed_nouns
    return armed and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)


def _future(token: Token, knowledge: QuoteKnowledge) -> bool:
    """Under a future or conditional auxiliary ("will strike", "could hit", "if ... attack"),
    not negated ("you cannot kill your own children")."""
    if _negated(token):
        return False
    auxiliaries = " ".join(c.lower_ for c in token.children if c.dep_ in ("aux", "mark"))
    return bool(auxiliaries) and knowledge.future_markers.search(auxiliaries) is not None


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


# subjects by which a speaker reports its own act ("the army said it struck ...", "we hit")
_SELF_SUBJECTS = frozenset({"i", "we", "it", "he", "she", "they"})
_SELF_POSSESSIVES = frozenset({"my", "our", "its", "his", "her", "their"})


class _Sides:
    """The country each of the article's actors belongs to (its own, or its affiliation's)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = {a.id: a for a in extensions.get_list(doc, "ng_actors")}

    def of(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id is not None else None
        if actor is None:
            return None
        if actor.country is None and actor.affiliation in self.actors:
            return self.actors[actor.affiliation].country
        return actor.country

    def of_token(self, token: Token) -> str | None:
        """The country of the actor mentioned at ``token``'s phrase ("Israeli jets": IL)."""
        start, end = token.left_edge.idx, token.idx + len(token)
        mention = extensions.actor_mention_at(self.doc, start, end)
        return self.of(mention.actor_id) if mention is not None else None


def _blamed_harm(harm: list[Token], sides: _Sides, speaker: str | None) -> bool:
    """A past harm with an agent doing it ("X launched a rocket"), not "5 were killed", and
    not the speaker's report of its own act ("the army said it struck a depot", "the Israeli
    army said Israeli jets struck": a claim). A negated harm blames no one ("the rebels had not
    fired on the camp": CAMEO 112 accuses of an act, not of its absence)."""
    side = sides.of(speaker)
    for token in harm:
        if token.tag_ not in ("VBD", "VBN", "VBZ") or _negated(token):
            continue
        # "18 wounded": a count of victims, not someone doing harm
        subjects = [c for c in token.children if c.dep_ == "nsubj" and not c.like_num]
        if subjects and not all(_own_side(s, sides, side) for s in subjects):
            return True
    return False


def _is_self(subject: Token) -> bool:
    """A pronoun, or what a possessive pronoun owns ("its fighters", "our forces"): as the
    subject of a reported harm, the speaker's own side."""
    return subject.lower_ in _SELF_SUBJECTS or any(
        c.dep_ == "poss" and c.lower_ in _SELF_POSSESSIVES for c in subject.children
    )


def disputed_statement(
    denial: Statement, earlier: list[Statement], doc: Doc, knowledge: QuoteKnowledge
) -> str | None:
    """The id of the earlier statement a denial refers back to ("rejected such claims")."""
    text = " ".join(piece.text for piece in denial.content).lower().strip(' .,"”“')
    if not any(p.search(text) for p in knowledge.backreference_patterns) and not (
        _hangs_on_report_noun(denial, doc, knowledge)
    ):
        return None
    same_sentence = _statement_in_sentence(denial, earlier, doc)
    if same_sentence is not None:  # "X claimed ..., a claim Y rejected": that claim
        return same_sentence
    denier = denial.speaker.actor
    disputable = ("denial",) if _NAMES_A_DENIAL.search(text) else _DISPUTABLE
    best: tuple[tuple[int, int, int, int], str] | None = None
    owner = _named_owner(doc, denial)
    paragraph = _paragraph_start(doc, denial)
    for position, statement in enumerate(earlier):
        if statement.act not in disputable:
            continue
        if owner is not None and not _spoken_by(doc, statement, owner):
            continue  # "denied Washington's claim": only a statement Washington made
        if denier is not None and statement.speaker.actor == denier:
            continue
        if _same_name(denial, statement):
            continue  # "Fedorov said X ... Fedorov rejected the claim": not his own
        score = (
            int(_cue_at_or_after(statement, paragraph)),
            int(denier is not None and _mentions(doc, statement, denier)),
            int(statement.act == "accusation"),
            position,
        )
        if best is None or score > best[0]:
            best = (score, statement.id)
    return best[1] if best else None


def _paragraph_start(doc: Doc, denial: Statement) -> int | None:
    """Where the denial's paragraph begins (after the last line break before its cue)."""
    if denial.cue is None:
        return None
    return extensions.doc_text(doc).rfind("\n", 0, denial.cue.start) + 1


def _cue_at_or_after(statement: Statement, start: int | None) -> bool:
    """The statement is told in the denial's paragraph (its cue, else its content, at or
    after ``start``). A back-reference ("rejected such accusations", "denied it") takes a
    statement of its own paragraph before one further up that names the denier ("in western
    Ethiopia" named the government) or accuses (probe O, session 25). Fit: of 28 back-referring
    denials (examples/, the seed, pn40, 200 PolNeAR train articles, 72 FNC-1 fit bodies), 2
    change, both to the statement right before them ("Ukraine's Southern Defence Forces denied
    it" → the Russian ministry's claim, not the governor's shelling report far up)."""
    at = statement.cue or (statement.content[0] if statement.content else None)
    return start is not None and at is not None and at.start >= start


def _same_name(denial: Statement, statement: Statement) -> bool:
    """Both speakers' phrases end in the same capitalised name ("Governor Ivan Fedorov",
    "Fedorov"), whether or not the name resolved to an actor."""
    first, second = denial.speaker.span, statement.speaker.span
    if first is None or second is None:
        return False
    names = [span.text.split()[-1] if span.text.split() else "" for span in (first, second)]
    return (
        names[0] == names[1] and names[0][:1].isupper() and names[0].lower() not in _SELF_SUBJECTS
    )


def _named_owner(doc: Doc, denial: Statement) -> Token | None:
    """The proper name owning the denied report ("rejected Cabello's denial"), or a common noun
    read as a known actor ("rejected the Israeli military's account", "the occupation's
    claims")."""
    for token in content_tokens(doc, denial):
        if token.dep_ != "case" or token.lower_ not in ("'s", "’s"):
            continue
        if token.head.pos_ == "PROPN" or (
            token.head.pos_ == "NOUN" and _actor_at(doc, token.head) is not None
        ):
            return token.head
    return None


def _actor_at(doc: Doc, token: Token) -> str | None:
    """The known (resolved) actor of the mention covering ``token``, if any."""
    for mention in extensions.get_list(doc, "ng_actor_mentions"):
        if mention.start <= token.idx < mention.end and mention.actor_id is not None:
            actor = str(mention.actor_id)
            return None if actor.startswith(UNRESOLVED_PREFIX) else actor
    return None


def _spoken_by(doc: Doc, statement: Statement, owner: Token) -> bool:
    """The statement's speaker is the owner: the same actor, or a speaker phrase naming it."""
    speaker = statement.speaker
    for mention in extensions.get_list(doc, "ng_actor_mentions"):
        if mention.start <= owner.idx < mention.end and mention.actor_id is not None:
            return mention.actor_id == speaker.actor
    return speaker.span is not None and owner.lower_ in speaker.span.text.lower().split()


def _hangs_on_report_noun(denial: Statement, doc: Doc, knowledge: QuoteKnowledge) -> bool:
    """The denial's cue is a relative clause on a report noun ("an account that Ukraine's
    Foreign Ministry dismissed as lies", "a charge that party leaders denied"), whatever its
    content was read as."""
    if denial.cue is None:
        return False
    span = doc.char_span(denial.cue.start, denial.cue.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "relcl":
        return False
    noun = span.root.head
    phrase = " ".join(t.lower_ for t in (*(t for t in noun.lefts if t.dep_ == "det"), noun))
    return any(p.search(phrase) for p in knowledge.backreference_patterns)


def _statement_in_sentence(denial: Statement, earlier: list[Statement], doc: Doc) -> str | None:
    """The nearest earlier disputable statement by someone else in the denial's sentence,
    when the denial's cue hangs on a report noun ("a claim Kigali denied")."""
    if denial.cue is None:
        return None
    span = doc.char_span(denial.cue.start, denial.cue.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "relcl":
        return None
    sentence_start = extensions.sentence_of(span.root).start_char
    for statement in reversed(earlier):
        if (
            statement.cue is not None
            and sentence_start <= statement.cue.start < denial.cue.start
            and statement.act in _DISPUTABLE
            and statement.speaker.actor != denial.speaker.actor
        ):
            return statement.id
    return None


def _mentions(doc: Doc, statement: Statement, actor: str) -> bool:
    """Whether the statement's content or addressee names ``actor``."""
    if statement.addressee == actor:
        return True
    for mention in extensions.get_list(doc, "ng_actor_mentions"):
        if mention.actor_id != actor:
            continue
        if any(p.start <= mention.start and mention.end <= p.end for p in statement.content):
            return True
    return False
