"""The knowledge newsgraph_coref reads from ``data/en/coref_rules.yaml``, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...datafiles import data_file, load_yaml


@dataclass(slots=True)
class CorefKnowledge:
    pronoun_class: dict[str, str] = field(default_factory=dict)  # "he" -> "person"
    description_class: dict[str, str] = field(default_factory=dict)  # "faction" -> "organisation"
    equating_verbs: frozenset[str] = frozenset()  # "identify": "the victim, identified as X"
    # event type -> role ("source", "target") -> nouns naming that party ("victim")
    role_nouns: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_knowledge() -> CorefKnowledge:
    with data_file(__package__, "coref_rules.yaml").open(encoding="utf-8") as handle:
        rules = load_yaml(handle) or {}
    knowledge = CorefKnowledge()
    for cls, words in rules.get("pronouns", {}).items():
        for word in words:
            knowledge.pronoun_class[word] = cls
    for cls, words in rules.get("descriptions", {}).items():
        for word in words:
            knowledge.description_class[word] = cls
    knowledge.equating_verbs = frozenset(rules.get("equating_verbs", ()))
    for event_type, roles in rules.get("role_nouns", {}).items():
        knowledge.role_nouns[event_type] = {r: frozenset(ws) for r, ws in roles.items()}
    return knowledge
