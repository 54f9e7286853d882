"""Every state or outlet hit that ``newsgraph/components/actors/named_bodies.py`` drops from
inside a longer ORG name on the fit texts, with the name and the actor it had: the support of
the rule (session 25, partyO; docs/events.md). Each line is to be judged by reading it: is the
named body the state (or the outlet) itself, or a body of its own?

    python tools/named_body_counts.py [--cap 400]

Reads the fit parts of RAMS, WikiEvents, MUC-4, GVDB and ConfliBERT (``probe_shape_counts``)
and PolNeAR dev's fit part; held-out documents are never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from outlet_mention_counts import polnear_fit_texts
from probe_shape_counts import fit_texts

from newsgraph.components.actors import component, named_bodies
from newsgraph.nlp import get_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=int, default=400, help="documents per set at most")
    args = parser.parse_args()
    nlp = get_pipeline()
    keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}
    disabled = [n for n in nlp.pipe_names if n not in keep and n != "newsgraph_actors"]
    drops: list[tuple[str, str, str]] = []
    current = {"set": ""}
    original = named_bodies.drop_names_inside_bodies

    def recording(doc, mentions, kb, rules):
        kept = original(doc, mentions, kb, rules)
        ids = {id(m) for m in kept}
        for m in mentions:
            if id(m) not in ids:
                ent = named_bodies._entity_around(doc, m.start, m.end)
                drops.append((current["set"], ent.text if ent is not None else "?", m.actor_id))
        return kept

    component.drop_names_inside_bodies = recording
    seen: Counter[str] = Counter()
    texts = [*fit_texts(), *polnear_fit_texts()]
    with nlp.select_pipes(disable=disabled):
        for name, text in texts:
            if seen[name] >= args.cap:
                continue
            seen[name] += 1
            current["set"] = name
            nlp(text)
    for name, entity, actor in drops:
        print(f"{name}\t{actor}\t{entity}")
    print(f"documents read: {dict(seen)}; drops: {len(drops)}", file=sys.stderr)


if __name__ == "__main__":
    main()
