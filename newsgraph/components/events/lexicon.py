"""The event knowledge the ``newsgraph_events`` component reads: PLOVER types and triggers.

Everything comes from YAML files under ``data/en/`` beside this module (``plover.yaml``,
``wordnet_triggers.yaml``, ``event_triggers.yaml``, ``magnitude.yaml``), loaded once per
process. ``wordnet_triggers.yaml`` is generated (``tools/build_wordnet_triggers.py``: the
codebook entries of ``event_triggers.yaml`` generalised through WordNet); the hand file's
entries override it; it is read with ``load_lexicon(wordnet=True)`` only. Users extend the
lexicon by passing extra trigger files to :func:`load_lexicon`; later files override earlier
entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...datafiles import data_dir, load_yaml
from ..actors.kb import load_description_rules

DATA_DIR = data_dir(__package__)
# the hand trigger file, and the one generated from it through WordNet (read first, so that
# hand entries win; only with ``wordnet=True``)
TRIGGER_FILE = "event_triggers.yaml"
WORDNET_TRIGGER_FILE = "wordnet_triggers.yaml"

MATERIAL_TYPES = frozenset(
    {
        "ASSAULT",
        "COERCE",
        "SANCTION",
        "PROTEST",
        "MOBILIZE",
        "AID",
        "COOPERATE",
        "RETREAT",
        "CONCEDE",
    }
)


@dataclass(frozen=True, slots=True)
class Sense:
    """What one trigger word means: a PLOVER type (or only a casualty count) and its roles."""

    type: str | None
    mode: str | None = None
    casualty: str | None = None
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ("by", "from")
    by_object: dict[str, Sense] = field(default_factory=dict)
    by_modifier: dict[str, Sense] = field(default_factory=dict)
    # verbs with no object: subject classes that give another type/mode ("a bomb blew up")
    by_subject: dict[str, Sense] = field(default_factory=dict)
    negated_type: str | None = None
    reciprocal: bool = False
    embeds: bool = False
    needs_verb: bool = False
    needs_object: bool = False
    speech_type: str | None = None
    prefer_preps: bool = False
    # phrases and object senses: the preposition ("by", "from") whose object is the source
    # instead of the subject ("came under fire by", "received assurances from")
    source_role: str | None = None
    target_role: str | None = None  # phrases and object senses: "subject" instead of the object
    # phrases: count the casualties in this prep's object, or "subject" in the verb's subject
    count_from: str | None = None
    # verbs: complement lemmas that make the verb a reporting formula ("asked not to be named")
    not_complements: tuple[str, ...] = ()
    # verbs: object classes one of which the subject must be ("troops crossed the border")
    needs_subject: tuple[str, ...] = ()
    # object classes its subject must not be ("police ended the protest" is no concession)
    not_subject: tuple[str, ...] = ()
    # verbs: object classes one of which its object (or passive subject) must be ("neutralised
    # 41 terrorists", not "neutralised the threat")
    needs_object_class: tuple[str, ...] = ()
    # verbs: the count is the armed men a side says it killed ("neutralised 41 terrorists"):
    # the attackers' loss, part of the incident, not its victims' toll (``"armed"`` on the
    # reading; the link stage and the story summary keep it apart from the toll)
    armed_loss: bool = False
    # verbs: the object, or a target preposition's object, must be a place ("entered the town")
    needs_place: bool = False
    # verbs: fighting off an act ("repelled the attack"): the act fended off is no record of
    # its own unless it names its author, who is the target; no casualty clause folds into it
    defence: bool = False
    # verbs: with no object, the subject of a clausal complement is read as the object by
    # ``by_object`` ("allowed observers to monitor the vote": the parser makes it a clause)
    clause_object: bool = False
    # phrases: dead found ("the bodies of eight people were found"): a record of its own that
    # folds into no other act of the sentence; dead told before ("the bodies were found",
    # "six more bodies", ``phrase_parts.told_before``) are no mention
    found_dead: bool = False

    def with_override(self, override: Sense) -> Sense:
        """This sense with another type/mode (from ``by_object``/``by_modifier``/``by_subject``),
        and the override's target prepositions where it names some ("a bomb blew up near")."""
        return replace(
            self,
            type=override.type,
            mode=override.mode,
            target_preps=override.target_preps or self.target_preps,
            source_role=override.source_role or self.source_role,
            target_role=override.target_role or self.target_role,
            by_object={},
            by_modifier={},
            by_subject={},
        )


@dataclass(frozen=True, slots=True)
class Phrase:
    """A verb with a fixed object (``hold talks``) or preposition + object (``come under fire``)."""

    verb: str
    objects: frozenset[str]
    sense: Sense
    prep: str | None = None
    xcomp: frozenset[str] = frozenset()
    det: str | None = None  # the object must have this determiner ("have no tanks left")
    # instead of an object, a predicative complement of the verb ("found the officer guilty")
    complement: frozenset[str] = frozenset()
    # the phrase holds only when one of its sense's target prepositions has an object on the
    # verb or on the phrase's object ("used mortars against the posts", not "used mortars
    # during an attack")
    needs_target_prep: bool = False


@dataclass(frozen=True, slots=True)
class TypeInfo:
    cameo: str
    quad: str
    modes: tuple[str, ...]
    cameo_roots: tuple[str, ...]
    # modes that are another CAMEO root, with that root's quad class (CAMEO manual): a PLOVER
    # REQUEST that appeals ("urged", "called on") is CAMEO 02, verbal cooperation, not 10
    mode_codes: tuple[tuple[str, str, str], ...] = ()

    def codes(self, mode: str | None) -> tuple[str, str]:
        """(CAMEO root, quad class) of an event of this type in ``mode``."""
        for name, cameo, quad in self.mode_codes:
            if name == mode:
                return cameo, quad
        return self.cameo, self.quad


@dataclass(frozen=True, slots=True)
class Background:
    """The ``background`` rules of the trigger file (see ``event_background``)."""

    history_years: int | None = 10
    ongoing_preps: frozenset[str] = frozenset({"since"})
    retrospective_modifiers: frozenset[str] = frozenset()
    wish_verbs: frozenset[str] = frozenset()
    individuals: frozenset[str] = frozenset()
    thing_classes: frozenset[str] = frozenset({"place"})

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> Background:
        data = data or {}
        years = data.get("history_years", cls.history_years)
        return cls(
            history_years=int(years) if years else None,
            ongoing_preps=frozenset(_words(data.get("ongoing_preps") or ("since",))),
            retrospective_modifiers=frozenset(data.get("retrospective_modifiers") or ()),
            wish_verbs=frozenset(data.get("wish_verbs") or ()),
            individuals=frozenset(data.get("individuals") or ()),
            thing_classes=frozenset(data.get("thing_classes") or ("place",)),
        )


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, Sense]
    nouns: dict[str, Sense]
    phrases: dict[str, list[Phrase]]  # by verb lemma
    support_verbs: frozenset[str]
    # support verbs whose subject receives the noun's act ("received threats from"): the giver,
    # in the "from" phrase, is its source
    receiving_verbs: frozenset[str]
    object_classes: dict[str, str]  # noun lemma -> class (first class listing it wins)
    object_class_sets: dict[str, frozenset[str]]
    modals: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_preps: tuple[tuple[str, ...], ...]
    embedding_verbs: frozenset[str]
    embedding_adjectives: frozenset[str]
    hypothetical_nouns: frozenset[str]
    negating_verbs: frozenset[str]
    deferring_verbs: frozenset[tuple[str, ...]]  # "refrain from", "hold off on", "put off"
    speech_verbs: frozenset[str]
    not_speech_cues: frozenset[str]
    obligation_modals: frozenset[str]
    message_nouns: frozenset[str]
    origin_participles: frozenset[str]
    weapon_use_participles: frozenset[str]
    backer_participles: frozenset[str]
    responsibility_words: frozenset[str]
    types: dict[str, TypeInfo]
    speech_acts: dict[str, str]
    magnitude: dict[str, Any]
    background: Background = field(default_factory=Background)
    # nominal triggers kept as events with no source, target or count (``bare_nominal_types``)
    bare_nominal_types: frozenset[str] = frozenset()
    # classes read only by a sense's ``needs_object_class`` (``condition_classes``), never by
    # ``classes_of``, whose classes the learned models take as features
    condition_class_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    # verbs whose subject is an occurrence ("the clashes erupted"); a particle or object verb
    # ("take place", "break out") as a tuple of its words (``happening_verbs``)
    happening_verbs: frozenset[tuple[str, ...]] = frozenset()
    # verbs of a purpose clause whose object is whom an act is for ("sent aid to help the
    # victims": CAMEO codes the party helped as the target, ``beneficiary_verbs``)
    beneficiary_verbs: frozenset[str] = frozenset()
    # verbs whose complement does not happen when they are negated ("will not allow the city to
    # be bombed", ``permission_verbs``)
    permission_verbs: frozenset[str] = frozenset()
    # statement cues that report, never accuse ("according to X"): like ``speech_verbs``, a
    # statement under them that tells another's harm is no ACCUSE of its own
    report_cues: frozenset[str] = frozenset()
    # support verbs with an attack sense of their own, and the only noun types they carry
    # ("struck a deal" is an AGREE; "struck a meeting of commanders" is the verb's attack,
    # ``support_verb_types``)
    support_verb_types: dict[str, frozenset[str]] = field(default_factory=dict)
    # every word sequence a multiword noun trigger ends in ("strike" of "air strike"): a noun
    # outside it needs no look at its modifiers
    compound_tails: frozenset[str] = field(init=False, default=frozenset())
    # the first word of every multiword verb or support-verb key ("carry" of "carry out"): a
    # verb whose lemma is none of them needs no look for its particle
    particle_heads: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        self.compound_tails = frozenset(
            key[i + 1 :] for key in self.nouns for i, char in enumerate(key) if char == " "
        )
        self.particle_heads = frozenset(
            key.partition(" ")[0] for key in (*self.verbs, *self.support_verbs) if " " in key
        )

    def may_head_noun_trigger(self, lemma: str) -> bool:
        """Whether a noun of (lower-case) ``lemma`` can be a trigger by its lemma, alone or
        ending a compound ("strike" of "air strike"); a noun whose lemma cannot may still be
        one by its word (``nouns``). ``triggers.noun_sense`` looks no further at other nouns."""
        return lemma in self.compound_tails or lemma in self.nouns

    def classes_of(self, lemma: str) -> set[str]:
        return {name for name, words in self.object_class_sets.items() if lemma in words}

    def condition_classes_of(self, lemma: str) -> set[str]:
        """The object classes and the condition classes of ``lemma``."""
        conditions = {n for n, words in self.condition_class_sets.items() if lemma in words}
        return self.classes_of(lemma) | conditions


def _word(value: Any) -> str:
    """YAML 1.1 reads a bare ``on``/``off`` as a boolean; prepositions are words."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


def _words(values: Any) -> tuple[str, ...]:
    return tuple(_word(v) for v in values or ())


def _sense(entry: dict[str, Any]) -> Sense:
    def overrides(key: str) -> dict[str, Sense]:
        return {
            str(k): Sense(
                type=v.get("type"),
                mode=v.get("mode"),
                target_preps=_words(v.get("target_preps")),
                source_role=v.get("source"),
                target_role=v.get("target"),
            )
            for k, v in (entry.get(key) or {}).items()
        }

    return Sense(
        type=entry.get("type"),
        mode=entry.get("mode"),
        casualty=entry.get("casualty"),
        target_preps=_words(entry.get("target_preps")),
        source_preps=_words(entry.get("source_preps")) or ("by", "from"),
        by_object=overrides("by_object"),
        by_modifier=overrides("by_modifier"),
        by_subject=overrides("by_subject"),
        negated_type=entry.get("negated_type"),
        reciprocal=bool(entry.get("reciprocal", False)),
        embeds=bool(entry.get("embeds", False)),
        needs_verb=bool(entry.get("needs_verb", False)),
        needs_object=bool(entry.get("needs_object", False)),
        speech_type=entry.get("speech_type"),
        prefer_preps=bool(entry.get("prefer_preps", False)),
        source_role=entry.get("source"),
        target_role=entry.get("target"),
        count_from=entry.get("count_from"),
        not_complements=_words(entry.get("not_complements")),
        needs_subject=_words(entry.get("needs_subject")),
        not_subject=_words(entry.get("not_subject")),
        needs_object_class=_words(entry.get("needs_object_class")),
        armed_loss=bool(entry.get("armed_loss", False)),
        needs_place=bool(entry.get("needs_place", False)),
        defence=bool(entry.get("defence", False)),
        clause_object=bool(entry.get("clause_object", False)),
        found_dead=bool(entry.get("found_dead", False)),
    )


def _read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return load_yaml(handle) or {}


def _merge_triggers(files: tuple[Path, ...]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in files:
        data = _read(path)
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + value
            else:
                merged[key] = value
    return merged


@lru_cache(maxsize=1)
def wordnet_entry_types() -> dict[str, dict[str, tuple[str, str]]]:
    """The WordNet-generated entries the hand file does not list, by part of speech ("verbs",
    "nouns"): lemma -> (PLOVER type, the relation chain that reached it). Read even when the
    entries are off, so a learned model can weigh them as evidence instead of verdicts."""
    generated = _read(DATA_DIR / WORDNET_TRIGGER_FILE)
    hand = _read(DATA_DIR / TRIGGER_FILE)
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for part in ("verbs", "nouns"):
        listed = hand.get(part) or {}
        out[part] = {
            str(lemma): (str(entry["type"]), str(entry["wordnet"]["relation"]))
            for lemma, entry in (generated.get(part) or {}).items()
            if lemma not in listed and entry.get("type")
        }
    return out


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = (), wordnet: bool = False) -> Lexicon:
    """The lexicon from the bundled files plus ``extra_files`` (built once per argument);
    with ``wordnet``, the WordNet generalisation of the hand entries below them."""
    bundled = (WORDNET_TRIGGER_FILE, TRIGGER_FILE) if wordnet else (TRIGGER_FILE,)
    triggers = _merge_triggers(
        (*(DATA_DIR / name for name in bundled), *(Path(p) for p in extra_files))
    )
    ontology = _read(DATA_DIR / "plover.yaml")
    magnitude = _read(DATA_DIR / "magnitude.yaml")
    phrases: dict[str, list[Phrase]] = {}
    for entry in triggers.get("phrases") or []:
        phrase = Phrase(
            verb=entry["verb"],
            objects=frozenset(_words(entry.get("object"))),
            sense=_sense(entry),
            prep=_word(entry["prep"]) if entry.get("prep") is not None else None,
            xcomp=frozenset(entry.get("xcomp") or ()),
            det=entry.get("det"),
            complement=frozenset(_words(entry.get("complement"))),
            needs_target_prep=bool(entry.get("needs_target_prep", False)),
        )
        phrases.setdefault(phrase.verb, []).append(phrase)
    classes = {
        name: frozenset(words) for name, words in (triggers.get("object_classes") or {}).items()
    }
    first_class: dict[str, str] = {}
    for name, words in classes.items():
        for word in words:
            first_class.setdefault(word, name)
    hyp = triggers.get("hypothetical") or {}
    types = {
        name: TypeInfo(
            cameo=str(info["cameo"]),
            quad=str(info["quad"]),
            modes=tuple(info.get("modes") or ()),
            cameo_roots=tuple(str(r) for r in info.get("cameo_roots") or ()),
            mode_codes=tuple(
                (mode, str(code["cameo"]), str(code["quad"]))
                for mode, code in (info.get("mode_codes") or {}).items()
            ),
        )
        for name, info in (ontology.get("types") or {}).items()
    }
    return Lexicon(
        verbs={str(k): _sense(v) for k, v in (triggers.get("verbs") or {}).items()},
        nouns={str(k): _sense(v) for k, v in (triggers.get("nouns") or {}).items()},
        phrases=phrases,
        support_verbs=frozenset(triggers.get("support_verbs") or ()),
        receiving_verbs=frozenset(triggers.get("receiving_verbs") or ()),
        object_classes=first_class,
        object_class_sets=classes,
        modals=frozenset(hyp.get("modals") or ()),
        hypothetical_marks=frozenset(hyp.get("marks") or ()),
        hypothetical_preps=tuple(tuple(p.split()) for p in hyp.get("prepositions") or ()),
        embedding_verbs=frozenset(hyp.get("embedding_verbs") or ()),
        embedding_adjectives=frozenset(hyp.get("embedding_adjectives") or ()),
        hypothetical_nouns=frozenset(hyp.get("nouns") or ()),
        negating_verbs=frozenset(triggers.get("negating_verbs") or ()),
        deferring_verbs=frozenset(tuple(v.split()) for v in triggers.get("deferring_verbs") or ()),
        speech_verbs=frozenset(triggers.get("speech_verbs") or ()),
        not_speech_cues=frozenset(triggers.get("not_speech_cues") or ()),
        obligation_modals=frozenset(triggers.get("obligation_modals") or ()),
        message_nouns=frozenset(triggers.get("message_nouns") or ()),
        origin_participles=frozenset(triggers.get("origin_participles") or ()),
        weapon_use_participles=frozenset(triggers.get("weapon_use_participles") or ()),
        # one list with the actors' ("China-backed" is no state of a generic party either)
        backer_participles=load_description_rules().sponsor_participles,
        responsibility_words=frozenset(triggers.get("responsibility_words") or ()),
        types=types,
        speech_acts={str(k): str(v) for k, v in (ontology.get("speech_acts") or {}).items()},
        magnitude=magnitude,
        background=Background.of(triggers.get("background")),
        bare_nominal_types=frozenset(triggers.get("bare_nominal_types") or ()),
        condition_class_sets={
            str(name): frozenset(words)
            for name, words in (triggers.get("condition_classes") or {}).items()
        },
        happening_verbs=frozenset(
            tuple(str(v).split()) for v in triggers.get("happening_verbs") or ()
        ),
        beneficiary_verbs=frozenset(triggers.get("beneficiary_verbs") or ()),
        permission_verbs=frozenset(triggers.get("permission_verbs") or ()),
        report_cues=frozenset(triggers.get("report_cues") or ()),
        support_verb_types={
            str(k): frozenset(str(t) for t in v)
            for k, v in (triggers.get("support_verb_types") or {}).items()
        },
    )
