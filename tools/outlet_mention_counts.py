"""How often the actor KB's media outlets are named in the fit texts, in which form ("told X",
"X reported", "according to X", "a X correspondent", "in an interview with X", "X's"), and
which of them hold a state's or a capital's name ("Myanmar Now", "Kabul Now", "Times of
Israel"): the support of session 15's outlet rule (docs/events.md, "session 15: outlet15").

    python tools/outlet_mention_counts.py            # counts per set and form
    python tools/outlet_mention_counts.py --show     # also each outlet's count
    python tools/outlet_mention_counts.py --unknown  # "told the X"/"X reported" names the KB lacks

Reads the fit parts of RAMS, WikiEvents, MUC-4, GVDB, ConfliBERT (``probe_shape_counts``) and
PolNeAR dev; held-out documents are never read. Names are matched as written (case and word
edges), longest first, with no parse: a count of the surface, not of the pipeline's reading.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools it reuses

from probe_shape_counts import fit_texts

from newsgraph.components.actors.kb import DATA_DIR, MEDIA_TYPE, KnowledgeBase
from newsgraph.eval import polnear
from newsgraph.eval.base import FIT, by_part, shared_eval_dir

# the forms news names an outlet in: (form, pattern before the name, pattern after it)
FORMS = (
    ("told X", r"\btold (?:the )?$", r""),
    ("according to X", r"\baccording to (?:the )?$", r""),
    ("interview with X", r"\binterview with (?:the )?$", r""),
    ("by X", r"\b(?:reported|quoted|cited|published|obtained) by (?:the )?$", r""),
    ("X reported/said", r"", r"^ (?:reported|reports|said|says|wrote|quoted)\b"),
    ("a X correspondent", r"", r"^ (?:correspondent|reporter|journalist|reporting)s?\b"),
    ("X's", r"", r"^['’]s\b"),
)
# words that end an outlet's name ("the Daily Star", "the Kabul Times"), for --unknown
OUTLET_HEADS = re.compile(
    r"\b(?:Times|Post|News|Herald|Tribune|Observer|Monitor|Now|Daily|Chronicle|Gazette|"
    r"Independent|Journal|Express|Star|Review|Today|Insight|Online|Standard|Guardian|Press|"
    r"Agency|TV|Radio|Network)$"
)
UNKNOWN = re.compile(
    r"\b(?:told|according to) (?:the )?((?:[A-Z][\w'’.-]+ ){0,3}[A-Z][\w'’.-]+)"
    r"|((?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’.-]+) reported\b"
)


def polnear_fit_texts() -> Iterator[tuple[str, str]]:
    items = list(polnear.articles(shared_eval_dir() / polnear.DEFAULT_DATA, polnear.SCORED_SPLIT))
    for article, _ in by_part(items, lambda item: item[0].id, FIT)[FIT]:
        yield "polnear", article.text


def state_words() -> list[str]:
    """Every state's name, alias, demonym and capital metonym (``states.csv``)."""
    with open(DATA_DIR / "states.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = ("name", "aliases", "demonyms", "metonyms")
    return [w for row in rows for c in cells for w in (row[c] or "").split("|") if w.strip()]


def outlet_names() -> dict[str, str]:
    """Each media alias (as written) → its outlet's id."""
    kb = KnowledgeBase.load()
    return {
        name: entry.id
        for entry in kb.by_id.values()
        if entry.type == MEDIA_TYPE
        for name in entry.names()
    }


def names_a_state(name: str, words: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", name) for w in words)


def outlet_mentions(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """(alias, form) of each outlet name in ``text`` (longest first, as the regex alternation
    is sorted)."""
    for match in pattern.finditer(text):
        before, after = text[max(0, match.start() - 40) : match.start()], text[match.end() :]
        form = next(
            (
                name
                for name, pre, post in FORMS
                if (not pre or re.search(pre, before)) and (not post or re.match(post, after))
            ),
            "other",
        )
        yield match.group(0), form


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print each outlet's count")
    parser.add_argument("--unknown", action="store_true", help="names the KB lacks")
    args = parser.parse_args()
    names = outlet_names()
    words = state_words()
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.-])(?:{alternation})(?![\w-])")
    forms: Counter[tuple[str, str]] = Counter()
    stated: Counter[tuple[str, str]] = Counter()
    outlets: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for corpus, text in [*fit_texts(), *polnear_fit_texts()]:
        for alias, form in outlet_mentions(text, pattern):
            forms[corpus, form] += 1
            outlets[names[alias]] += 1
            if names_a_state(alias, words):
                stated[corpus, form] += 1
        if args.unknown:
            for match in UNKNOWN.finditer(text):
                name = match.group(1) or match.group(2)
                if name not in names and OUTLET_HEADS.search(name):
                    unknown[name] += 1
    print("set\tform\tmentions\twith a state's or capital's name")
    for (corpus, form), count in sorted(forms.items()):
        print(f"{corpus}\t{form}\t{count}\t{stated[corpus, form]}")
    if args.show:
        for outlet, count in outlets.most_common():
            print(f"{count}\t{outlet}")
    if args.unknown:
        for name, count in unknown.most_common(40):
            print(f"{count}\tunknown: {name}")


if __name__ == "__main__":
    main()
