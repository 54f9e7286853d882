"""What the events component finds in one sentence, for the codebook tests: each event's type
with the text of its source and target."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.components.events.component import extract_events


def found(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (
            e.type,
            e.source.span.text if e.source.span else None,
            e.target.span.text if e.target.span else None,
        )
        for e in extract_events(nlp(text))
    ]


def types(nlp: Language, text: str) -> list[str]:
    return [t for t, _, _ in found(nlp, text)]
