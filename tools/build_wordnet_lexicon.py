"""Derive the compact event lexicon of ``newsgraph/link/wordnet_lexicon.py`` from WordNet 3.0.

    apt-get install -y wordnet-base        # Debian's WordNet 3.0 database, /usr/share/wordnet
    PYTHONPATH=. python tools/build_wordnet_lexicon.py [--wordnet /usr/share/wordnet]

Reads WordNet's plain ``index.verb``/``index.noun`` and ``data.verb``/``data.noun`` files (the
format of ``wndb(5WN)``; no nltk) and writes ``newsgraph/link/data/en/wordnet_events.json.gz``:
for every one-word verb and event noun (a noun with a sense among its first ``MAX_SENSES`` in
an act, event, phenomenon, process, possession or state lexicographer file, or derived from a
verb), its first ``MAX_SENSES`` synsets per part of speech in WordNet's sense order; the direct
hypernyms of those synsets and of their ancestors up to ``DEPTH`` steps; and the verb↔noun
derivational links of those senses ("shoot"/"shooting", "arrest"/"arrest"). The runtime reads
only that file, so newsgraph never needs WordNet installed. WordNet's licence travels beside
it (``WORDNET_LICENSE``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.datafiles import data_file
from newsgraph.link.wordnet_lexicon import LEXICON_FILE

MAX_SENSES = 3
DEPTH = 4
# Lexicographer files of event-like noun senses (wndb's lexnames): noun.act, noun.event,
# noun.phenomenon, noun.possession, noun.process, noun.state.
EVENT_NOUN_FILES = frozenset({4, 11, 19, 21, 22, 26})
HYPERNYMS = ("@", "@i")
DERIVATION = "+"
POS_LETTER = {"verb": "v", "noun": "n"}


@dataclass(slots=True)
class Synset:
    """One line of a ``data.*`` file: its id (part of speech letter and offset), its
    lexicographer file, its words and its pointers (symbol, target id, source word number,
    target word number; word numbers 0 for a pointer between whole synsets)."""

    id: str
    lex_file: int
    words: list[str]
    pointers: list[tuple[str, str, int, int]] = field(default_factory=list)


def read_index(lines: Iterable[str]) -> dict[str, list[str]]:
    """Lemma → its synset offsets in WordNet's sense order, from an ``index.*`` file."""
    senses: dict[str, list[str]] = {}
    for line in lines:
        if not line.strip() or line.startswith(" "):  # the licence header is indented
            continue
        parts = line.split()
        lemma, synset_count, pointer_count = parts[0], int(parts[2]), int(parts[3])
        offsets = parts[6 + pointer_count : 6 + pointer_count + synset_count]
        senses[lemma] = offsets
    return senses


def read_data(lines: Iterable[str], pos: str) -> Iterator[Synset]:
    """The synsets of a ``data.*`` file (``pos`` is "verb" or "noun")."""
    for line in lines:
        if not line.strip() or line.startswith(" "):
            continue
        parts = line.split(" | ")[0].split()
        offset, lex_file, word_count = parts[0], int(parts[1]), int(parts[3], 16)
        words = [parts[4 + 2 * k].lower() for k in range(word_count)]
        at = 4 + 2 * word_count
        pointers = []
        for k in range(int(parts[at])):
            symbol, target, target_pos, source_target = parts[at + 1 + 4 * k : at + 5 + 4 * k]
            letter = "v" if target_pos == "v" else "n" if target_pos == "n" else None
            if letter is None:  # adjectives and adverbs are left out
                continue
            pointers.append(
                (symbol, letter + target, int(source_target[:2], 16), int(source_target[2:], 16))
            )
        yield Synset(POS_LETTER[pos] + offset, lex_file, words, pointers)


def read_wordnet(
    root: Path,
) -> tuple[dict[str, dict[str, list[str]]], dict[str, Synset], dict[str, str]]:
    """Per part of speech the lemmas' senses (synset ids), every verb and noun synset, and the
    inflected forms WordNet lists as exceptions."""
    senses, synsets, exceptions = {}, {}, {}
    for pos, letter in POS_LETTER.items():
        with open(root / f"index.{pos}", encoding="utf-8", errors="replace") as lines:
            senses[letter] = {lemma: [letter + o for o in offsets]
                              for lemma, offsets in read_index(lines).items()}  # fmt: skip
        with open(root / f"data.{pos}", encoding="utf-8", errors="replace") as lines:
            synsets.update((s.id, s) for s in read_data(lines, pos))
        if (root / f"{pos}.exc").is_file():
            with open(root / f"{pos}.exc", encoding="utf-8", errors="replace") as lines:
                exceptions.update(read_exceptions(lines))
    return senses, synsets, exceptions


def read_exceptions(lines: Iterable[str]) -> dict[str, str]:
    """Inflected form → base form, from a ``*.exc`` file ("slain slay")."""
    out = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[0] != parts[1]:
            out.setdefault(parts[0], parts[1])
    return out


def build_lexicon(
    senses: dict[str, dict[str, list[str]]],
    synsets: dict[str, Synset],
    source: str,
    exceptions: dict[str, str] | None = None,
) -> dict:
    """The derived lexicon (see the module doc) as a JSON-ready dict."""
    kept: dict[str, tuple[list[str], list[str]]] = {}
    derived: dict[str, set[str]] = {}
    for letter in ("v", "n"):
        for lemma, ids in senses[letter].items():
            if "_" in lemma:
                continue
            first = [i for i in ids[:MAX_SENSES] if i in synsets]
            links = _derivations(lemma, first, synsets)
            if letter == "n" and not (
                links or any(synsets[i].lex_file in EVENT_NOUN_FILES for i in first)
            ):
                continue
            verbs, nouns = kept.get(lemma, ([], []))
            kept[lemma] = (first, nouns) if letter == "v" else (verbs, first)
            if links:
                derived.setdefault(lemma, set()).update(links)
    # derivational links both ways, between kept lemmas only
    for lemma, links in list(derived.items()):
        for other in links:
            if other in kept:
                derived.setdefault(other, set()).add(lemma)
    wanted = [i for verbs, nouns in kept.values() for i in verbs + nouns]
    hypernyms: dict[str, list[str]] = {}
    frontier = list(dict.fromkeys(wanted))
    for _ in range(DEPTH + 1):
        following = []
        for i in frontier:
            if i in hypernyms:
                continue
            up = [t for s, t, _, _ in synsets[i].pointers if s in HYPERNYMS]
            hypernyms[i] = up
            following += up
        frontier = following
    ids = sorted(hypernyms)
    index = {i: k for k, i in enumerate(ids)}
    return {
        "source": source,
        "licence": "WordNet 3.0 Copyright 2006 by Princeton University; see WORDNET_LICENSE",
        "max_senses": MAX_SENSES,
        "depth": DEPTH,
        "synsets": ids,
        "hypernyms": [[index[t] for t in hypernyms[i] if t in index] for i in ids],
        "lemmas": {
            lemma: [[index[i] for i in verbs], [index[i] for i in nouns]]
            for lemma, (verbs, nouns) in sorted(kept.items())
        },
        "derived": {
            lemma: sorted(o for o in links if o in kept and o != lemma)
            for lemma, links in sorted(derived.items())
            if lemma in kept
        },
        "exceptions": {
            form: base
            for form, base in sorted((exceptions or {}).items())
            if base in kept and form not in kept
        },
    }


def _derivations(lemma: str, ids: list[str], synsets: dict[str, Synset]) -> set[str]:
    """Words of the other part of speech derivationally related to ``lemma``'s senses."""
    out = set()
    for i in ids:
        synset = synsets[i]
        for symbol, target, source_word, target_word in synset.pointers:
            if symbol != DERIVATION or target[0] == i[0] or target not in synsets:
                continue
            if source_word and synset.words[source_word - 1] != lemma:
                continue
            words = synsets[target].words
            if 0 < target_word <= len(words) and "_" not in words[target_word - 1]:
                out.add(words[target_word - 1])
    return out


def debian_version(package: str = "wordnet-base") -> str:
    try:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                                capture_output=True, text=True, check=False)  # fmt: skip
    except OSError:
        return "unknown"
    return result.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=data_file("newsgraph.link", LEXICON_FILE))
    args = parser.parse_args(argv)
    senses, synsets, exceptions = read_wordnet(args.wordnet)
    source = f"WordNet 3.0, Debian package wordnet-base {debian_version()} ({args.wordnet})"
    lexicon = build_lexicon(senses, synsets, source, exceptions)
    text = json.dumps(lexicon, separators=(",", ":"), ensure_ascii=False)
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{args.out}: {len(lexicon['lemmas'])} lemmas, {len(lexicon['synsets'])} synsets, "
          f"{args.out.stat().st_size} bytes")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
