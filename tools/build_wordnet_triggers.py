"""Generalise the codebook trigger lexicon through WordNet 3.0 (writes a data file with provenance).

    apt-get install -y wordnet-base        # Debian's WordNet 3.0 database, /usr/share/wordnet
    PYTHONPATH=. python tools/build_wordnet_triggers.py [--wordnet /usr/share/wordnet]

The seeds are the single-word entries of ``data/en/event_triggers.yaml`` (each named by the
PLOVER or CAMEO codebook) that carry a PLOVER type and no sense that depends on their object or
complement (``by_object``, ``by_modifier``, ``speech_type``, ``not_complements``,
``negated_type``): "kill", "behead", "convene", "massacre" (noun). From a seed's first
``--seed-senses`` WordNet senses of its part of speech, each only where another seed of the
same type is a word of it, above it or below it (a confirmed sense), the tool walks

- ``synonym``: the other words of that synset ("decapitate" of "behead");
- ``hyponym`` (not by default): the words of the synsets below it, up to ``--depth`` steps
  (WordNet's troponyms of a verb: "massacre", "decapitate", "exterminate" under "kill");
- ``derivation``: from a seed or a word reached above, the noun of an act or event (or the verb)
  that WordNet links to that very sense ("slay" → "slaying"; a noun only where its sense is an
  act or an event, so no "killer").

A word reached is kept only when the synset it was reached in is among its own first
``--target-senses`` senses (WordNet's sense order is by frequency: "see" is a word of the synset
"meet, run into, encounter", but not one of its first senses), when the hand lexicon does not
list it already (hand entries win) and when it is no function word of the lexicon (speech,
support, negating, embedding or happening verbs; message, hypothetical or object-class nouns).
A word reached from seeds of different types is left out. It takes its seed's type, mode,
casualty and argument settings.

With ``--fit-cache`` (``trigger_fit.json``, the cache of ``tools/train_trigger_model.py
analyse``, which runs the default pipeline: the hand lexicon alone) a word is vetoed when the
fit documents of RAMS and WikiEvents hold at least ``VETO_MIN_TOKENS`` candidate tokens of it
(same part of speech) and under ``VETO_PRECISION`` of them are gold triggers of its type
("help" as AID: 0 of 61); the vetoed words are listed, with their counts, at the end of the file.

Writes ``newsgraph/components/events/data/en/wordnet_triggers.yaml``: each entry says which
seed, which relation chain and which synset it came from. The runtime reads only that file.
The limits were chosen on the fit parts of RAMS and WikiEvents (docs/events.md).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from build_wordnet_lexicon import Synset, debian_version, read_wordnet  # noqa: E402

from newsgraph.datafiles import load_yaml  # noqa: E402

DATA = ROOT / "newsgraph" / "components" / "events" / "data" / "en"
HAND_FILE = DATA / "event_triggers.yaml"
OUT_FILE = DATA / "wordnet_triggers.yaml"
HYPONYMS = ("~", "~i")
HYPERNYMS = ("@", "@i")
DERIVATION = "+"
# wndb lexicographer files of nouns that name an act or an event: noun.act, noun.event
EVENT_NOUN_FILES = frozenset({4, 11})
# what a generated entry takes over from its seed
COPIED = ("type", "mode", "casualty", "reciprocal", "embeds", "needs_object", "needs_verb")
# a seed whose sense depends on its object, complement or subject is no seed ("arrive" is aid
# only for peacekeepers: its synonyms "come", "get" would lose that condition)
CONTEXT_KEYS = (
    "by_object",
    "by_modifier",
    "by_subject",
    "speech_type",
    "not_complements",
    "negated_type",
    "needs_subject",
    "not_subject",
    "needs_place",
    "needs_object_class",
)
# the nominal of a verb seed takes its object with "of" ("the slaughter of civilians")
NOUN_TARGET_PREPS = ["of", "on", "against"]
VETO_MIN_TOKENS = 5
VETO_PRECISION = 0.1
TAG_OF = {"verbs": "VERB", "nouns": "NOUN"}


@dataclass(frozen=True, slots=True)
class Settings:
    seed_senses: int = 1
    target_senses: int = 1
    depth: int = 1
    # chosen on the fit parts: hyponyms add long troponym lists of broad seeds (docs/events.md)
    relations: tuple[str, ...] = ("synonym", "derivation")


@dataclass(frozen=True, slots=True)
class Reached:
    """A word reached from a seed: its part of speech, the seed, the relation chain, the
    synset it was reached in and the number of steps."""

    word: str
    pos: str  # "verbs" | "nouns"
    seed: str
    seed_pos: str
    chain: tuple[str, ...]
    synset: str

    @property
    def distance(self) -> int:
        return len(self.chain)


def sense_rank(word: str, synset: str, senses: dict[str, dict[str, list[str]]]) -> int | None:
    """The 1-based position of ``synset`` among ``word``'s senses (its part of speech)."""
    ids = senses[synset[0]].get(word, [])
    return ids.index(synset) + 1 if synset in ids else None


def words_of(synset: Synset) -> list[str]:
    return [w for w in synset.words if "_" not in w and w.isalpha()]


def hyponym_synsets(start: str, synsets: dict[str, Synset], depth: int) -> list[tuple[str, int]]:
    """Synsets below ``start`` with their steps (1 … depth)."""
    out, frontier, seen = [], [start], {start}
    for step in range(1, depth + 1):
        following = []
        for i in frontier:
            for symbol, target, _, _ in synsets[i].pointers:
                if symbol in HYPONYMS and target in synsets and target not in seen:
                    seen.add(target)
                    following.append(target)
                    out.append((target, step))
        frontier = following
    return out


def derived_words(synset_id: str, word: str, synsets: dict[str, Synset]) -> list[tuple[str, str]]:
    """(word, synset) of the other part of speech that WordNet derives from ``word`` in this
    sense; nouns only where their synset is an act or an event."""
    synset = synsets[synset_id]
    out = []
    for symbol, target, source_word, target_word in synset.pointers:
        if symbol != DERIVATION or target[0] == synset_id[0] or target not in synsets:
            continue
        if source_word and synset.words[source_word - 1] != word:
            continue
        other = synsets[target]
        if target[0] == "n" and other.lex_file not in EVENT_NOUN_FILES:
            continue
        if 0 < target_word <= len(other.words) and other.words[target_word - 1].isalpha():
            out.append((other.words[target_word - 1], target))
    return out


def neighbours(start: str, synsets: dict[str, Synset], depth: int) -> set[str]:
    """The words of ``start`` and of the synsets above it (one step) and below it (``depth``):
    where WordNet places a sense among other words. Not its derived words: "demonstration"
    derives from "demonstrate" in every sense, "show" included."""
    near = [start, *(i for i, _ in hyponym_synsets(start, synsets, depth))]
    near += [t for s, t, _, _ in synsets[start].pointers if s in HYPERNYMS and t in synsets]
    return {word for i in near for word in words_of(synsets[i])}


def confirmed(
    start: str, seed: str, kind: str, typed: dict[str, str], synsets: dict, depth: int
) -> bool:
    """WordNet's sense of the seed is the codebook's when another seed of the same type is
    among its neighbours ("kill": "murder", "massacre", "killing"; not "recall" as
    "remember", nor "meet" as "run into")."""
    return any(typed.get(w) == kind for w in neighbours(start, synsets, depth) - {seed})


def reach(
    seed: str,
    seed_pos: str,
    kind: str,
    typed: dict[str, str],
    senses: dict[str, dict[str, list[str]]],
    synsets: dict[str, Synset],
    settings: Settings,
) -> list[Reached]:
    """Every word the relations in ``settings`` reach from ``seed``'s first senses that
    another seed of type ``kind`` confirms (``typed``: seed word → type)."""
    letter = "v" if seed_pos == "verbs" else "n"
    pos_of = {"v": "verbs", "n": "nouns"}
    out: list[Reached] = []
    for start in senses[letter].get(seed, [])[: settings.seed_senses]:
        if start not in synsets or not confirmed(start, seed, kind, typed, synsets, settings.depth):
            continue
        same_pos: list[tuple[str, str, tuple[str, ...]]] = [(seed, start, ())]
        if "synonym" in settings.relations:
            same_pos += [(w, start, ("synonym",)) for w in words_of(synsets[start]) if w != seed]
        if "hyponym" in settings.relations:
            for below, steps in hyponym_synsets(start, synsets, settings.depth):
                same_pos += [(w, below, ("hyponym",) * steps) for w in words_of(synsets[below])]
        for word, synset, chain in same_pos:
            if chain:
                out.append(Reached(word, pos_of[letter], seed, seed_pos, chain, synset))
            if "derivation" not in settings.relations:
                continue
            for other, target in derived_words(synset, word, synsets):
                chain_here = (*chain, "derivation")
                out.append(Reached(other, pos_of[target[0]], seed, seed_pos, chain_here, target))
    return out


def excluded_words(hand: dict) -> dict[str, set[str]]:
    """Per part of speech, the words the generated file must not list: the hand lexicon's own
    entries and its function words."""
    hypothetical = hand.get("hypothetical") or {}
    verbs = set(hand.get("verbs") or {}) | set(hand.get("support_verbs") or [])
    for key in ("speech_verbs", "negating_verbs", "not_speech_cues", "happening_verbs"):
        verbs |= set(hand.get(key) or [])
    verbs |= set(hypothetical.get("embedding_verbs") or [])
    nouns = set(hand.get("nouns") or {}) | set(hand.get("message_nouns") or [])
    nouns |= set(hypothetical.get("nouns") or [])
    for words in (hand.get("object_classes") or {}).values():
        nouns |= set(words)  # things and actors ("bomb", "army") are no acts
    return {"verbs": verbs, "nouns": nouns}


def seeds(hand: dict) -> list[tuple[str, str, dict]]:
    """(lemma, part of speech, entry) of every single-word typed entry with a fixed sense."""
    out = []
    for pos in ("verbs", "nouns"):
        for lemma, entry in (hand.get(pos) or {}).items():
            lemma = str(lemma)
            if " " in lemma or not entry.get("type") or any(k in entry for k in CONTEXT_KEYS):
                continue
            out.append((lemma, pos, entry))
    return out


def prepositions(values: list) -> list[str]:
    """YAML 1.1 reads a bare ``on``/``off`` as a boolean; prepositions are words."""
    return [{True: "on", False: "off"}.get(v, v) if isinstance(v, bool) else v for v in values]


def entry_for(reached: Reached, seed_entry: dict) -> dict:
    """The generated entry: the seed's sense, with provenance."""
    entry = {k: seed_entry[k] for k in COPIED if k in seed_entry}
    if reached.pos == "nouns":
        entry.pop("needs_object", None)
        if reached.seed_pos == "verbs":
            entry["target_preps"] = NOUN_TARGET_PREPS
        elif "target_preps" in seed_entry:
            entry["target_preps"] = prepositions(seed_entry["target_preps"])
    else:
        entry.pop("needs_verb", None)
        if reached.seed_pos == "verbs" and "target_preps" in seed_entry:
            entry["target_preps"] = prepositions(seed_entry["target_preps"])
    entry["wordnet"] = {
        "seed": reached.seed,
        "seed_pos": reached.seed_pos[:-1],
        "relation": ">".join(reached.chain),
        "synset": reached.synset,
    }
    return entry


def generate(
    hand: dict,
    senses: dict[str, dict[str, list[str]]],
    synsets: dict[str, Synset],
    settings: Settings,
) -> dict[str, dict[str, dict]]:
    """{"verbs": {word: entry}, "nouns": {word: entry}}: the nearest seed's sense for each
    word reached, leaving out words whose nearest seeds disagree on the type."""
    excluded = excluded_words(hand)
    all_seeds = seeds(hand)
    typed: dict[str, str] = {}
    for seed, _, entry in all_seeds:
        typed.setdefault(seed, entry["type"])
    best: dict[tuple[str, str], list[tuple[Reached, dict]]] = {}
    for seed, pos, entry in all_seeds:
        for reached in reach(seed, pos, entry["type"], typed, senses, synsets, settings):
            if reached.word in excluded[reached.pos] or reached.word == seed:
                continue
            rank = sense_rank(reached.word, reached.synset, senses)
            if rank is None or rank > settings.target_senses:
                continue
            key = (reached.word, reached.pos)
            kept = best.get(key)
            if kept is None or reached.distance < kept[0][0].distance:
                best[key] = [(reached, entry)]
            elif reached.distance == kept[0][0].distance:
                kept.append((reached, entry))
    out: dict[str, dict[str, dict]] = {"verbs": {}, "nouns": {}}
    for (word, pos), candidates in sorted(best.items()):
        if len({entry["type"] for _, entry in candidates}) > 1:
            continue  # "strike" as ASSAULT and as PROTEST: WordNet cannot tell which
        reached, entry = min(candidates, key=lambda c: (c[0].seed, c[0].chain))
        out[pos][word] = entry_for(reached, entry)
    return out


def fit_counts(cache: Path) -> dict[tuple[str, str, str], int]:
    """(lemma, part of speech tag, label) → candidate tokens in the fit documents, from the
    trigger tool's cache (label: the gold PLOVER type, or NONE)."""
    import json
    from collections import Counter

    counts: Counter[tuple[str, str, str]] = Counter()
    for row in json.loads(cache.read_text(encoding="utf-8")):
        for candidate in row["candidates"]:
            name = next(n for n in candidate["names"] if n.startswith("lemma|pos="))
            lemma, tag = name.removeprefix("lemma|pos=").rsplit("|", 1)
            counts[(lemma, tag, candidate["label"])] += 1
    return counts


def veto(
    generated: dict[str, dict[str, dict]], counts: dict[tuple[str, str, str], int]
) -> list[str]:
    """Remove the words the fit documents show to be rarely the seed's event; lines saying
    which, with their counts."""
    lines = []
    for pos, entries in generated.items():
        for word in list(entries):
            kind = entries[word]["type"]
            tokens = sum(n for (w, tag, _), n in counts.items() if (w, tag) == (word, TAG_OF[pos]))
            right = counts.get((word, TAG_OF[pos], kind), 0)
            if tokens >= VETO_MIN_TOKENS and right < VETO_PRECISION * tokens:
                del entries[word]
                lines.append(f"{pos[:-1]} {word} ({kind}): {right} of {tokens} fit tokens")
    return lines


def render(
    generated: dict[str, dict[str, dict]], settings: Settings, source: str, vetoed: list[str]
) -> str:
    """The YAML text (one flow mapping an entry, so the file reads as a table)."""
    import json

    lines = [
        "# GENERATED by tools/build_wordnet_triggers.py from the codebook entries of",
        "# event_triggers.yaml through WordNet 3.0 (see WORDNET_LICENSE in link/data/en); do not",
        "# edit: change the seeds or the settings and rebuild. An entry of event_triggers.yaml",
        "# with the same key overrides the one here. `wordnet` says where each entry came from:",
        "# its seed (and the seed's part of speech), the relation chain and the WordNet synset.",
        f"# source: {source}",
        f"# settings: seed_senses={settings.seed_senses} target_senses={settings.target_senses}"
        f" depth={settings.depth} relations={','.join(settings.relations)}",
    ]
    for pos in ("verbs", "nouns"):
        lines.append(f"{pos}:")
        for word, entry in generated[pos].items():
            # quoted: YAML 1.1 reads a bare "off" key as a boolean
            lines.append(f"  {json.dumps(word)}: {json.dumps(entry, ensure_ascii=False)}")
    if vetoed:
        lines.append(
            f"# vetoed on the fit parts (at least {VETO_MIN_TOKENS} candidate tokens,"
            f" under {VETO_PRECISION:.0%} of them a gold trigger of the type):"
        )
        lines += [f"#   {line}" for line in vetoed]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    default = Settings()
    parser.add_argument("--seed-senses", type=int, default=default.seed_senses)
    parser.add_argument("--target-senses", type=int, default=default.target_senses)
    parser.add_argument("--depth", type=int, default=default.depth)
    parser.add_argument("--relations", default=",".join(default.relations))
    parser.add_argument("--fit-cache", type=Path, help="trigger_fit.json of train_trigger_model")
    args = parser.parse_args(argv)
    settings = Settings(args.seed_senses, args.target_senses, args.depth,
                        tuple(args.relations.split(",")))  # fmt: skip
    with HAND_FILE.open(encoding="utf-8") as handle:
        hand = load_yaml(handle)
    senses, synsets, _ = read_wordnet(args.wordnet)
    generated = generate(hand, senses, synsets, settings)
    vetoed = veto(generated, fit_counts(args.fit_cache)) if args.fit_cache else []
    source = f"WordNet 3.0, Debian package wordnet-base {debian_version()}"
    args.out.write_text(render(generated, settings, source, vetoed), encoding="utf-8")
    print(f"{args.out}: {len(generated['verbs'])} verbs, {len(generated['nouns'])} nouns, "
          f"{len(vetoed)} vetoed")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
