"""How one run of ``extract_events`` reads an article: ``EventOptions``, built once where the
run starts (the ``newsgraph_events`` component from its config, a test, a tool) and passed
down whole, so that a new setting is one field here rather than one more positional argument
in every caller."""

from __future__ import annotations

from dataclasses import dataclass

from .arguments import ArgumentModel
from .decision import EventDecision
from .lexicon import Lexicon
from .target_choice import TargetChoice
from .trigger_model import TriggerModel


@dataclass(frozen=True, slots=True, eq=False)
class EventOptions:
    """``lexicon``: the trigger lexicon (None: the bundled one, ``load_lexicon()``);
    ``arguments``: a learned argument model re-decides each mention's source and target
    (``arguments.py``); ``decision``: main events the learned decision judges no event are
    dropped (``decision.py``); ``triggers``: the learned trigger model proposes events where
    the lexicon found none (``trigger_model.py``); ``party_filter``: a violent event's party
    naming no actor is emptied (``party_filter.py``); ``target_choice``: the candidates' learned
    scores may overrule the rules' target (``target_choice.py``); ``dateline_place``: a real
    event whose sentence names no place takes the dateline's city, marked ``place_inferred``
    (``place_carry.py``; off by default: it lowered WikiEvents held out, docs/events.md);
    ``incident_place``: a real act on the ground told in the two sentences after a placed act
    on the ground (the nearest before it), its sentence naming no place, takes that act's
    place, marked ``place_inferred``
    (``incident_place.py``; on in pipeline.cfg since session 17, at a WikiEvents cost: it marks
    no place on such follow-ups); ``incident_chain``: with ``incident_place``, a follow-up
    given the place leads the acts after it in turn, with the incident's place and time (on
    in pipeline.cfg since session 24)."""

    lexicon: Lexicon | None = None
    arguments: ArgumentModel | None = None
    decision: EventDecision | None = None
    triggers: TriggerModel | None = None
    party_filter: bool = False
    target_choice: TargetChoice | None = None
    dateline_place: bool = False
    incident_place: bool = False
    incident_chain: bool = False


DEFAULT_OPTIONS = EventOptions()
