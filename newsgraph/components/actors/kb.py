"""The actor knowledge base: states, organisations, people and media outlets with their names.

Built-in data lives in ``data/en/``: ``states.csv`` (one row per country, built by
``tools/build_states.py``) and every ``actors*.yaml`` file. Users add their own YAML files through
the ``NEWSGRAPH_ACTORS`` environment variable (paths separated by ``os.pathsep``) or the
``extra_paths`` argument of :meth:`KnowledgeBase.load`. A user entry with a new ``id`` adds an
actor; one with an existing ``id`` replaces its scalar fields and adds to its name lists; an
``extend: <id>`` entry only adds names.

Neutral ``aliases`` are kept apart from ``side_vocabulary`` (names one side of a conflict uses,
such as "the Zionist entity" or "Kyiv regime"): both resolve to the same neutral actor, and the
side vocabulary is flagged so framing and the UI can show it as loaded.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ...datafiles import data_dir
from ...model import Actor, Span

DATA_DIR = data_dir(__package__)
STATES_FILE = DATA_DIR / "states.csv"
DESCRIPTIONS_FILE = DATA_DIR / "actor_descriptions.yaml"
ENV_VAR = "NEWSGRAPH_ACTORS"
STATE_TYPE = "state"
MEDIA_TYPE = "media"
PERSON_TYPE = "person"
SLOTS = ("military", "civilians", "air force", "navy")  # air force, navy: generic_parties.py
# the C loader reads the built-in files about ten times faster where libyaml is available
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeBaseError(ValueError):
    """A data file that cannot be read as actors (names the file and the entry)."""


@dataclass(frozen=True, slots=True)
class SideAlias:
    """A name one side uses; with outlet conditions it only resolves in those outlets' articles."""

    alias: str
    outlet_country: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()

    @property
    def conditional(self) -> bool:
        return bool(self.outlet_country or self.outlet)

    def applies_to(self, outlet: ActorEntry | None) -> bool:
        if not self.conditional:
            return True
        if outlet is None:
            return False
        return outlet.id in self.outlet or (outlet.country or "") in self.outlet_country


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    since: date | None = None
    until: date | None = None

    def held_on(self, day: date | None) -> bool:
        """Whether the role was held on ``day`` (without a date: whether it is held now)."""
        if day is None:
            return self.until is None
        started = self.since is None or self.since <= day
        return started and (self.until is None or day < self.until)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None = None
    affiliation: str | None = None
    kinds: tuple[str, ...] = ()
    slot: str | None = None
    aliases: tuple[str, ...] = ()
    side_vocabulary: tuple[SideAlias, ...] = ()
    metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    surnames: tuple[str, ...] = ()
    known_by_surname: bool = False
    alpha3: str | None = None
    source: str = ""

    @property
    def types(self) -> frozenset[str]:
        return frozenset((self.type, *self.kinds))

    @property
    def is_person(self) -> bool:
        return self.type == PERSON_TYPE

    def roles_on(self, day: date | None) -> tuple[Role, ...]:
        return tuple(role for role in self.roles if role.held_on(day))

    def names(self) -> tuple[str, ...]:
        """Every neutral name: canonical name and aliases (not side vocabulary)."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    def to_actor(self, mentions: list[Span] | None = None) -> Actor:
        return Actor(
            id=self.id,
            name=self.name,
            type=self.type,
            country=self.country,
            affiliation=self.affiliation,
            mentions=list(mentions or []),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "affiliation": self.affiliation,
            "kinds": list(self.kinds),
            "aliases": list(self.aliases),
            "side_vocabulary": [s.alias for s in self.side_vocabulary],
            "metonyms": list(self.metonyms),
            "demonyms": list(self.demonyms),
            "roles": [r.to_dict() for r in self.roles],
        }


@dataclass(slots=True)
class KnowledgeBase:
    by_id: dict[str, ActorEntry] = field(default_factory=dict)
    paths: tuple[str, ...] = ()
    # lookup tables, built on first use (a knowledge base is not changed after loading)
    _slots: dict[tuple[str, str], ActorEntry] | None = field(default=None, repr=False)
    _outlets: dict[str, ActorEntry] | None = field(default=None, repr=False)

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_paths: Iterable[str | os.PathLike[str]] = ()) -> KnowledgeBase:
        """The built-in knowledge base plus the user's files (cached per set of paths)."""
        env_paths = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
        paths = tuple(str(Path(p)) for p in (*env_paths, *extra_paths))
        return _load_cached(paths)

    @classmethod
    def build(cls, paths: tuple[str, ...]) -> KnowledgeBase:
        kb = cls(paths=paths)
        for entry in read_states(STATES_FILE):
            kb.by_id[entry.id] = entry
        for path in builtin_actor_files():
            kb.add_file(path)
        for path in paths:
            kb.add_file(Path(path))
        kb.check_affiliations()
        return kb

    def add_file(self, path: Path) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                items = yaml.load(handle, Loader=SAFE_LOADER) or []
        except (OSError, yaml.YAMLError) as error:
            raise KnowledgeBaseError(f"{path}: cannot read actors: {error}") from error
        if isinstance(items, Mapping):  # a file may hold {actors: [...]}
            items = items.get("actors") or []
        if not isinstance(items, list):
            raise KnowledgeBaseError(f"{path}: expected a list of actors")
        for position, item in enumerate(items):
            where = f"{path} (entry {position + 1})"
            if not isinstance(item, Mapping):
                raise KnowledgeBaseError(f"{where}: expected a mapping, got {item!r}")
            self.add_item(item, where)

    def add_item(self, item: Mapping[str, Any], where: str) -> None:
        if "extend" in item:
            target = str(item["extend"])
            if target not in self.by_id:
                raise KnowledgeBaseError(f"{where}: extend: unknown actor id {target!r}")
            self.by_id[target] = merge(
                self.by_id[target],
                entry_from_item(
                    {
                        **item,
                        "id": target,
                        "name": self.by_id[target].name,
                        "type": self.by_id[target].type,
                    },
                    where,
                ),
            )
            return
        entry = entry_from_item(item, where)
        existing = self.by_id.get(entry.id)
        self.by_id[entry.id] = merge(existing, entry, item) if existing else entry

    def check_affiliations(self) -> None:
        for entry in self.by_id.values():
            if entry.affiliation and entry.affiliation not in self.by_id:
                raise KnowledgeBaseError(
                    f"{entry.source}: actor {entry.id!r} has unknown affiliation "
                    f"{entry.affiliation!r}"
                )

    # -- queries ----------------------------------------------------------------------------
    @property
    def entries(self) -> list[ActorEntry]:
        return list(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.by_id.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.by_id

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.by_id.get(actor_id)

    def search(self, query: str) -> list[ActorEntry]:
        """Actors whose id, name, alias, side name, demonym or role contains ``query``.

        Exact id/name/alias matches come first, then the rest in knowledge-base order.
        """
        needle = query.strip().lower()
        if not needle:
            return []
        exact, partial = [], []
        for entry in self.by_id.values():
            texts = [
                entry.id,
                *entry.names(),
                *(s.alias for s in entry.side_vocabulary),
                *entry.demonyms,
                *entry.metonyms,
                *(r.title for r in entry.roles),
            ]
            lowered = [t.lower() for t in texts]
            if needle in lowered[: 2 + len(entry.aliases)]:
                exact.append(entry)
            elif any(needle in t for t in lowered):
                partial.append(entry)
        return exact + partial

    def slot_actor(self, country: str, slot: str) -> ActorEntry | None:
        """The actor a demonym phrase means: "<demonym> troops" → the country's military."""
        return self.slot_index().get((country, slot))

    def state_of(self, country: str) -> ActorEntry | None:
        return self.slot_index().get((country, STATE_TYPE))

    def outlet(self, name: str | None) -> ActorEntry | None:
        """The media actor for an article's outlet name ("Al Mayadeen English" → al-mayadeen)."""
        if not name:
            return None
        return self.outlet_index().get(" ".join(name.lower().split()))

    def slot_index(self) -> dict[tuple[str, str], ActorEntry]:
        if self._slots is None:
            self._slots = {}
            for entry in self.by_id.values():
                if not entry.country:
                    continue
                if entry.type in (STATE_TYPE, "territory"):
                    self._slots.setdefault((entry.country, STATE_TYPE), entry)
                elif entry.slot:
                    self._slots.setdefault((entry.country, entry.slot), entry)
        return self._slots

    def outlet_index(self) -> dict[str, ActorEntry]:
        if self._outlets is None:
            self._outlets = {}
            for entry in self.by_id.values():
                if entry.type == MEDIA_TYPE:
                    for name in entry.names():
                        self._outlets.setdefault(" ".join(name.lower().split()), entry)
        return self._outlets


# -- reading files ------------------------------------------------------------------------------
def builtin_actor_files() -> list[Path]:
    return sorted(DATA_DIR.glob("actors*.yaml"))


def split_cell(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def read_states(path: Path) -> list[ActorEntry]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        ActorEntry(
            id=row["id"],
            name=row["name"],
            type=STATE_TYPE if row.get("kind", STATE_TYPE) == STATE_TYPE else "territory",
            country=row["alpha2"],
            aliases=split_cell(row.get("aliases")),
            demonyms=split_cell(row.get("demonyms")),
            metonyms=split_cell(row.get("metonyms")),
            alpha3=row.get("alpha3") or None,
            source=str(path),
        )
        for row in rows
    ]


def as_strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeBaseError(f"{where}: {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def parse_side_alias(value: Any, where: str) -> SideAlias:
    if isinstance(value, str):
        return SideAlias(value.strip())
    if isinstance(value, Mapping) and isinstance(value.get("alias"), str):
        return SideAlias(
            value["alias"].strip(),
            outlet_country=as_strings(value.get("outlet_country"), where, "outlet_country"),
            outlet=as_strings(value.get("outlet"), where, "outlet"),
        )
    raise KnowledgeBaseError(f"{where}: bad side_vocabulary item {value!r}")


def parse_date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise KnowledgeBaseError(f"{where}: bad date {value!r}") from error


def parse_role(value: Any, where: str) -> Role:
    if isinstance(value, str):
        return Role(value)
    if isinstance(value, Mapping) and isinstance(value.get("title"), str):
        return Role(
            value["title"],
            parse_date(value.get("since"), where),
            parse_date(value.get("until"), where),
        )
    raise KnowledgeBaseError(f"{where}: bad role {value!r}")


def entry_from_item(item: Mapping[str, Any], where: str) -> ActorEntry:
    for key in ("id", "name", "type"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise KnowledgeBaseError(f"{where}: missing {key!r}")
    actor_id = item["id"].strip()
    if actor_id != actor_id.lower() or not actor_id.isascii() or " " in actor_id:
        raise KnowledgeBaseError(f"{where}: id {actor_id!r} must be a lowercase ASCII slug")
    slot = item.get("slot")
    if slot is not None and slot not in SLOTS:
        raise KnowledgeBaseError(f"{where}: slot must be one of {SLOTS}")
    name = item["name"].strip()
    surnames = item.get("surnames")
    return ActorEntry(
        id=actor_id,
        name=name,
        type=item["type"].strip(),
        country=item.get("country"),
        affiliation=item.get("affiliation"),
        kinds=as_strings(item.get("kinds"), where, "kinds"),
        slot=slot,
        aliases=as_strings(item.get("aliases"), where, "aliases"),
        side_vocabulary=tuple(
            parse_side_alias(v, where) for v in item.get("side_vocabulary") or ()
        ),
        metonyms=as_strings(item.get("metonyms"), where, "metonyms"),
        demonyms=as_strings(item.get("demonyms"), where, "demonyms"),
        roles=tuple(parse_role(v, where) for v in item.get("roles") or ()),
        surnames=(
            as_strings(surnames, where, "surnames")
            if surnames is not None
            else default_surnames(name, item["type"])
        ),
        known_by_surname=bool(item.get("known_by_surname", False)),
        source=where,
    )


def default_surnames(name: str, actor_type: str) -> tuple[str, ...]:
    """A person's later short names: the last word, and without an "al-"/"el-" prefix."""
    if actor_type.strip() != PERSON_TYPE or " " not in name:
        return ()
    last = name.split()[-1]
    prefix, _, rest = last.partition("-")
    if prefix.lower() in {"al", "el", "ad", "as", "ash", "at", "az"} and rest:
        return (last, rest)
    return (last,)


def merge(old: ActorEntry, new: ActorEntry, item: Mapping[str, Any] | None = None) -> ActorEntry:
    """``old`` with ``new``'s names added; scalars set in ``item`` replace ``old``'s."""
    scalars = {}
    for key in ("name", "type", "country", "affiliation", "slot"):
        if item is not None and item.get(key) is not None:
            scalars[key] = getattr(new, key)
    if item is not None and "known_by_surname" in item:
        scalars["known_by_surname"] = new.known_by_surname
    return replace(
        old,
        **scalars,
        kinds=tuple(dict.fromkeys((*old.kinds, *new.kinds))),
        aliases=tuple(dict.fromkeys((*old.aliases, *new.aliases))),
        side_vocabulary=tuple(dict.fromkeys((*old.side_vocabulary, *new.side_vocabulary))),
        metonyms=tuple(dict.fromkeys((*old.metonyms, *new.metonyms))),
        demonyms=tuple(dict.fromkeys((*old.demonyms, *new.demonyms))),
        roles=tuple(dict.fromkeys((*old.roles, *new.roles))),
        surnames=tuple(dict.fromkeys((*old.surnames, *new.surnames))),
    )


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.build(paths)


@dataclass(frozen=True, slots=True)
class DescriptionHead:
    words: tuple[str, ...]
    types: frozenset[str]
    roles: tuple[str, ...] = ()  # role words, most specific first ("secretary-general", "head")
    capitalized: bool = False
    national: bool = False  # "the army": a state's military, not an armed group

    @property
    def is_person(self) -> bool:
        return PERSON_TYPE in self.types


@dataclass(frozen=True, slots=True)
class DescriptionRules:
    heads: dict[tuple[str, ...], DescriptionHead]
    modifiers: frozenset[str]
    blockers: frozenset[str]
    demonym_heads: dict[tuple[str, ...], str]  # head words → "military" | "civilians" | "state"
    honorifics: frozenset[str]
    longest_head: int = 1
    head_blockers: frozenset[str] = frozenset()  # "military group": not the state's military
    generic_parties: dict[tuple[str, ...], str] = field(default_factory=dict)  # → slot
    generic_party_modifiers: frozenset[str] = frozenset()
    generic_party_speakers: frozenset[str] = frozenset()  # "an army spokesman": the army's
    state_body_heads: frozenset[str] = frozenset()  # "Turkey's Defense Ministry": Turkey
    maker_participles: frozenset[str] = frozenset()  # "Turkish-made drones": the maker
    institution_heads: frozenset[str] = frozenset()  # "the Saudi Hospital": no state
    state_organ_words: frozenset[str] = frozenset()  # "Ethiopian Federal Police": the state's
    body_heads: frozenset[str] = frozenset()  # "the regional administration": its words count
    body_neutral_words: frozenset[str] = frozenset()  # "the federal government": any state's
    named_body_heads: frozenset[str] = frozenset()  # "the ministry": a ministry's name
    bare_body_names: frozenset[str] = frozenset()  # "Foreign Office": many states have one
    neighbour_heads: frozenset[str] = frozenset()  # "the border with Chad": a neighbour
    sponsor_participles: frozenset[str] = frozenset()  # "China-backed": a sponsor

    def body_words_fit(self, head: str, words: Iterable[str], names: Iterable[str]) -> bool:
        """Whether an earlier actor with ``names`` can be the body a description names: a
        body head's narrowing words ("the Defense Ministry", "the regional administration")
        must be words of the actor's name, and "the ministry" must be a ministry; other
        heads and neutral words ("the federal government") narrow nothing."""
        if head not in self.body_heads:
            return True
        wanted = {_body_word(w) for w in words if w not in self.body_neutral_words}
        if head in self.named_body_heads:
            wanted.add(_body_word(head))
        if not wanted:
            return True
        have = {_body_word(w) for name in names for w in re.findall(r"[a-z]+", name.lower())}
        return wanted <= have


@lru_cache(maxsize=2)
def load_description_rules(path: str = str(DESCRIPTIONS_FILE)) -> DescriptionRules:
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SAFE_LOADER) or {}
    heads = {}
    for text, spec in (data.get("heads") or {}).items():
        words = tuple(str(text).lower().split())
        heads[words] = DescriptionHead(
            words=words,
            types=frozenset(spec.get("types") or ()),
            roles=tuple(
                str(r).lower()
                for r in (
                    [spec["role"]] if isinstance(spec.get("role"), str) else spec.get("role") or ()
                )
            ),
            capitalized=bool(spec.get("capitalized", False)),
            national=bool(spec.get("national", False)),
        )
    demonym_heads = _words_by_slot(data.get("demonym_heads"))
    return DescriptionRules(
        heads=heads,
        modifiers=_lowered(data, "modifiers"),
        blockers=_lowered(data, "blockers"),
        demonym_heads=demonym_heads,
        honorifics=_lowered(data, "honorifics"),
        longest_head=max((len(w) for w in (*heads, *demonym_heads)), default=1),
        head_blockers=_lowered(data, "demonym_head_blockers"),
        generic_parties=_words_by_slot(data.get("generic_parties")),
        generic_party_modifiers=_lowered(data, "generic_party_modifiers"),
        generic_party_speakers=_lowered(data, "generic_party_speakers"),
        state_body_heads=_lowered(data, "state_body_heads"),
        maker_participles=_lowered(data, "maker_participles"),
        institution_heads=_lowered(data, "institution_heads"),
        state_organ_words=_lowered(data, "state_organ_words"),
        body_heads=_lowered(data, "body_heads"),
        body_neutral_words=_lowered(data, "body_neutral_words"),
        named_body_heads=_lowered(data, "named_body_heads"),
        bare_body_names=_lowered(data, "bare_body_names"),
        neighbour_heads=_lowered(data, "neighbour_heads"),
        sponsor_participles=_lowered(data, "sponsor_participles"),
    )


# spellings of one body word ("Defence Ministry" is the "Defense Ministry")
_BODY_SPELLINGS = {"defence": "defense", "ministries": "ministry"}


def _body_word(word: str) -> str:
    return _BODY_SPELLINGS.get(word, word)


def _lowered(data: dict, key: str) -> frozenset[str]:
    """The words of one list of the descriptions file, lower-cased (none when it is absent)."""
    return frozenset(str(w).lower() for w in data.get(key) or ())


def _words_by_slot(section: dict | None) -> dict[tuple[str, ...], str]:
    """``{slot: [head, ...]}`` as ``{head words: slot}``."""
    return {
        tuple(str(text).lower().split()): slot
        for slot, words_list in (section or {}).items()
        for text in words_list
    }
