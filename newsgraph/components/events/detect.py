"""Finding event mentions in one sentence: triggers, their senses, roles, folds and flags.

The output is a list of :class:`Mention` (tokens, type, source/target head tokens, casualty
counts, flags), which ``events.py`` links to actors, places, times and statements and merges
across the article. A trigger is looked up by lemma in dicts built once (event_lexicon); every
other step is a walk over the trigger's own dependency neighbourhood. Trigger lookup is in
``triggers``, sources and targets in ``targets``, folding in ``folds``.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..tokens import same_token
from .accused import accused_party
from .accused import load_frames as load_accusation_frames
from .attributive import attributive_killing
from .covered_place import covered_place
from .defence import fend_off
from .doers import FIRST_PERSON, correct_doers, speaker_of_conjunct
from .folds import fold_casualties, fold_embedded, fold_investigations, fold_weapon_launches
from .lexicon import Lexicon, Sense
from .magnitude import fatal_result, killing_sense, part_of_earlier, quantity_of
from .mention import Mention
from .mention_flags import set_flags
from .phrase_parts import (
    conditioned,
    phrase_objects,
    predicative_complement,
    told_before,
)
from .responses import CONDEMNING_MODES, condemned_act
from .roles import (
    NOMINAL_POS,
    child,
    coordinated,
    counted_in_phrase,
    direct_object,
    is_passive,
    is_verbal,
    misparsed_subject,
    passive_patient,
    prep_objects,
    subject_of,
    verb_chain,
)
from .target_choice import TargetChoice
from .targets import (
    LINKED,
    OBJECT_LINK_PREPS,
    PERSONAL_PRONOUNS,
    STRICT,
    choose_target,
    destination_place,
    noun_source,
    noun_target,
    support_target_candidates,
    verb_target_candidates,
)
from .token_columns import sentence_columns
from .trigger_model import TriggerModel
from .triggers import (
    carries_noun,
    in_hyphen_compound,
    lemma_candidates,
    lexicon_verb_keys,
    measured_noun,
    meets_party_conditions,
    noun_sense,
    object_sense,
    sense_object,
    struck_occasions,
    subject_sense,
    verb_keys,
)


class SentenceDetector:
    """Finds the event mentions of one sentence (a fresh instance per sentence)."""

    def __init__(
        self,
        sent: SpacySpan,
        lex: Lexicon,
        actor_tokens: set[int] | None = None,
        trigger_model: TriggerModel | None = None,
        target_choice: TargetChoice | None = None,
    ) -> None:
        self.sent = sent
        self.lex = lex
        self.actor_tokens = actor_tokens or set()
        self.trigger_model = trigger_model
        self.target_choice = target_choice
        self.mentions: list[Mention] = []
        self.owner: dict[int, Mention] = {}  # token index -> mention using it as evidence
        self.consumed: set[int] = set()  # event nouns already read as a verb's object

    # ---- building -------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        # the three passes test each token's columns, read once per doc, and build a Token
        # (once per sentence: the passes share it) only where one goes on
        columns = sentence_columns(self.sent, self.lex)
        doc = self.sent.doc
        tokens: dict[int, Token] = {}

        def token_at(i: int) -> Token:
            tok = tokens.get(i)
            if tok is None:
                tok = tokens[i] = doc[i]
            return tok

        for i in columns.verbal:
            if not in_hyphen_compound(tok := token_at(i)):
                self._verb(tok)
        for i in columns.nominal:
            if i not in self.consumed:
                self._noun(token_at(i))
        for i in columns.speech_verbal:
            self._obligation(token_at(i))
        self._attributive_killings(columns.amod)
        if self.trigger_model is not None:
            self._learned_triggers(self.trigger_model, columns.candidates)
        fold_embedded(self.mentions, self.owner)
        fold_investigations(self.mentions, self.owner)
        fold_casualties(self.mentions, self.owner, self.lex)
        fold_weapon_launches(self.mentions, self.owner, self.lex)
        for mention in self.mentions:
            if not mention.folded:
                set_flags(mention, self.lex)
                correct_doers(mention, self.lex, self._speaker_for_pronoun)
        return [m for m in self.mentions if not m.folded and m.type is not None]

    def _add(self, mention: Mention) -> Mention:
        self.mentions.append(mention)
        if mention.type == "ASSAULT":  # "bombed a meeting of X": the meeting is what was hit
            self.consumed.update(n.i for t in mention.tokens for n in struck_occasions(t, self.lex))
        for tok in mention.tokens:
            self.owner.setdefault(tok.i, mention)
        return mention

    def _attributive_killings(self, amod: list[int]) -> None:
        """ "the slain soldier": the killing of the noun's person (``attributive.py``), at the
        sentence's ``amod`` tokens (``sentence_columns``)."""
        doc = self.sent.doc
        for i in amod:
            if i in self.owner:
                continue
            tok = doc[i]
            found = attributive_killing(tok, self.lex, self.actor_tokens)
            if found is not None and found[1].i not in self.owner:
                mention = Mention(tok, [tok], found[0].type, found[0].mode, found[0])
                mention.target = found[1]
                self._add(mention)

    def _learned_triggers(self, model: TriggerModel, candidates: list[int]) -> None:
        """Events the learned detector proposes at tokens no lexicon mention uses, among the
        sentence's candidates (``sentence_columns``; ``model.propose`` answers None at once for
        every other token)."""
        doc = self.sent.doc
        for i in candidates:
            if i in self.owner or i in self.consumed:
                continue
            tok = doc[i]
            if in_hyphen_compound(tok):
                continue
            kind = model.propose(tok, self.lex, self.actor_tokens)
            if kind is None:
                continue
            sense = Sense(type=kind)
            if is_verbal(tok):
                mention = Mention(tok, [tok], kind, None, sense)
                self._verb_roles(mention)
                self._add(mention)
            else:
                self._noun_mention(tok, sense)

    def _phrase(self, verb: Token) -> tuple[Sense, Token] | None:
        lemma = next((k for k in lemma_candidates(verb) if k in self.lex.phrases), None)
        for phrase in self.lex.phrases.get(lemma or "", ()):
            holder = verb
            if phrase.xcomp:
                holder = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "xcomp" and c.lemma_.lower() in phrase.xcomp
                    ),
                    None,
                )
                if holder is None:
                    continue
            if phrase.complement:
                found = predicative_complement(holder, phrase.complement)
                if found is not None:
                    return phrase.sense, found
                continue
            for obj in phrase_objects(holder, phrase):
                party = conditioned(holder, obj, phrase.prep)
                if not meets_party_conditions(
                    phrase.sense, self._doer(verb), party, verb, self.lex
                ):
                    continue  # "workers stopped work" is a strike, "the company stopped work" not
                if phrase.sense.found_dead and told_before(obj):
                    continue  # "the bodies were found": the dead told before
                if phrase.det and not any(
                    c.dep_ == "det" and c.lower_ == phrase.det for c in obj.children
                ):
                    continue
                return phrase.sense, obj
        return None

    def _verb(self, verb: Token) -> None:
        lex = self.lex
        if verb.dep_ == "amod":
            self._participle(verb)  # "the occupied Golan" is an adjective, not an act
            return
        if verb.dep_ == "acl" and verb.lemma_.lower() in load_accusation_frames().act_objects:
            return  # "an attack attributed to X" names the act's alleged doer, no accuser
        found = self._phrase(verb)
        if found is not None:
            sense, obj = found
            self.consumed.add(obj.i)
            mention = Mention(verb, [verb, obj], sense.type, sense.mode, sense)
            self._verb_roles(mention, phrase_object=obj)
            self._add(mention)
            return
        keys = lexicon_verb_keys(verb, lex)
        verb_key = next((k for k in keys if k in lex.verbs), None)
        verb_sense = lex.verbs[verb_key] if verb_key else None
        verb_sense = killing_sense(verb, verb_sense, lex.magnitude) or verb_sense
        if verb_sense is None and not any(k in lex.support_verbs for k in keys):
            return  # neither an event verb nor a support verb: no mention below can start here
        obj = direct_object(verb) or (passive_patient(verb) if is_passive(verb) else None)
        # a particle verb with its own sense ("called off a strike") is not a support verb
        # nor is a verb that names its object ("called the protests treasonous")
        is_support = (
            any(k in lex.support_verbs for k in keys)
            and not (verb_key is not None and " " in verb_key)
            and child(verb, "oprd") is None
        )
        obj_sense = noun_sense(obj, lex) if obj is not None else None
        if is_support and obj_sense is not None and not carries_noun(verb_key, obj_sense, lex):
            is_support = False  # "struck a meeting of commanders": the verb's attack
        measured = measured_noun(obj) if obj is not None and is_support and not obj_sense else None
        measured_sense = noun_sense(measured, lex) if measured is not None else None
        if measured_sense is not None and measured_sense.type == "AID":
            obj, obj_sense = measured, measured_sense  # "announced $33 million in assistance"
        if (
            obj is not None
            and obj_sense is not None
            and obj_sense.type
            and (is_support or verb_sense is not None)
        ):
            if verb_sense is not None and verb_sense.embeds:
                pass  # "threatened a strike": the verb's event, the noun folds into it
            elif verb_sense is None or is_support:
                self.consumed.add(obj.i)
                mention = Mention(verb, [verb, obj], obj_sense.type, obj_sense.mode, obj_sense)
                if any(k in lex.receiving_verbs for k in keys):
                    self._received(mention, verb, obj)
                    self._add(mention)
                    return
                mention.source = self._speaker_for_pronoun(verb, self._doer(verb))
                mention.target = self._target(
                    verb,
                    support_target_candidates(verb, obj, obj_sense, mention.source, lex),
                    mention.source,
                    mention.type,
                    mention.type,
                )
                self._reciprocal(mention)
                self._add(mention)
                return
        if verb_sense is None or (verb_sense.needs_object and obj is None):
            return
        if not meets_party_conditions(verb_sense, self._doer(verb), obj, verb, lex):
            return
        if any(
            c.dep_ in ("xcomp", "acomp") and c.lemma_.lower() in verb_sense.not_complements
            for c in verb.children
        ):
            return  # "who asked not to be named": how the source is quoted, not a request
        by_object = object_sense(verb_sense, sense_object(verb, obj, verb_sense), lex)
        sense = subject_sense(by_object, self._doer(verb), obj, lex)
        event_type, mode = sense.type, sense.mode
        if sense.speech_type and (
            verb.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in verb.children)
        ):
            event_type, mode = sense.speech_type, None
        mention = Mention(verb, [verb], event_type, mode, sense)
        self._verb_roles(mention)
        if sense.defence:
            fend_off(mention, obj, self.consumed, lex)
        self._add(mention)

    def _received(self, mention: Mention, verb: Token, obj: Token) -> None:
        """An act the subject received ("received death threats from the militia"): CAMEO codes
        the giver, the \"from\" phrase's object, as its source and the receiver as its target."""
        mention.target = self._doer(verb)
        mention.source = next(
            (o for holder in (obj, verb) for o in prep_objects(holder, ("from",))), None
        )

    def _participle(self, verb: Token) -> None:
        """A verb the parser read as an adjective of its object: "denied attacking civilians",
        "had only targeted army positions" (no determiner before it, a verb or adverb before)."""
        noun = verb.head
        doc = verb.doc
        if verb.i != noun.left_edge.i or verb.i == 0 or noun.dep_ != "dobj":
            return
        before = doc[verb.i - 1]
        if before.pos_ not in ("VERB", "AUX", "ADV", "PART"):
            return
        if verb.tag_ == "VBN" and before.pos_ == "VERB":
            return  # a past participle after a full verb is a state: "inspected damaged homes"
        sense = next((self.lex.verbs[k] for k in verb_keys(verb) if k in self.lex.verbs), None)
        if sense is None or sense.type is None:
            return
        mention = Mention(verb, [verb], sense.type, sense.mode, sense)
        mention.source = subject_of(noun.head)
        mention.target = noun
        mention.flag_anchor = noun.head
        self._add(mention)

    def _verb_roles(self, mention: Mention, phrase_object: Token | None = None) -> None:
        verb, sense = mention.anchor, mention.sense
        if sense.source_role == "none":
            mention.source = None  # "police found the bodies": the finder did not kill them
        elif sense.source_role is not None:
            # the giver of what the subject received, the attacker it came under fire by
            preps = (sense.source_role,)
            holders = (phrase_object or direct_object(verb), verb)
            mention.source = next(
                (o for h in holders if h is not None for o in prep_objects(h, preps)), None
            )
        elif sense.target_role != "subject":
            mention.source = self._doer(verb)
        if sense.target_role == "subject":
            subj = child(verb, "nsubj", "nsubjpass")
            if subj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in NOMINAL_POS:
                subj = verb.head
            mention.target = subj
        else:
            mention.target = accused_party(verb, load_accusation_frames()) or self._target(
                verb,
                verb_target_candidates(verb, sense, phrase_object, self.lex),
                mention.source,
                mention.type,
                mention.type,
                mention.mode,
            )
        mention.source = self._speaker_for_pronoun(verb, mention.source)
        condemned = direct_object(verb) if mention.mode in CONDEMNING_MODES else None
        if condemned not in (None, phrase_object) and condemned_act(condemned, self.lex):
            mention.target = condemned  # "condemned the attack on X": the act, not X (CAMEO 111)
        if sense.count_from and phrase_object is not None:
            counted = counted_in_phrase(verb, phrase_object, sense.count_from)
            mention.target = counted  # "took the lives of 12 people": the 12 are the victims
            self._count(mention, sense.casualty, counted)
        elif casualty := sense.casualty or self._fatal(mention):
            patient = (passive_patient(verb) if is_passive(verb) else direct_object(verb)) or (
                child(verb, "nsubj") if mention.type is None else None
            )
            self._count(mention, casualty, patient)
        self._reciprocal(mention)

    def _fatal(self, mention: Mention) -> str | None:
        """ "killed" for an attack with a fatal result ("was shot to death"); a sentence "to
        death" is no attack and stays uncounted."""
        if mention.type == "ASSAULT" and fatal_result(mention.anchor, self.lex.magnitude):
            return "killed"
        return None

    def _target(
        self,
        anchor: Token,
        candidates: list[tuple[Token, int]],
        source: Token | None,
        event_type: str | None,
        mention_type: str | None,
        mode: str | None = None,
    ) -> Token | None:
        """The rules' target (``choose_target``, given ``event_type`` and ``mode``), re-decided
        by the learned choice where one is loaded (``target_choice``); a thing given, returned,
        lifted or mobilised gives way to the place it goes to (``destination_place``)."""
        chosen = choose_target(candidates, source, self.lex, self.actor_tokens, event_type, mode)
        if self.target_choice is not None:
            chosen = self.target_choice.choose(
                anchor, candidates, chosen, source, event_type, self.lex, self.actor_tokens,
                mention_type,
            )  # fmt: skip
        place = destination_place(anchor, chosen, source, mention_type, self.lex, self.actor_tokens)
        if place is not None:
            return place
        covered = covered_place(anchor, chosen, mention_type, self.lex)
        return covered if covered is not None and not same_token(covered, source) else chosen

    def _doer(self, verb: Token) -> Token | None:
        """A speaker's conjoined act's speaker (``speaker_of_conjunct``), else the verb's
        subject (``subject_of``), else an actor the parser misread as its adverb."""
        return (
            speaker_of_conjunct(verb, self.lex)
            or subject_of(verb)
            or misparsed_subject(verb, self.actor_tokens)
        )

    def _speaker_for_pronoun(self, verb: Token, source: Token | None) -> Token | None:
        """ "Syria says it will not accept": the pronoun is the speaker. A third person's
        pronoun in words that come before their speech verb is not ("They beheaded four men,
        residents told NRC": "They" is whoever the text named before; fit: 9 of the 10 such
        third-person subjects name someone else, 4 of 4 fronted "I"/"we" the speaker). Nor is
        "he" or "she" a plural speaker's ("police say he shot the passenger": ``_agrees``)."""
        if source is None or source.lower_ not in PERSONAL_PRONOUNS:
            return source
        top = verb
        for tok in verb_chain(verb):
            top = tok
        if top.i < top.head.i and source.lower_ not in FIRST_PERSON:
            return source
        if top.dep_ == "ccomp" and top.head.lemma_.lower() in self.lex.speech_verbs:
            speaker = subject_of(top.head)
            if speaker is not None and speaker.pos_ != "PRON" and _agrees(source, speaker):
                return speaker
        return source

    def _reciprocal(self, mention: Mention) -> None:
        """ "Israel and the US agreed": with no target, the second party is the target."""
        if not mention.sense.reciprocal or mention.target is not None or mention.source is None:
            return
        parties = coordinated(mention.source)
        if len(parties) >= 2:
            mention.target = parties[1]
            mention.reciprocal_split = True

    def _count(self, mention: Mention, casualty: str | None, patient: Token | None) -> None:
        if casualty is None or patient is None:
            return
        found = quantity_of(patient, self.lex.magnitude)
        if found is None:
            return
        reading, start, end = found
        if part_of_earlier(patient, self.lex.magnitude):
            reading = {**reading, "added": True}
        if mention.sense.armed_loss:
            reading = {**reading, "armed": True}  # the attackers' loss, not the victims' toll
        mention.magnitude[casualty] = reading
        mention.magnitude_tokens.append((start, end))

    def _noun(self, noun: Token) -> None:
        sense = noun_sense(noun, self.lex)
        if sense is None or sense.needs_verb or sense.type is None:
            return
        if noun.i in self.owner:
            return
        self._noun_mention(noun, sense)

    def _noun_mention(self, noun: Token, sense: Sense) -> None:
        mention = Mention(noun, [noun], sense.type, sense.mode, sense)
        mention.source = noun_source(noun, sense)
        if mention.source is not None and self._names_a_place(mention.source, noun):
            mention.source = None  # "the Pahalgam massacre": where, not who
        strict = noun_target(noun, sense, mention.source)
        candidates = [(strict, STRICT)] if strict is not None else []
        # "in X" after a noun is where it happened, not whom it hit
        for o in prep_objects(noun, tuple(p for p in OBJECT_LINK_PREPS if p not in ("in", "by"))):
            if not same_token(o, mention.source):
                candidates.append((o, LINKED))
        mention.target = self._target(noun, candidates, mention.source, None, mention.type)
        for c in noun.children:
            if c.dep_ == "acl":
                mention.extra_clause.append(c)
        if sense.casualty:
            self._count(mention, sense.casualty, next(prep_objects(noun, ("of",)), None))
        self._reciprocal_noun(mention)
        self._add(mention)

    def _names_a_place(self, modifier: Token, noun: Token) -> bool:
        """A name compounded before an event noun that no actor mention covers: a place or
        an occasion ("the Pahalgam attack", "the Christchurch shooting"), not a doer."""
        return (
            modifier.dep_ == "compound"
            and modifier.i < noun.i
            and modifier.ent_type_ in ("GPE", "LOC", "FAC", "")
            and modifier.pos_ == "PROPN"
            and modifier.i not in self.actor_tokens
        )

    def _reciprocal_noun(self, mention: Mention) -> None:
        """ "fighting between Azerbaijanis and Armenians"."""
        if not mention.sense.reciprocal or mention.source is not None:
            return
        between = next(prep_objects(mention.anchor, ("between",)), None)
        if between is not None:
            parties = coordinated(between)
            mention.source = parties[0]
            mention.target = parties[1] if len(parties) > 1 else None
            mention.reciprocal_split = True

    def _obligation(self, verb: Token) -> None:
        """ "X said Sudan must return the helicopter" is a demand of X on Sudan."""
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not is_verbal(clause):
                continue
            modal = next(
                (
                    c
                    for c in clause.children
                    if c.dep_ == "aux" and c.lower_ in self.lex.obligation_modals
                ),
                None,
            )
            if modal is None:
                continue
            subj = child(clause, "nsubj", "nsubjpass")
            speaker = subject_of(verb)
            if subj is None or speaker is None or subj.lower_ in ("we", "i"):
                continue
            sense = Sense(type="REQUEST", mode="demand", embeds=True)
            mention = Mention(verb, [verb, modal], "REQUEST", "demand", sense)
            mention.source = speaker
            mention.target = subj
            self._add(mention)
            for other in self.mentions:
                if other is not mention and same_token(other.anchor, clause):
                    other.folded = True
                    mention.tokens.append(other.anchor)


def _agrees(pronoun: Token, speaker: Token) -> bool:
    """Whether a subject pronoun may stand for the speaker of the clause: "he" and "she" name
    one person, never a plural speaker ("police say he shot", "witnesses said she fired"; GVDB
    fit: 4 such clauses, each shooter read as the police or investigators who told of it)."""
    return pronoun.lower_ not in ("he", "she") or speaker.tag_ not in ("NNS", "NNPS")
