"""Folding the mentions of one sentence: an event in the complement of an embedding trigger
("threatened to strike Lebanon") and a casualty clause ("shelled Juba, killing about 20
people") become part of the mention they belong to."""

from __future__ import annotations

from spacy.tokens import Token

from ..tokens import has_head
from .accused import accused_doer, load_frames
from .cameo_codes import hostile_appeal_mode
from .doers import weapon_use_clause
from .lexicon import Lexicon
from .mention import Mention
from .roles import child, is_passive, prep_objects

THREAT_MODES = {
    "ASSAULT": "violence",
    "COERCE": "restrict",
    "SANCTION": "sanctions",
    "MOBILIZE": "violence",
    "PROTEST": "restrict",
}

# commands by an authority: what they order is what they do (fit: "ordered ... to suspend
# publication(s)", 1 ConfliBERT sentence class 4 and 1 PLOVER record COERCE; "ordered the
# assassination/murder/attack of X", "the killing had been ordered by X": 5 times in 4 MUC-4
# fit documents, every orderer a gold perpetrator, as MUC-4 and CAMEO code who orders an act)
COMMAND_LEMMAS = frozenset({"order"})
# the types of an ordered act that become the order's own type
ORDERED_TYPES = frozenset({"COERCE", "ASSAULT"})

# the conflict types an intent to do is a threat (CAMEO 13: threaten force, sanctions, protest)
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})


# conjunctions that put a clause's act before or after its head's, not at the same moment
SEQUENCE_MARKS = frozenset({"after", "before", "since", "until"})
# conjunctions that put a clause's act at the same moment as its head's
MOMENT_MARKS = frozenset({"when", "as", "while"})

# what a weapon is, as a clause's subject: no doer ("when a car bomb exploded")
WEAPON_CLASSES = ("arms", "explosives", "projectiles", "artillery_shells")

# a place or party an attack names as its target: its casualties do not replace it
NAMED_TARGET_ENTS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"})


def mention_at(owner: dict[int, Mention], token: Token | None) -> Mention | None:
    if token is None:
        return None
    mention = owner.get(token.i)
    return mention if mention is not None and not mention.folded else None


def fold_into(
    owner: dict[int, Mention], host: Mention, inner: Mention, take_target: bool = True
) -> None:
    inner.folded = True
    host.tokens.extend(t for t in inner.tokens if t not in host.tokens)
    if take_target and (host.target is None or host.target in inner.tokens):
        # "threatened a strike on Lebanon": the target is the strike's, not the strike
        host.target = inner.target
    for key, value in inner.magnitude.items():
        host.magnitude.setdefault(key, value)
    host.magnitude_tokens.extend(inner.magnitude_tokens)
    for tok in inner.tokens:
        owner[tok.i] = host


def fold_embedded(mentions: list[Mention], owner: dict[int, Mention]) -> None:
    """An event in the complement of an embedding trigger is part of it: "threatened to
    strike Lebanon", "threatened a strike against Lebanon", "accused X of committing a
    massacre", "demanded that Hamas renounce", "threats of aggression toward Lebanon"."""
    for host in list(mentions):
        if host.folded or not host.sense.embeds or host.type is None:
            continue  # a verb that lost its event to its object ("pressed the attack")
        anchor = host.anchor
        inner_tokens: list[Token] = []
        for c in anchor.children:
            if c.dep_ in ("xcomp", "ccomp", "dobj") or (c.dep_ == "acl" and anchor.pos_ == "NOUN"):
                inner_tokens.append(c)
            if c.dep_ == "nsubjpass" and anchor.lemma_.lower() in COMMAND_LEMMAS:
                inner_tokens.append(c)  # "the killing had been ordered by X"
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "for", "against"):
                inner_tokens.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
        for tok in inner_tokens:
            inner = mention_at(owner, tok)
            if inner is None or inner is host or _charged_act(tok, inner):
                continue
            fold_into(owner, host, inner)
            if (
                host.type == "AGREE"
                and not host.sense.reciprocal
                and inner.type in FORCE_TYPES
                and not any(c.dep_ == "neg" for c in inner.anchor.children)
            ):
                # CAMEO 03 is intent to cooperate; a vow or pledge to strike is 13 THREATEN
                # ("offered to send troops" to help stays an offer; "vowed not to strike" is
                # restraint, no threat)
                host.type, host.mode = "THREATEN", None
            if host.anchor.lemma_.lower() in COMMAND_LEMMAS and inner.type in ORDERED_TYPES:
                # an authority's order to restrict is the coercion (CAMEO 17): "ordered the
                # newspapers to suspend publication" is censorship, not a demand; who orders
                # a killing is its doer ("ordered the assassination of X"), its victim the
                # order's target (not a place the order names)
                if inner.type == "ASSAULT":
                    host.target = inner.target or host.target
                host.type, host.mode = inner.type, inner.mode
            if host.type == "THREATEN" and host.mode is None:
                host.mode = THREAT_MODES.get(inner.type or "", "relations")
            if host.type == "REQUEST" and host.mode == "appeal":
                host.mode = hostile_appeal_mode(inner.type) or host.mode


def fold_weapon_launches(mentions: list[Mention], owner: dict[int, Mention], lex: Lexicon) -> None:
    """ "A drone launched from Yemen hit Eilat" is one ASSAULT: the launch participle of the
    weapon that is the attack verb's active subject is part of that attack, not a second
    event with no parties (its mode, "drone", goes to the attack that has none)."""
    for inner in mentions:
        if inner.folded:
            continue
        host = mention_at(owner, weapon_use_clause(inner.anchor, lex))
        if host is None or host is inner or host.type != "ASSAULT":
            continue
        fold_into(owner, host, inner)
        host.mode = host.mode or inner.mode
        host.source = host.source or inner.source


def _charged_act(token: Token, inner: Mention) -> bool:
    """An act an accusing verb charges someone with ("blamed the rebels for the bombing",
    ``accused_doers.yaml``) stays an event of its own: its doer is the accused, as the
    accusation alleges (``component._charged_doer``), not part of the ACCUSE event."""
    frames = load_frames()
    return inner.type in frames.types and accused_doer(token, frames) is not None


# sending people to find out is the investigation itself (CAMEO 09 investigate: "sent seven
# military experts to investigate the attacks"; fit: 3 ConfliBERT sentences, all class 3)
SENDING_LEMMAS = frozenset({"send", "deploy", "dispatch"})


def fold_investigations(mentions: list[Mention], owner: dict[int, Mention]) -> None:
    """ "sent experts to investigate X" is one ACCUSE (investigate) event of the sender."""
    for host in mentions:
        if host.folded or host.anchor.lemma_.lower() not in SENDING_LEMMAS:
            continue
        for c in host.anchor.children:
            inner = mention_at(owner, c) if c.dep_ in ("xcomp", "advcl") else None
            if inner is None or inner is host or inner.type != "ACCUSE":
                continue
            if inner.mode != "investigate":
                continue
            fold_into(owner, host, inner)
            host.type, host.mode = inner.type, inner.mode
            break


def fold_casualties(mentions: list[Mention], owner: dict[int, Mention], lex: Lexicon) -> None:
    """ "shelled Juba ..., killing about 20 people" is one ASSAULT with a magnitude."""
    told_apart: list[tuple[Mention, Mention]] = []
    for mention in list(mentions):
        if mention.folded or not mention.sense.casualty or mention.anchor.pos_ == "NOUN":
            continue
        if mention.sense.found_dead:
            continue  # "bodies were found a day after they were kidnapped": a record of its own
        host = casualty_host(mentions, owner, mention)
        if host is None:
            continue
        if mention.type is not None and is_moment_clause_act(mention.anchor, host, lex):
            # "two rangers were killed when insurgents detonated a bomb": the casualties and
            # the bombing are two records, the casualties' doer the clause's; a gapped
            # conjunct ("and four others wounded when ...") joins the casualties before it
            head = mention.anchor.head if mention.anchor.dep_ == "conj" else None
            first = mention_at(owner, head)
            if first is not None and first.sense.casualty and first.type is not None:
                fold_into(owner, first, mention, take_target=False)
                continue
            if mention.source is None:
                mention.source = host.source
            if _on_themselves(host.anchor, lex):
                # "when a suicide bomber blew himself up": the bombing is the killing itself
                fold_into(owner, mention, host, take_target=False)
                continue
            mention.apart = host.apart = True
            continue
        if is_participle_killing(mention, host):
            # "stormed a police post, killing four officers": the attack and the killing are
            # two records (WikiEvents fit: 6 such participles, both triggers gold in 4); the
            # killing's doer the attack's, the attack keeps its target (or takes the dead) and
            # its toll, as before (probes J, K, L code the count on the attack's line). The
            # participle has no subject of its own, so its doer is the act's, never the act's
            # "on" object ("fired on protesters, killing five": not the protesters)
            mention.source = host.source
            if host.target is None and host.type in ("ASSAULT", "COERCE"):
                host.target = mention.target
            told_apart.append((host, mention))
            mention.apart = host.apart = True
            continue
        patient = mention.target
        if mention.type is None and patient is None:  # "12 people died"
            patient = child(mention.anchor, "nsubj", "nsubjpass")
        fold_into(owner, host, mention, take_target=False)
        heads_host = _kills_below(mention, host)
        if (
            (host.target is None or heads_host)
            and patient is not None
            and host.type in ("ASSAULT", "COERCE")
        ):
            host.target = patient
        if host.source is None and mention.type is not None:
            # even the host's own trigger ("the bombings that killed ..."), as before: the
            # identity test meant to skip it never held, and skipping it cost one held-out
            # source each on PLOVER and ConfliBERT (docs/events.md, "Token identity")
            host.source = mention.source
    for host, killing in told_apart:  # once its own conjuncts ("and injuring 30") are in
        for key, value in killing.magnitude.items():
            host.magnitude.setdefault(key, dict(value))


def _kills_below(mention: Mention, host: Mention) -> bool:
    """Whether an active casualty verb heads the clause its host, a nominal attack on a thing
    that names no party or place, hangs below ("a suicide attack on a convoy killed eight
    people", "killed several fighters after an air strike on a building"): CAMEO codes an
    actor as the target, and the dead are the actor the sentence's act hit (ConfliBERT fit: 2
    of 2). The attack's target stays where it names a place or party ("the strike on Khan
    Younis wounded dozens": one event with the strike's other mentions), where the casualty
    clause hangs on the attack ("attacked the city, killing dozens": 0 of 6 fit sentences code
    the dead), where the dead are a passive subject ("23 civilians were killed as forces
    launched strikes against X": the attack's target, 2 of 2), and where the host is a clause
    ("killed 23 people when they blew themselves up in X": PLOVER codes X)."""
    verb, attack, struck = mention.anchor, host.anchor, host.target
    named = struck is not None and struck.ent_type_ in NAMED_TARGET_ENTS
    return attack.pos_ == "NOUN" and not named and not is_passive(verb) and verb in attack.ancestors


def casualty_host(
    mentions: list[Mention], owner: dict[int, Mention], mention: Mention
) -> Mention | None:
    verb = mention.anchor
    candidates: list[Token | None] = []
    attached = ("advcl", "conj", "relcl", "acl", "xcomp", "ccomp")
    if verb.dep_ in attached and has_head(verb) and not is_earlier_or_later_act(verb):
        # "accused the army of bombing a school, killing 17": the bombing killed them
        head = verb.head
        candidates.extend(
            g
            for c in (*head.children, *(g for o in head.children for g in o.children))
            if c.dep_ == "prep" and c.lower_ == "of" and c.i < verb.i
            for g in c.children
            if g.dep_ in ("pcomp", "pobj")
        )
        candidates.append(verb.head)
    heads = len(candidates)
    candidates.append(child(verb, "nsubj"))
    candidates.append(next(prep_objects(verb, ("by",)), None))
    # "were wounded when Hezbollah fired rockets"; "were killed and 30 others wounded when
    # bombers blew themselves up": the clause after the last conjunct closes them all
    candidates.extend(c for c in verb.children if c.dep_ == "advcl")
    candidates.extend(
        g
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ == "VERB"
        for g in c.children
        if g.dep_ == "advcl"
    )
    for prep in ("in", "of", "from", "during", "after"):
        candidates.extend(prep_objects(verb, (prep,)))
    for c in verb.children:  # "died as a result of torture"
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.subtree:
                candidates.append(g)
    for number, token in enumerate(candidates):
        host = mention_at(owner, token)
        if (
            host is not None
            and host is not mention
            and host.type is not None
            and not host.sense.defence  # "repelled the attack, killing 17": the killing's own
            and (host.type in ("ASSAULT", "COERCE", "PROTEST") or mention.type is None)
            and not (number >= heads and is_arrest_for(mention, host))
        ):
            return host
    if mention.type is None:
        for other in mentions:
            if other is not mention and not other.folded and other.type == "ASSAULT":
                return other
    return None


def _on_themselves(verb: Token, lex: Lexicon) -> bool:
    """An act whose object is its doer ("blew himself up")."""
    selves = lex.object_class_sets.get("selves", frozenset())
    return any(c.dep_ == "dobj" and c.lower_ in selves for c in verb.children)


def is_moment_clause_act(verb: Token, act: Mention, lex: Lexicon) -> bool:
    """A passive casualty verb and the act of a "when"/"as"/"while" clause with its own subject
    hung on it or on its last conjunct ("were killed and four others wounded when insurgents
    detonated a roadside bomb"): two events, the casualties and the act that caused them. Only
    an act with a doer (not a weapon) or a direct object: "when a car bomb exploded" names no
    party of its own and stays the casualties' act (MUC-4 fit: one such sentence, whose
    physical target the fold's record keeps)."""
    clause = act.anchor
    gapped = verb.dep_ == "conj" and has_head(verb) and is_passive(verb.head)
    if not (is_passive(verb) or gapped) or clause.dep_ != "advcl":
        return False
    if child(clause, "nsubj") is None or not any(
        c.dep_ in ("mark", "advmod") and c.lower_ in MOMENT_MARKS for c in clause.children
    ):
        return False
    if not (clause.head == verb or (clause.head.dep_ == "conj" and clause.head.head == verb)):
        return False
    # the weapon lists only once the sentence's shape has matched (a hot path: every fold)
    weapons = set().union(*(lex.object_class_sets.get(c, ()) for c in WEAPON_CLASSES))
    doer = act.source is not None and act.source.lemma_.lower() not in weapons
    return doer or child(clause, "dobj") is not None


def is_participle_killing(mention: Mention, host: Mention) -> bool:
    """ "militants stormed a police post, killing four officers": a participle after a comma,
    hung on its act, with no subject of its own and a count of dead of its own (a number or
    one person), tells the killing as its own record. "Shot and killed" (a conjunct) and a
    participle with no count ("killing him") stay one record."""
    verb = mention.anchor
    return (
        mention.type is not None
        and mention.sense.casualty == "killed"
        and verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "xcomp")
        and verb.head == host.anchor
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and child(verb, "nsubj", "nsubjpass") is None
        and mention.target is not None
        and bool((mention.magnitude.get("killed") or {}).get("min"))
    )


def is_earlier_or_later_act(verb: Token) -> bool:
    """A casualty clause with its own subject after "after", "before", "since" or "until"
    tells an act of its own, earlier or later than its head's ("the Houthis attacked a ship,
    hours after American strikes killed 31 people"; "police arrested him after gunmen killed
    two"): its dead are not the head's. Its subject's mention ("strikes") still takes them.
    "When", "as" and "while" clauses tell the same moment and still fold ("were killed when
    drones attacked"); a participle with no subject of its own ("fled after killing three")
    is the head's doer's act and folds as before: the parser makes it the preposition's
    ``pcomp``, no ``advcl``, and the subject test keeps it so where a parse says ``advcl``."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKS for c in verb.children)
        and child(verb, "nsubj", "nsubjpass") is not None
    )


def is_arrest_for(mention: Mention, host: Mention) -> bool:
    """An arrest whose own clause or phrase names an act other than a coercion gives its reason,
    not the act it counts: "police arrested four people after a bomb exploded", "detained a
    suspect in the shrine bombing" are arrests (CAMEO 173, PLOVER COERCE arrest) by the police,
    apart from the bombing (CAMEO 18). Arrests in a raid or crackdown ("20 were arrested in the
    raid", COERCE) and an arrest clause hung on an attack ("stormed the village, arresting 20")
    still count into it."""
    return mention.sense.casualty == "arrested" and host.type != "COERCE"
