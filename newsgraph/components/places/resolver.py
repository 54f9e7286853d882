"""Toponym resolution: pick one gazetteer entry per mention, using the whole article as context.

Every mention's candidates are scored (all lookups are dictionary hits, nothing scans the
gazetteer):

1. a prior by kind: countries, curated regions and US states over cities; cities by population
   (the classic baseline, and the last resort);
2. the admin hierarchy written next to the name ("Paris, Texas", "Tripoli, Lebanon",
   "Springfield, Ill.", "London, Ontario") — the strongest evidence;
   read both ways ("Tacoma, Washington": the state that contains Tacoma), and lists of names
   of one kind ("Oregon or Washington");
3. feature words around the name ("the Litani river", "Idlib province", "Laurel County");
4. the article's other places: countries and US states it names or implies, and closeness to the
   places other mentions most likely are (local news clusters in space);
   being in the right country counts for less when a town is dwarfed by a namesake elsewhere
   and the article does not name its state ("London" in a US story); a name's default reading
   ("Washington": the capital) yields when the article names the rival state otherwise ("Wash.");
5. the outlet's country, where known.

Scoring runs twice: the first pass gives the context the second pass uses.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .feature_words import (
    DIRECTION_BEFORE,
    DIRECTION_HEAD,
    FEATURE_AFTER,
    FEATURE_BEFORE,
    FEATURE_TAIL,
    FEATURES_FOR_WORD,
    PART_STOPWORDS,
    STATE_TAIL,
    THE_PREFIX,
    with_article,
    without_river_reading,
)
from .gazetteer import (
    ADMIN1,
    CITY,
    COUNTRY,
    COUNTY,
    STATE,
    SUPPLEMENT,
    Entry,
    Gazetteer,
    get_gazetteer,
    lookup_key,
)
from .spellings import spelling_candidates
from .strays import drop_strays
from .weights import KIND_PRIOR, ResolverWeights

# supplement features small enough to anchor "near the article's other places"
LOCAL_FEATURES = frozenset({"town", "camp", "crossing", "neighbourhood", "corridor"})
# a town read from part of a longer name ("Dubai World Cup", "west Baghdad") is one of this size
MIN_STANDING_POPULATION = 5000

_COMMA_GAP = re.compile(r"^\s*,\s*$")  # "Tacoma, Washington": the second name contains the first
_LIST_GAP = re.compile(r"^\s*(?:,\s*)?(?:and|or|&|,)\s*$")  # "Oregon and Washington"
_RADIANS = math.pi / 180.0  # CPython's math.radians multiplies by this same constant
_CONTAINER = re.compile(r"\s*,\s*(?P<words>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})")
_STRIP_SUFFIX = re.compile(r"(['’]s|['’])$")


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    surface: str
    key: str
    candidates: list[tuple[Entry, bool]] = field(default_factory=list)
    container: list[Entry] = field(default_factory=list)
    feature_hint: set[str] = field(default_factory=set)
    scores: list[float] = field(default_factory=list)
    best: int = -1
    confidence: float = 0.0
    country_clash: bool = False  # both a country and a US state bear the name ("Georgia")
    namesake_countries: bool = False  # regions of the name lie in several countries ("Punjab")
    largest: int = 0  # population of the largest town bearing the name
    contains: _Mention | None = None  # the name written just before, then a comma ("Tacoma, _")
    coordinated: list[_Mention] = field(default_factory=list)  # list neighbours ("X and _")


def clean_surface(surface: str) -> str:
    """The name inside a mention: no leading "the", no possessive."""
    return _STRIP_SUFFIX.sub("", THE_PREFIX.sub("", surface.strip())).strip()


class Resolver:
    """Resolves the toponyms of one text at a time against a shared gazetteer."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, weights: ResolverWeights | None = None
    ) -> None:
        self.gaz = gazetteer or get_gazetteer()
        self.w = weights or ResolverWeights()

    # -- public ------------------------------------------------------------------------------
    def resolve_spans(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        outlet_cc: str | None = None,
        fallback: bool = False,
    ) -> list[Entry | None]:
        """One entry (or None: no candidate) per ``(start, end)`` toponym span of ``text``.

        ``fallback``: a span known to be a toponym (gold spans) but absent from the gazetteer
        ("Dubai World Cup", "Brands Hatch") gets the place a part of its name resolves to, else
        the article's focus (its most-mentioned local place, else its most-mentioned country),
        instead of None.
        """
        mentions = [self._mention(text, start, end) for start, end in spans]
        _link_neighbours(text, mentions)
        if fallback:
            for mention in mentions:
                if not mention.candidates:
                    mention.candidates = self._part_candidates(mention.surface)
        for _round in range(self.w.rounds):
            context = self._context(mentions)
            for mention in mentions:
                self._score(mention, context, outlet_cc)
        entries = [m.candidates[m.best][0] if m.best >= 0 else None for m in mentions]
        entries = drop_strays(
            mentions, entries, self._context(mentions), self.w, self.gaz.preferred
        )
        if fallback and None in entries:
            focus = _focus([e for e in entries if e is not None])
            entries = [focus if e is None else e for e in entries]
        return entries

    def resolve_toponym(self, name: str, context: Sequence[str] = ()) -> Entry | None:
        """Resolve one place name, with other names of the same article as context.

        "Paris, Texas" is read as the name "Paris" inside "Texas" unless the whole string is a
        known name ("Washington, D.C.").
        """
        parts = [name, *context]
        text = "; ".join(parts)
        spans, offset = [], 0
        for part in parts:
            spans.append((offset, offset + len(part)))
            offset += len(part) + 2
        head = name.split(",")[0].strip()
        if head and head != name.strip() and not any(True for _ in self.gaz.candidates(name)):
            spans[0] = (name.index(head), name.index(head) + len(head))
        return self.resolve_spans(text, spans)[0]

    # -- candidates --------------------------------------------------------------------------
    def _mention(self, text: str, start: int, end: int) -> _Mention:
        surface = clean_surface(text[start:end])
        mention = _Mention(start, end, surface, lookup_key(surface))
        mention.candidates = self._candidates(surface)
        mention.container = self._container(text, end)
        mention.feature_hint = self._feature_hint(text, start, end)
        if not mention.feature_hint and not with_article(text, start):
            mention.candidates = without_river_reading(mention.candidates)
        head = FEATURE_TAIL.match(surface)
        if not mention.candidates and head:
            # "Diyala province", "Kilinochchi district": the name, then what kind of place it is
            # (official names only: "Market District" is no district of Marquette)
            mention.candidates = [c for c in self._candidates(head["name"]) if c[1]]
            mention.feature_hint = FEATURES_FOR_WORD.get(head["word"].lower(), set())
        state = STATE_TAIL.match(surface)
        if not mention.candidates and state:
            # "Borno State": a division outside the US ("Ohio State" is a university)
            found = self._candidates(state["name"])
            mention.candidates = [(e, p) for e, p in found if p and e.kind == ADMIN1]
            mention.feature_hint = FEATURES_FOR_WORD["state"]
        direction = DIRECTION_HEAD.match(surface)
        if not mention.candidates and direction and direction["name"].lower() not in PART_STOPWORDS:
            # "west Baghdad", "South Vietnam": the part takes the named place's entry
            mention.candidates = self._standing_candidates(direction["name"])
        kinds = {entry.kind for entry, _ in mention.candidates}
        mention.country_clash = COUNTRY in kinds and STATE in kinds
        regions = {e.cc for e, _ in mention.candidates if e.kind in (ADMIN1, SUPPLEMENT)}
        mention.namesake_countries = len(regions) > 1
        mention.largest = max((e.population for e, p in mention.candidates if p), default=0)
        return mention

    def _candidates(self, surface: str) -> list[tuple[Entry, bool]]:
        demonym = self.gaz.demonyms.get(surface)
        if demonym is not None:
            return [(self.gaz.entry(demonym), True)]
        found = list(self.gaz.candidates(surface))
        if not found and surface.isupper() and len(surface) > 3:
            found = list(self.gaz.candidates(surface.title()))
        if not found:
            row = self.gaz.demonyms.get(surface)
            if row is None and surface.endswith("s"):
                row = self.gaz.demonyms.get(surface[:-1])
            if row is not None:
                found = [(self.gaz.entry(row), True)]
        if not found:  # "Deir Ezzor", "Jisr al-Shughur": another romanisation of an Arab town
            found = spelling_candidates(self.gaz, surface)
        if len(found) > self.w.max_candidates:
            # a very common name (hundreds of hamlets): keep the curated rows and the largest
            found.sort(key=lambda c: (c[0].kind != CITY, c[0].population), reverse=True)
            found = found[: self.w.max_candidates]
        return found

    def _part_candidates(self, surface: str) -> list[tuple[Entry, bool]]:
        """Candidates of the longest part of a multiword name that is a known place of some
        standing (curated, or a town of 5,000+): "Dubai" in "Dubai World Cup"."""
        words = surface.split()
        for size in range(len(words) - 1, 0, -1):
            for first in range(len(words) - size + 1):
                part = " ".join(words[first : first + size])
                if len(part) < 3 or part.lower() in PART_STOPWORDS:
                    continue
                found = self._standing_candidates(part)
                if found:
                    return found
        return []

    def _standing_candidates(self, name: str) -> list[tuple[Entry, bool]]:
        """Official readings of ``name`` of some standing: curated, or a town of 5,000+."""
        return [
            (entry, primary)
            for entry, primary in self._candidates(name)
            if primary and (entry.kind != CITY or entry.population >= MIN_STANDING_POPULATION)
        ]

    def _container(self, text: str, end: int) -> list[Entry]:
        """Country, US state or first-level division written right after the name: "Paris,
        Texas", "Toronto, Ontario" (a division by its official name only)."""
        match = _CONTAINER.match(text, end, min(len(text), end + 60))
        if not match:
            return []
        words = match.group("words").split()
        for n in range(len(words), 0, -1):
            name = clean_surface(" ".join(words[:n]).rstrip(","))
            rows = [
                e
                for e, primary in self.gaz.candidates(name)
                if e.kind in (COUNTRY, STATE) or (primary and _is_division(e))
            ]
            if rows:
                return rows
        return []

    @staticmethod
    def _feature_hint(text: str, start: int, end: int) -> set[str]:
        hint: set[str] = set()
        after = FEATURE_AFTER.match(text[end : end + 25])
        if after:
            hint |= FEATURES_FOR_WORD.get(after.group("word").lower(), set())
        before = FEATURE_BEFORE.search(text[max(0, start - 25) : start])
        if before:
            hint |= FEATURES_FOR_WORD.get(before.group("word").lower(), set())
        if DIRECTION_BEFORE.search(text[max(0, start - 25) : start]):
            hint |= {"region", "country", "territory"}
        return hint

    # -- scoring -----------------------------------------------------------------------------
    def _context(self, mentions: list[_Mention]) -> _Context:
        context = _Context(self.w)
        for mention in mentions:
            if not mention.candidates:
                continue
            if mention.best < 0:
                # first round: only near-certain readings count (a single candidate, or a
                # country/state/curated name, which the priors make near certain)
                entry = self._first_guess(mention)
                if entry is not None:
                    context.add(mention.key, entry, 1.0)
                    context.add_points(mention.key, [(entry, 1.0)])
                continue
            entry = mention.candidates[mention.best][0]
            context.add(mention.key, entry, min(1.0, 0.4 + mention.confidence / 4))
            context.add_points(mention.key, _soft_readings(mention, self.w))
        return context

    def _first_guess(self, mention: _Mention) -> Entry | None:
        if len(mention.candidates) == 1:
            return mention.candidates[0][0]
        curated = [e for e, primary in mention.candidates if primary and e.kind != CITY]
        if curated and all(e.kind in (COUNTRY, STATE, SUPPLEMENT) for e in curated[:1]):
            return curated[0]
        return None

    def _score(self, mention: _Mention, context: _Context, outlet_cc: str | None) -> None:
        if not mention.candidates:
            return
        scores = []
        for entry, primary in mention.candidates:
            scores.append(self._score_one(mention, entry, primary, context, outlet_cc))
        best = max(range(len(scores)), key=scores.__getitem__)
        ranked = sorted(scores, reverse=True)
        mention.scores = scores
        mention.best = best
        mention.confidence = ranked[0] - ranked[1] if len(ranked) > 1 else 8.0

    def _score_one(
        self,
        mention: _Mention,
        entry: Entry,
        primary: bool,
        context: _Context,
        outlet_cc: str | None,
    ) -> float:
        score = self._prior(mention, entry, primary)
        if mention.container:
            score += (
                self.w.container_match
                if _inside_any(entry, mention.container)
                else self.w.container_mismatch
            )
        if mention.feature_hint and entry.feature in mention.feature_hint:
            score += self.w.feature_match
        if entry.kind in (COUNTRY, STATE):
            inner = mention.contains
            if (
                inner is not None
                and inner.best >= 0
                and _inside_any(inner.candidates[inner.best][0], [entry])
            ):
                score += self.w.container_match
            if any(
                other.best >= 0
                and other.candidates[other.best][0].kind == entry.kind
                and other.key not in self.gaz.preferred  # "Washington, New York and Boston"
                for other in mention.coordinated
            ):
                score += self.w.coordinated
        elif entry.kind in (ADMIN1, SUPPLEMENT) and entry.cc and mention.namesake_countries:
            # a division named like one in another country ("Punjab") takes the country of the
            # names listed with it ("Azad Kashmir and Punjab", "Haryana and Punjab")
            if any(
                other.best >= 0 and other.candidates[other.best][0].cc == entry.cc
                for other in mention.coordinated
            ):
                score += self.w.coordinated
            # ... and the country the article names more, even where both are named often
            # enough to saturate the country bonus (an India-Pakistan story)
            weights = {
                e.cc: context.country_weight(mention.key, e.cc)
                for e, _ in mention.candidates
                if e.kind in (ADMIN1, SUPPLEMENT) and e.cc
            }
            total = sum(weights.values())
            if total > 0:
                score += self.w.namesake_share * weights[entry.cc] / total
        minor = (
            entry.kind == CITY
            and mention.largest >= self.w.major_place
            and entry.population * self.w.minor_namesake_ratio < mention.largest
        )
        score += context.bonus(mention.key, entry, mention.country_clash, minor)
        if self.gaz.preferred.get(mention.key) == entry.index and not self._rival_named(
            mention, entry, context
        ):
            score += self.w.preferred
        if outlet_cc and outlet_cc in entry.codes:
            score += self.w.outlet_country
        return score

    @staticmethod
    def _rival_named(mention: _Mention, preferred: Entry, context: _Context) -> bool:
        """Whether the article names, under another name, a US state this name may also be:
        "Wash." or "Washington state" elsewhere makes a bare "Washington" the state, not the
        capital the name means by default."""
        named = context.named_states(mention.key)
        return any(
            entry.kind == STATE and entry.admin1 in named and entry.index != preferred.index
            for entry, _ in mention.candidates
        )

    def _prior(self, mention: _Mention, entry: Entry, primary: bool) -> float:
        if entry.kind == CITY:
            prior = math.log10(entry.population + 10)
            if not primary:
                prior -= self.w.alternate_name_penalty
            return prior
        if entry.kind == COUNTY and mention.key.endswith((" county", " parish")):
            return self.w.county_named_prior
        prior = KIND_PRIOR[entry.kind]
        return prior if primary else prior - self.w.alternate_name_penalty


def _soft_readings(mention: _Mention, w: ResolverWeights) -> list[tuple[Entry, float]]:
    """The mention's likeliest readings with softmax weights (so that "Paris" lends a little
    support to Paris, Tennessee, and "Henry County" to Henry County, Tennessee, together)."""
    ranked = sorted(range(len(mention.scores)), key=mention.scores.__getitem__, reverse=True)
    top = ranked[: w.soft_readings]
    best = mention.scores[top[0]]
    weights = [math.exp((mention.scores[i] - best) / w.soft_temperature) for i in top]
    total = sum(weights)
    return [(mention.candidates[i][0], w / total) for i, w in zip(top, weights, strict=True)]


@dataclass(slots=True)
class _Context:
    """What the article's other mentions say: countries, US states, and likely points."""

    w: ResolverWeights
    countries: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    by_key: dict[str, list[tuple[Entry, float]]] = field(default_factory=dict)
    points: dict[str, list[tuple[int, float, float, float]]] = field(default_factory=dict)
    # the context is fixed while a round scores its mentions, and a name's mentions and its
    # candidates repeat: each name's own weights and each (name, place) closeness once a round
    own_weights: dict[str, tuple[Counter[str], Counter[str]]] = field(default_factory=dict)
    closeness: dict[tuple[str, int], float] = field(default_factory=dict)

    def add(self, key: str, entry: Entry, weight: float) -> None:
        self.by_key.setdefault(key, []).append((entry, weight))
        for code in entry.codes:
            self.countries[code] += weight
        if entry.cc == "US" and entry.admin1 and entry.kind != COUNTRY:
            self.states[entry.admin1] += weight

    def named_states(self, key: str) -> set[str]:
        """US states the article's other names (not ``key``) read as the state itself."""
        return {
            entry.admin1
            for other, readings in self.by_key.items()
            if other != key
            for entry, _ in readings
            if entry.kind == STATE and entry.admin1
        }

    def add_points(self, key: str, readings: list[tuple[Entry, float]]) -> None:
        if key in self.points:
            return  # one set of readings per distinct name
        local = [
            (e.index, e.lat, e.lon, w)
            for e, w in readings
            if e.kind in (CITY, COUNTY) or e.feature in LOCAL_FEATURES
        ]
        if local:
            self.points[key] = local

    def country_weight(self, key: str, code: str) -> float:
        """How much the article's other names (not ``key``) point to the country ``code``."""
        own = sum(w for e, w in self.by_key.get(key, ()) if code in e.codes)
        return max(0.0, self.countries[code] - own)

    def bonus(self, key: str, entry: Entry, clash: bool = False, minor: bool = False) -> float:
        own_countries, own_states = self._own_weights(key)
        bonus = 0.0
        state_weight = 0.0
        if entry.cc == "US" and entry.admin1 and entry.kind in (CITY, COUNTY, STATE):
            state_weight = self.states[entry.admin1] - own_states[entry.admin1]
        country_weight = max(
            (self.countries[c] - own_countries[c] for c in entry.codes), default=0.0
        )
        if country_weight > 0:
            # a US state named like a country ("Georgia") needs the article's US context to win
            scale = self.w.state_country_scale if entry.kind == STATE and clash else 1.0
            if minor and state_weight <= 0:
                scale *= self.w.minor_namesake_share
            bonus += scale * self.w.country_context * min(2.0, 0.75 + country_weight / 4)
        if state_weight > 0:
            bonus += self.w.state_context * min(1.5, 0.75 + state_weight / 4)
        if entry.kind in (CITY, COUNTY):
            bonus += self._proximity(key, entry)
        return bonus

    def _own_weights(self, key: str) -> tuple[Counter[str], Counter[str]]:
        """The weight the mentions of ``key`` itself lend each country and US state (every
        mention of the same name is left out of its own context)."""
        cached = self.own_weights.get(key)
        if cached is not None:
            return cached
        own_countries: Counter[str] = Counter()
        own_states: Counter[str] = Counter()
        for e, w in self.by_key.get(key, ()):
            for code in e.codes:
                own_countries[code] += w
            if e.cc == "US" and e.admin1 and e.kind != COUNTRY:
                own_states[e.admin1] += w
        self.own_weights[key] = (own_countries, own_states)
        return own_countries, own_states

    def _proximity(self, key: str, entry: Entry) -> float:
        """Support from the other names' likely points: sum over names of the best
        weight x closeness, capped (two or three nearby names make a cluster)."""
        cached = self.closeness.get((key, entry.index))
        if cached is None:
            cached = self.closeness[key, entry.index] = self._closeness(key, entry)
        return cached

    def _closeness(self, key: str, entry: Entry) -> float:
        # the innermost loop of place resolution: names bound locally, and x * _RADIANS is
        # exactly what math.radians(x) computes
        total = 0.0
        cap = self.w.proximity_cap
        scale_km = self.w.proximity_scale_km
        sqrt, exp = math.sqrt, math.exp
        index, entry_lat, entry_lon = entry.index, entry.lat, entry.lon
        cos_lat = math.cos(entry_lat * _RADIANS)
        for other_key, readings in self.points.items():
            if other_key == key:
                continue
            best = 0.0
            for row, lat, lon, weight in readings:
                # closeness is at most 1, so a reading no heavier than the best cannot win
                if row == index or weight <= best:
                    continue  # (and the same place does not support itself)
                # equirectangular distance: exact enough at the scale that matters here
                dx = (lon - entry_lon) * _RADIANS * cos_lat
                dy = (lat - entry_lat) * _RADIANS
                closeness = weight * exp(-(6371.0 * sqrt(dx * dx + dy * dy)) / scale_km)
                if closeness > best:
                    best = closeness
            total += best
            if total >= cap:
                break  # every name adds support >= 0: the cap is reached for good
        return self.w.proximity * min(cap, total)


def _link_neighbours(text: str, mentions: list[_Mention]) -> None:
    """Mark names written one after another: "Tacoma, Washington" (the second may contain the
    first) and lists ("California or Washington", "Ohio, Iowa and Texas")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end or after.start - before.end > 8:
            continue
        gap = text[before.end : after.start]
        if _COMMA_GAP.match(gap):
            after.contains = before
        if _LIST_GAP.match(gap):
            before.coordinated.append(after)
            after.coordinated.append(before)


def _focus(entries: list[Entry]) -> Entry | None:
    """The article's most-mentioned local place, else its most-mentioned place of any kind."""
    if not entries:
        return None
    local = [e for e in entries if e.kind in (CITY, COUNTY) or e.feature in LOCAL_FEATURES]
    pool = local or entries
    counts = Counter(e.index for e in pool)
    best = max(pool, key=lambda e: counts[e.index])
    return best


def _inside_any(entry: Entry, containers: list[Entry]) -> bool:
    for container in containers:
        if container.kind == COUNTRY and container.cc in entry.codes:
            return True
        if container.kind == STATE and entry.cc == "US" and entry.admin1 == container.admin1:
            return True
        if _is_division(container) and container.cc in entry.codes and not _is_region(entry):
            # GeoNames towns carry admin1 codes, the divisions' table names: the country decides
            # ("Kherson, Kherson Oblast" is the city, not the division again)
            return True
    return False


def _is_region(entry: Entry) -> bool:
    """A country, US state or division: never inside a division written after its name."""
    return entry.kind in (COUNTRY, STATE) or _is_division(entry)


def _is_division(entry: Entry) -> bool:
    """A first-level division or a curated region of one country ("Ontario", "Punjab")."""
    return bool(entry.cc) and (
        entry.kind == ADMIN1 or (entry.kind == SUPPLEMENT and entry.feature == "region")
    )


_default: Resolver | None = None


def default_resolver() -> Resolver:
    global _default
    if _default is None:
        _default = Resolver()
    return _default


def resolve_toponym(name: str, context: Sequence[str] = ()) -> Entry | None:
    """The gazetteer entry ``name`` most likely refers to, given other names in the article."""
    return default_resolver().resolve_toponym(name, context)
