"""How one link run clusters events: ``LinkOptions``, built once where the run starts (the
CLI, an eval, a benchmark) and passed down to both clustering paths (``link_records`` and the
incremental update), so that they cannot read the settings differently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from . import events
from .events import IrrealisPolicy


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """``learned=False`` clusters by hand-set evidence only (no learned pair evidence);
    ``collections=False`` keeps the learned pair evidence but leaves out the mention linker's
    collection clusters (``PairEvidence.collection_cluster``: the costliest part);
    ``irrealis`` says what becomes of negated, hypothetical and future events (``"apart"``:
    left out; ``"own"``: clustered among themselves; ``"join"``: with real reports too);
    ``retell=False`` keeps a bare event from joining the event of its own article it retells
    (``event_items.report_anchors``, dated articles only; on since session 16: it raises
    every written story's recall, the two never tuned against by about 0.1 B-cubed F1, at a
    MEANTIME held-out cost of 0.004; docs/link.md "cluster14", "story16", "Session 16: lead");
    ``profiles=False`` keeps two anchored events of one article's incident (the toll in one
    sentence, the attacker in another) from counting as one report
    (``incident_profiles.py``; docs/link.md, "Session 16: story17");
    ``regroup=False`` leaves out the second pass that joins two clusters of one incident
    formed apart (``regrouping.py``)."""

    learned: bool = True
    collections: bool = True
    irrealis: IrrealisPolicy = "apart"
    retell: bool = True
    profiles: bool = True
    regroup: bool = True

    def __post_init__(self) -> None:
        if self.irrealis not in get_args(IrrealisPolicy):
            raise ValueError(f"irrealis takes {', '.join(get_args(IrrealisPolicy))}")

    @property
    def include_irrealis(self) -> bool:
        """Whether negated, hypothetical and future events are clustered at all."""
        return self.irrealis != "apart"

    @property
    def irrealis_against(self) -> float | None:
        """``cluster_events``' ``irrealis_against``: the evidence taken off an irrealis event
        and a cluster of real reports (None: a veto). Read from ``events`` when asked, so a
        tool that tries other weights (``tools/link_gap.py irrealis``) reaches every run."""
        return events.IRREALIS_JOIN_AGAINST if self.irrealis == "join" else events.IRREALIS_AGAINST


DEFAULT_OPTIONS = LinkOptions()
