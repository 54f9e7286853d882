"""The place resolver's weights: named defaults, and the tunable set a pipeline config overrides.

Scores are in the units of log10 population a city gets as its prior.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from .gazetteer import ADMIN1, COUNTRY, COUNTY, STATE, SUPPLEMENT

# Priors by kind (in the units of log10 population a city gets).
KIND_PRIOR = {COUNTRY: 13.0, SUPPLEMENT: 8.5, STATE: 10.0, ADMIN1: 5.0, COUNTY: 3.5}
PREFERRED = 6.0
COUNTY_NAMED_PRIOR = 7.5  # "Laurel County": the word settles it
ALTERNATE_NAME_PENALTY = 2.0  # GeoNames alternate names hold many stray spellings
CONTAINER_MATCH = 6.0  # "Paris, Texas"
CONTAINER_MISMATCH = -2.0
COORDINATED = 3.0  # "California or Washington": a list of names holds names of one kind
COUNTRY_CONTEXT = 1.6  # the article names or implies the candidate's country
# ... counted at this share for a town dwarfed by a namesake elsewhere ("London", Ohio, in an
# article that is merely about the US): being in the right country is weak evidence then
MINOR_NAMESAKE_SHARE = 0.5
MINOR_NAMESAKE_RATIO = 100  # population ratio that makes a town a minor namesake
MAJOR_PLACE = 100_000
STATE_COUNTRY_SCALE = 2.0
STATE_CONTEXT = 2.0  # ... or its US state
PROXIMITY = 2.5  # next to where the article's other places are
PROXIMITY_SCALE_KM = 150.0
PROXIMITY_CAP = 1.5
SOFT_READINGS = 8
SOFT_TEMPERATURE = 1.5
OUTLET_COUNTRY = 1.0
FEATURE_MATCH = 4.0
# a division named like one in another country: up to this much for the share of the article's
# country evidence that points to the candidate's country
NAMESAKE_SHARE = 2.0
# a weak reading (alternate name, division) in a country no other name points to is dropped when
# the other names point to one country at least this much (strays.drop_strays)
STRAY_COUNTRY_WEIGHT = 2.0
MAX_CANDIDATES = 100
ROUNDS = 3


@dataclass(frozen=True, slots=True)
class ResolverWeights:
    """The resolver's tunable weights (defaults: the constants above). A pipeline sets them
    in ``pipeline.cfg`` under ``[components.newsgraph_places.weights]``."""

    preferred: float = PREFERRED
    county_named_prior: float = COUNTY_NAMED_PRIOR
    alternate_name_penalty: float = ALTERNATE_NAME_PENALTY
    container_match: float = CONTAINER_MATCH
    container_mismatch: float = CONTAINER_MISMATCH
    coordinated: float = COORDINATED
    country_context: float = COUNTRY_CONTEXT
    minor_namesake_share: float = MINOR_NAMESAKE_SHARE
    minor_namesake_ratio: int = MINOR_NAMESAKE_RATIO
    major_place: int = MAJOR_PLACE
    state_country_scale: float = STATE_COUNTRY_SCALE
    state_context: float = STATE_CONTEXT
    proximity: float = PROXIMITY
    proximity_scale_km: float = PROXIMITY_SCALE_KM
    proximity_cap: float = PROXIMITY_CAP
    soft_readings: int = SOFT_READINGS
    soft_temperature: float = SOFT_TEMPERATURE
    outlet_country: float = OUTLET_COUNTRY
    feature_match: float = FEATURE_MATCH
    namesake_share: float = NAMESAKE_SHARE
    stray_country_weight: float = STRAY_COUNTRY_WEIGHT
    max_candidates: int = MAX_CANDIDATES
    rounds: int = ROUNDS

    @classmethod
    def from_config(cls, overrides: Mapping[str, float] | None) -> ResolverWeights:
        """Weights with ``overrides`` applied; an unknown name is an error that lists them."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides or {}) - known)
        if unknown:
            raise ValueError(
                f"unknown place-resolver weights {unknown}; known: {', '.join(sorted(known))}"
            )
        return cls(**dict(overrides or {}))
