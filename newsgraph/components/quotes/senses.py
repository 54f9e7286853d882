"""Whether a proposed cue is used in its speech or cognition sense, so that only saying and
thinking make statements.

Many cue words have other senses (VerbNet puts "attack" both in judgment-33, a verbal attack,
and in battle/assault verbs; "see" both in cognition and in perception-30.1). The lexicon marks
such words with a ``sense`` (``speech_cues.yaml``) and the argument structure decides:

- ``perception`` (see, find, show, appear, ...): a statement only with a proposition, a clause,
  a quote or a predicate ("was seen as weak"); "armed men were seen near the village" is not.
- ``completion`` (conclude): no statement with a common noun object and no proposition.
  "Investigators concluded that the fire was arson" reports a finding; "the rebels concluded
  the ceremony with a parade" ends an event and "concluded a cease-fire" makes an agreement
  (WordNet's conclude v.2 "bring to a close" and v.5 "reach agreement on"); "concluded with a
  history lesson" (no object) and a name object that a parse took from a clause ("bankers who
  concluded Obama would ...") stay statements, as PolNeAR marks them (session 10,
  ``tools/polnear_np_object_cues.py``).
- ``contact`` (attack, slam, blast, ...): the physical sense when the object is a place, the
  subject an armed force, or a weapon or a casualty goes with the verb ("forces attacked
  Kharkiv, killing five"); the verbal sense otherwise ("the senator attacked the plan").
- ``conveyance`` (unleash): a statement only when what it delivers is something said, its
  object or the noun that object counts ("unleashed a flurry of tweets", "unleashed withering
  attacks against"); "unleashed the pent-up fury of" and "unleashed airstrikes" say nothing.

A verb the learned cue tagger proposes that the lexicon does not list is no statement when an
armed force does it ("warplanes pounded rebel positions"), unless its object is a speech noun
("the brigades released a video message"); a casualty alone does not make such a verb physical
("she chronicles the deaths that followed" is writing).

A report of silence is no claim (whatever the cue's sense): a negated plain report ("has not
commented", "did not respond to a request for comment", "did not say whether", "has yet to
comment") or a refusal to speak ("declined to comment") is CAMEO's 011 "decline comment" (act
``no comment``, ``acts.py``).
PolNeAR's annotators mark these as attributions (13 of 15 such cues in the fit part), so they
stay statements, with an act that neither asserts nor disputes anything.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import extensions
from .closing_report import misplaced_final_report
from .draft import Draft
from .lexicon import QuoteKnowledge
from .scan import Quote

# origins whose cue is punctuation or a phrase, not a word with several senses
_SENSELESS_ORIGINS = frozenset({"layout", "orphan", "announced", "according"})
# dependents that carry a proposition or a predicate about the object
_PROPOSITION_DEPS = frozenset({"ccomp", "xcomp", "oprd", "acomp", "csubj", "parataxis"})
_PREDICATE_PREPS = frozenset({"as", "like"})
# verbal complements of criticism ("attacked the plan as reckless", "slammed him for ...")
_CRITICISM_PREPS = frozenset({"as", "for", "over"})
# acts whose cue, negated or refused, means that nothing was said
_REPORT_ACTS = frozenset({"claim", "announcement", "message"})
_REFUSALS = frozenset({"decline", "refuse"})
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACES = frozenset({"PERSON", "ORG", "NORP"})
_ARMED_TYPES = frozenset({"military", "armed group"})
# what a conveyance verb delivers when it is verbal, besides the lexicon's speech nouns: an
# attack ("unleashed withering attacks against Rubio"; VerbNet's judgment-33 sense of attack)
_SPOKEN_ATTACKS = frozenset({"attack"})


def is_statement(doc: Doc, draft: Draft, knowledge: QuoteKnowledge, quotes: list[Quote]) -> bool:
    """False when the draft's cue word is used in a sense that says nothing."""
    token, entry = draft.token, draft.entry
    if token is None or entry is None or draft.origin in _SENSELESS_ORIGINS:
        return True
    if token.pos_ == "VERB" and token.lemma_.lower() not in knowledge.verbs:
        # a verb the learned cue tagger proposed that the lexicon does not know: an armed
        # force doing it is the physical sense ("warplanes pounded rebel positions"), unless
        # its object is something said ("the brigades released a video message")
        return _says_something(token, knowledge) or not _armed_subject(doc, token, knowledge)
    if entry.sense == "perception":
        return _has_proposition(token, draft, quotes)
    if entry.sense == "completion":
        return _has_proposition(token, draft, quotes) or not _thing_object(token)
    if entry.sense == "contact":
        return not _physical(doc, token, knowledge)
    if entry.sense == "conveyance":
        return _conveys_speech(token, knowledge)
    return True


def _conveys_speech(token: Token, knowledge: QuoteKnowledge) -> bool:
    """ "unleashed a flurry of tweets", "unleashed withering attacks against": the object, or
    the noun its "of" counts ("a series of tweets"), is something said; "unleashed the pent-up
    fury of many Americans" and "unleashed devastation" are not."""
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        nouns = [obj] + [
            pobj
            for prep in obj.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        if any(
            n.lemma_.lower() in knowledge.nouns or n.lemma_.lower() in _SPOKEN_ATTACKS
            for n in nouns
        ):
            return True
    return False


def _says_something(token: Token, knowledge: QuoteKnowledge) -> bool:
    """The verb's object is a speech noun of the lexicon (a message, a statement, a call)."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in knowledge.nouns for c in token.children)


def _thing_object(token: Token) -> bool:
    """The verb's object is a common noun phrase ("concluded the ceremony"), not a name or a
    pronoun."""
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in token.children)


def _armed_subject(doc: Doc, token: Token, knowledge: QuoteKnowledge) -> bool:
    return any(
        c.dep_ in ("nsubj", "agent") and _is_armed(doc, c, knowledge) for c in token.children
    )


def reports_silence(token: Token, draft: Draft, knowledge: QuoteKnowledge) -> bool:
    """ "has not commented", "did not respond", "declined to comment": no claim was made."""
    entry = draft.entry
    if entry is None:
        return False
    head = token.head if token.dep_ == "xcomp" else token
    if head.lemma_.lower() in _REFUSALS:
        # "declined to comment" / "refused to comment on the strike"
        spoken = [c for c in head.children if c.dep_ == "xcomp" and _is_report_verb(c, knowledge)]
        return bool(spoken) or (_is_report_verb(token, knowledge) and token.i != head.i)
    if entry.act not in _REPORT_ACTS or token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ == "xcomp" and (_negated(token.head) or _not_yet(token.head)):
        return True  # "did not want to comment", "has yet to comment", "is yet to respond"
    return _negated(token)


def _not_yet(head: Token) -> bool:
    """ "has yet to ...", "is yet to ...": the act has not happened."""
    return head.lemma_.lower() in ("have", "be") and any(
        c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children
    )


def _is_report_verb(token: Token, knowledge: QuoteKnowledge) -> bool:
    entry = knowledge.verbs.get(token.lemma_.lower())
    return entry is not None and entry.act in _REPORT_ACTS


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _has_proposition(token: Token, draft: Draft, quotes: list[Quote]) -> bool:
    """A that-clause, a to-infinitive, a predicate ("seen as", "found him guilty"), a
    parenthetical host or a quote; not a scene ("saw smoke rising", "were seen near")."""
    if any(c.dep_ in _PROPOSITION_DEPS and _is_proposition(c) for c in token.children):
        return True
    if token.dep_ in ("parataxis", "advcl") or (token.dep_ == "ROOT" and _hosts_clause(token)):
        return True
    if misplaced_final_report(token) is not None:
        return True  # "..., the poll found.": a closing report the parser hung on a noun
    if any(c.dep_ == "prep" and c.lower_ in _PREDICATE_PREPS for c in token.children):
        return True
    return any(q.start < end and start < q.end for start, end in draft.content for q in quotes)


def _is_proposition(clause: Token) -> bool:
    if clause.dep_ not in ("ccomp", "xcomp") or clause.tag_ not in ("VBG", "VBN"):
        return True
    return any(c.dep_ in ("mark", "aux") for c in clause.children)  # "that ... being", "to be"


def _hosts_clause(token: Token) -> bool:
    """ "Prices will rise, the report showed": the cue is the root of a clause after another."""
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children)


def _physical(doc: Doc, token: Token, knowledge: QuoteKnowledge) -> bool:
    children = list(token.children)
    if any(c.dep_ == "prep" and c.lower_ in _CRITICISM_PREPS for c in children):
        return False  # "attacked the plan as reckless", "slammed the minister for ..."
    if any(c.dep_ in ("ccomp", "xcomp") for c in children):
        return False  # "attacked the government, saying ...": content of its own
    for child in children:
        if child.dep_ in ("dobj", "nsubjpass") and _is_place(doc, child):
            return True
        if child.dep_ in ("nsubj", "agent") and _is_armed(doc, child, knowledge):
            return True
        if child.dep_ in ("advcl", "conj", "prep") and _mentions_harm(child, knowledge):
            return True
    return False


def _is_place(doc: Doc, phrase: Token) -> bool:
    """The object names a place ("Kharkiv", "a village near Goma")."""
    start, end = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge)
    places = extensions.get_list(doc, "ng_place_mentions")
    if phrase.ent_type_ not in _NOT_PLACES and any(start <= s and e <= end for s, e, *_ in places):
        return True
    if phrase.ent_type_ in _NOT_PLACES:
        return False  # "attacked Machado in tweets": a person a place list also knows
    return phrase.ent_type_ in _PLACE_ENTITIES


def _is_armed(doc: Doc, subject: Token, knowledge: QuoteKnowledge) -> bool:
    """The subject is a military or an armed group: by its head noun or by the actors
    component's resolution."""
    if subject.dep_ == "agent":
        subject = next((c for c in subject.children if c.dep_ == "pobj"), subject)
    if subject.lower_ in knowledge.armed_nouns or subject.lemma_.lower() in knowledge.armed_nouns:
        return True
    start, end = subject.left_edge.idx, subject.idx + len(subject)
    mention = extensions.actor_mention_at(doc, start, end)
    if mention is None or mention.actor_id is None:
        return False
    actors = {a.id: a for a in extensions.get_list(doc, "ng_actors")}
    actor = actors.get(mention.actor_id)
    return actor is not None and actor.type in _ARMED_TYPES


def _mentions_harm(phrase: Token, knowledge: QuoteKnowledge) -> bool:
    """ "..., killing five", "with rockets": a casualty or a weapon goes with the verb."""
    return any(knowledge.is_harm(t) for t in phrase.subtree)
