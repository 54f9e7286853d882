"""Who did it, when the clause's subject is not the doer (rules run after roles and flags).

- A weapon named by where it was made is no doer: "an Iranian-made rocket hit the town" names
  Iran as the maker; the doer is unknown (CAMEO codes the actor who acts, not its equipment).
- "X is not responsible for firing the rocket", "X denied responsibility for the attack": the
  act is X's (CAMEO 015/016, claim or deny responsibility), negated when X denies it.
- Armed men marching into a town move forces (PLOVER MOBILIZE), they do not demonstrate.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..tokens import has_head
from .lexicon import Lexicon
from .mention import Mention
from .roles import agent_of, is_verbal, negated, subject_of
from .triggers import of_classes

ARMED_CLASSES = ("military", "troops")
FIRST_PERSON = frozenset({"i", "we"})


def weapon_of_origin(token: Token, lex: Lexicon) -> bool:
    """``token`` heads a weapon phrase with a maker's modifier ("Iranian-made rocket")."""
    if "arms" not in lex.classes_of(token.lemma_.lower()):
        return False
    return any(
        t.lower_ in lex.origin_participles and 0 < t.i < token.i and t.nbor(-1).text == "-"
        for t in token.subtree
    )


def weapon_user(token: Token, lex: Lexicon) -> Token | None:
    """Who used the weapon ``token`` heads, by the agent of its participle ("a drone launched
    by Ukrainian forces", "missiles fired by the army"); None for any other phrase."""
    for c in token.children:
        if tells_weapon_use(c, lex):
            agent = agent_of(c)
            if agent is not None:
                return agent
    return None


def tells_weapon_use(participle: Token, lex: Lexicon) -> bool:
    """Whether ``participle`` is a use participle on a weapon noun ("a drone *launched* ...",
    "missiles *fired* ...")."""
    return (
        participle.dep_ == "acl"
        and participle.lower_ in lex.weapon_use_participles
        and "arms" in lex.classes_of(participle.head.lemma_.lower())
    )


def weapon_use_clause(participle: Token, lex: Lexicon) -> Token | None:
    """The verb whose active subject is the weapon ``participle`` tells the use of ("a drone
    launched from Yemen hit Eilat": hit): the launch and the hit are one attack. None for any
    other participle; a weapon that is an object or a passive subject ("shot down a drone
    launched from Yemen", "the missile fired at the city was intercepted") is what another
    act met, not the act itself."""
    weapon = participle.head
    if not tells_weapon_use(participle, lex) or weapon.dep_ != "nsubj" or not has_head(weapon):
        return None
    return weapon.head


def after_backer(head: Token, start: int, lex: Lexicon) -> int:
    """Where a party phrase's own name may start: after a backer's compound ("the
    Iran-backed militia": Iran backs the militia and is not the party), else ``start``."""
    for t in head.doc[start + 1 : head.i]:
        if t.lower_ in lex.backer_participles and t.nbor(-1).text == "-":
            start = t.i + 1
    return start


def responsibility_frame(anchor: Token, lex: Lexicon) -> tuple[Token, Token | None, bool] | None:
    """(clause verb, holder, denied) when the event sits in "<holder> is/claims/denies
    responsibility for <event>"; None when it does not."""
    prep = anchor.head
    if anchor.dep_ not in ("pcomp", "pobj") or prep.lower_ != "for" or not has_head(anchor):
        return None
    word = prep.head
    if word.lemma_.lower() not in lex.responsibility_words:
        return None
    clause = word.head if word.dep_ in ("acomp", "dobj", "attr", "oprd") else word
    if not is_verbal(clause):
        return None
    denied = (
        negated(clause, lex)
        or any(c.dep_ == "neg" for c in word.children)
        or clause.lemma_.lower() in lex.negating_verbs
    )
    return clause, subject_of(clause), denied


def _own_word(mention: Mention, token: Token) -> bool:
    """ "claimed responsibility for the attack that killed X": the relative clause's subject
    is the attack itself, no doer of it."""
    return any(t.i == token.i for t in mention.tokens)


def armed_subject(token: Token, lex: Lexicon) -> bool:
    """ "fighters", "a column of troops": armed men, by their noun's object class."""
    return of_classes(token, ARMED_CLASSES, lex)


def owning_pronoun(token: Token, lex: Lexicon) -> Token | None:
    """The possessive pronoun of armed men ("denied that its forces had shelled the town",
    "said its forces had shot down 11 drones"): whose forces they are is its antecedent."""
    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    return owner if owner is not None and armed_subject(token, lex) else None


PronounResolver = Callable[[Token, Token | None], Token | None]


def correct_doers(mention: Mention, lex: Lexicon, speaker_for: PronounResolver) -> None:
    """Apply the rules above to one mention whose roles and flags are set (``speaker_for``:
    "we" in a quote is its speaker)."""
    if mention.source is not None and weapon_of_origin(mention.source, lex):
        mention.source = None
    frame = responsibility_frame(mention.anchor, lex)
    if frame is not None:
        clause, holder, denied = frame
        if mention.source is None or _own_word(mention, mention.source):
            mention.source = speaker_for(clause, holder)
        mention.negated = mention.negated or denied
    if (
        mention.type == "PROTEST"
        and mention.mode == "demonstrate"
        and mention.source is not None
        and armed_subject(mention.source, lex)
    ):
        mention.type, mention.mode = "MOBILIZE", "troops"


# What a speaker does besides reporting: a charge, a refusal, an appeal, a pledge (the CAMEO
# 01-02 and 11-12 families of verbal acts)
SPEAKER_ACT_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "AGREE"})
REPORTING_TYPES = frozenset({"ACCUSE", "REJECT"})  # "denied that ...", "claimed that ..."


def speaker_of_conjunct(verb: Token, lex: Lexicon) -> Token | None:
    """The speaker, for a verbal act the parser conjoined to what the speaker reports: "Hun
    Manet said the country's troops would defend the border and accused Thailand" (the
    accusation is Hun Manet's, not the troops'); None where the rule does not apply. Only a
    subjectless, active verb of a speaker's act (``SPEAKER_ACT_TYPES``) conjoined to the
    clausal complement of a speech verb (or of a denial or claim) that comes after it.
    Fit: 14 such conjuncts in the eight fit sets: the speaker's act in 5 where the two readings
    differ (vowed, sought, appealed, promises, advised), the reported subject's in 1 ("said
    that Escobar planned and ordered the attack"); 3 name one party either way; 2 passives
    left out. A threat is left out (warned: the speaker's, threatened: the reported
    subject's, once each); material acts stay the reported subject's (34 of 34 in the fit
    texts: "said it killed a soldier and wounded three more")."""
    if verb.dep_ != "conj" or not has_head(verb) or verb.pos_ != "VERB":
        return None
    sense = lex.verbs.get(verb.lemma_.lower())
    if sense is None or sense.type not in SPEAKER_ACT_TYPES:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "auxpass") for c in verb.children):
        return None
    content = verb.head
    if content.dep_ != "ccomp" or not has_head(content) or content.i < content.head.i:
        return None
    speech = content.head
    said = speech.lemma_.lower()
    speech_sense = lex.verbs.get(said)
    if said not in lex.speech_verbs and (
        speech_sense is None or speech_sense.type not in REPORTING_TYPES
    ):
        return None
    reported = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    if reported is None or speaker is None:
        return None
    return speaker
