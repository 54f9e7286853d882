"""Audit the knowledge files that make events or statements for single-example support.

The sibling of ``tools/lexicon_audit.py`` (which audits the trigger entries of
``event_triggers.yaml`` by running the sentence detector): for every other entry of the files
in ``FILES`` (word lists, patterns, cue lemmas, description heads; and the word lists of
``event_triggers.yaml`` besides its verbs, nouns and phrases) it counts the FIT sentences the
entry *occurs* in, and says whether a comment that governs the entry cites a codebook (PLOVER,
CAMEO) or a general word list (WordNet, VerbNet, PolNeAR's guidelines, ...).

"Occurs" is an upper bound of "fires": a one-word entry occurs in a sentence that has the word
as a token or a lemma, a several-word entry where each of its words does, a regular expression
where it matches the lowercase sentence. An entry that occurs in at most one fit sentence
fires on at most one, so the ``REVIEW`` flag (at most one, no codebook or word list cited) is
never raised too seldom; it may be raised too often for an entry that only guards another
(read its comment).

Texts: the fit parts of PLOVER GSR, PETR-2, ConfliBERT, RAMS, WikiEvents and MUC-4
(``lexicon_audit.fit_texts``) for event files; for quote files also PolNeAR train and the fit
part of dev. A comment governs an entry when it is the entry line's own trailing comment, the
nearest comment block above the line, or a block governing a key the entry sits under.

``--code`` audits the module-level word sets of the events, quotes and actors code instead
(``HEDGES = frozenset({...})``; sets of dependency labels, tags or entity types are skipped).

    python tools/knowledge_audit.py [--data ../shared/eval] [--only-review] [--json FILE]
        [--file NAME ...] [--cache FILE] [--code]
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from lexicon_audit import CODEBOOK, SETS, WORD_LIST, fit_texts  # noqa: E402
from spacy.glossary import GLOSSARY  # noqa: E402

from newsgraph.eval import event_location, gvdb, polnear  # noqa: E402
from newsgraph.eval.base import by_part  # noqa: E402
from newsgraph.nlp import load_spacy_model  # noqa: E402

EVENTS = ROOT / "newsgraph/components/events/data/en"
QUOTES = ROOT / "newsgraph/components/quotes/data/en"
LINK = ROOT / "newsgraph/link/data/en"
ACTORS = ROOT / "newsgraph/components/actors/data/en"
EVENT_SETS = (*SETS, "gvdb", "event-location")
QUOTE_SETS = ("polnear",)
# file -> the sets whose fit sentences count for it (statements are PolNeAR's; a speaker's
# title and the speech cues also make the events' statements, so they count on both)
FILES: dict[Path, tuple[str, ...]] = {
    EVENTS / "event_triggers.yaml": EVENT_SETS,
    EVENTS / "cameo_statements.yaml": EVENT_SETS,
    EVENTS / "accused_doers.yaml": EVENT_SETS,
    EVENTS / "party_nouns.yaml": EVENT_SETS,
    EVENTS / "magnitude.yaml": EVENT_SETS,
    EVENTS / "wordnet_triggers.yaml": EVENT_SETS,
    QUOTES / "speech_cues.yaml": QUOTE_SETS + EVENT_SETS,
    QUOTES / "quote_rules.yaml": QUOTE_SETS + EVENT_SETS,
    QUOTES / "speaker_titles.yaml": QUOTE_SETS + EVENT_SETS,
    LINK / "nationality_nouns.yaml": EVENT_SETS,
    ACTORS / "actor_descriptions.yaml": QUOTE_SETS + EVENT_SETS,
}
# lists whose words are statement cues, counted on PolNeAR as well
PATH_SETS: dict[tuple[str, str], tuple[str, ...]] = {
    ("event_triggers.yaml", "speech_verbs"): QUOTE_SETS + EVENT_SETS,
    ("event_triggers.yaml", "not_speech_cues"): QUOTE_SETS + EVENT_SETS,
}
# event_triggers.yaml's verbs, nouns and phrases are lexicon_audit.py's
AUDITED_ELSEWHERE = {"event_triggers.yaml": ("verbs", "nouns", "phrases")}
# fields that hold settings, not words of the text
SETTING_FIELDS = {
    "kind", "act", "frame", "sense", "type", "types", "mode", "cameo", "quad", "role",
    "acts", "casualty", "wordnet", "seed", "seed_pos", "relation", "synset", "raising",
    "capitalized", "national", "embeds", "reciprocal", "value", "slot", "target_preps",
    "source_preps", "by_object", "by_modifier", "by_subject",
}  # fmt: skip
# files whose opening comment names a codebook or word list in passing, not as the entries'
# source (speech_cues.yaml: CAMEO 011 is no cue's default act, VerbNet names the verbs'
# other senses; the cues themselves are PolNeAR's, counted here)
HEADER_NOT_SOURCE = {"speech_cues.yaml"}
NUMBER = (  # a count_forms pattern's {n}: digits, or a number or quantity word
    r"(?:\d[\d,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"dozens?|scores|hundreds|thousands|several|many|some|few)"
)
REGEX_MARK = re.compile(r"\\b|\(\?:|^\^|\$$|\\w|\[|\{n\}")


# ---- the fit sentences, as sets of words ------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    text: str  # lowercase
    words: frozenset[str]  # lowercase tokens and lemmas


def local_fit_texts(data: Path) -> dict[str, list[str]]:
    """GVDB and event-location fit parts: local news, where casualty words and places live."""
    articles = gvdb.read_gold(data / gvdb.DEFAULT_DATA / gvdb.DEV_FILE)
    records = event_location.read_gold(data / event_location.DEFAULT_DATA)
    return {
        "gvdb": [a.text for a in by_part(articles, lambda a: a.id)["fit"]],
        "event-location": [r.text for r in by_part(records, lambda r: r.text)["fit"]],
    }


def polnear_fit_texts(data: Path) -> list[str]:
    """PolNeAR train and the fit part of dev: what the quote rules are fitted on."""
    folder = data / polnear.DEFAULT_DATA
    train = [a.text for a, _ in polnear.articles(folder, "train")]
    dev = list(polnear.articles(folder, polnear.SCORED_SPLIT))
    return train + [a.text for a, _ in by_part(dev, lambda item: item[0].id)["fit"]]


def sentences(texts: Iterable[str]) -> Iterator[Sentence]:
    """Split and lemmatise without the parser (the counts need words, not a tree)."""
    nlp = load_spacy_model()
    disabled = [p for p in ("parser", "ner") if p in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        if "senter" in nlp.pipe_names:
            nlp.enable_pipe("senter")
        elif "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        for doc in nlp.pipe(texts, batch_size=64):
            for sent in doc.sents:
                words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
                yield Sentence(sent.text.lower(), frozenset(words))


def load_sentences(data: Path, cache: Path | None) -> dict[str, list[Sentence]]:
    if cache and cache.exists():
        raw = json.loads(gzip.decompress(cache.read_bytes()))
        return {s: [Sentence(t, frozenset(w)) for t, w in rows] for s, rows in raw.items()}
    texts = {**fit_texts(data), **local_fit_texts(data), "polnear": polnear_fit_texts(data)}
    out = {name: list(sentences(items)) for name, items in texts.items()}
    if cache:
        rows = {s: [(x.text, sorted(x.words)) for x in sents] for s, sents in out.items()}
        cache.write_bytes(gzip.compress(json.dumps(rows).encode()))
    return out


# ---- entries and the comments that govern them ------------------------------------------


@dataclass(frozen=True)
class Entry:
    file: str
    path: str  # YAML keys down to the entry, e.g. "acts.harm_lemmas"
    term: str
    comment: str  # the comments that govern the entry
    header: str


def line_comments(lines: list[str]) -> list[str]:
    """For each line, the text of the comments that govern it: its trailing comment, the
    nearest comment block above it (a block speaks for the key or list items under it, up to
    the next block or the next key with none), and the blocks governing the keys it sits
    under."""
    governing: list[str] = []
    block: list[str] = []
    after_comment = False
    parents: list[tuple[int, str]] = []  # (indent, comment) of the enclosing keys
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            block = [*block, stripped] if after_comment else [stripped]
            after_comment = True
            governing.append("")
            continue
        if not stripped:
            governing.append("")
            continue
        indent = len(line) - len(line.lstrip())
        is_key = re.match(r"^\s*[\w' \"-]+:", line) is not None
        if is_key and not after_comment:
            block = []  # a key with no comment of its own: the block above was its sibling's
        after_comment = False
        while parents and parents[-1][0] >= indent:
            parents.pop()
        trailing = line.split(" #", 1)[1] if " #" in line else ""
        own = " ".join(block)
        governing.append(" ".join([own, trailing, *(c for _, c in parents)]))
        if is_key:
            parents.append((indent, own))
    return governing


def leaves(value: object, path: str) -> Iterator[tuple[str, str]]:
    """(path, term) of every word or pattern in a loaded YAML value."""
    if isinstance(value, str):
        if value and not value.isupper():
            yield path, value
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, path)
    elif isinstance(value, dict):
        if "lemma" in value:  # a speech cue: the lemma is the entry, the rest its settings
            yield path, str(value["lemma"])
            for name in ("not_objects",):
                for term in value.get(name, []):
                    yield f"{path}[{value['lemma']}].{name}", term
            return
        for key, item in value.items():
            if str(key) in SETTING_FIELDS:
                continue
            if isinstance(item, dict) and path and not set(map(str, item)) - SETTING_FIELDS:
                yield path, str(key)  # a keyed entry ("faction: {types: ...}")
            else:
                yield from leaves(item, f"{path}.{key}" if path else str(key))


def file_entries(path: Path) -> list[Entry]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = " ".join(_header(lines))
    comments = line_comments(lines)
    if header and path.name in HEADER_NOT_SOURCE:
        comments = [c.replace(header, "") for c in comments]
    skip = AUDITED_ELSEWHERE.get(path.name, ())
    data = yaml.safe_load(text) or {}
    entries, cursor = [], 0
    for key, value in data.items():
        if key in skip:
            continue
        for leaf_path, term in leaves(value, str(key)):
            line = _find_line(lines, term, cursor)
            cursor = line if line is not None else cursor
            comment = comments[line] if line is not None else ""
            source = "" if path.name in HEADER_NOT_SOURCE else header
            entries.append(Entry(path.name, leaf_path, term, comment, source))
    return entries


def _header(lines: list[str]) -> list[str]:
    """The file's opening comment: it governs every entry of the file (where the file comes
    from: a codebook, WordNet)."""
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line.strip())
    return out


def _find_line(lines: list[str], term: str, start: int) -> int | None:
    """The first line at or after ``start`` that holds ``term`` (YAML order is file order)."""
    needle = term.replace("\\", "\\\\") if REGEX_MARK.search(term) else term
    for i in range(start, len(lines)):
        code = lines[i].split(" #", 1)[0]
        if not code.lstrip().startswith("#") and (needle in code or term in code):
            return i
    return None


# ---- word sets in code -------------------------------------------------------------------

CODE_DIRS = {
    ROOT / "newsgraph/components/events": EVENT_SETS,
    ROOT / "newsgraph/components/quotes": QUOTE_SETS + EVENT_SETS,
    ROOT / "newsgraph/components/actors": QUOTE_SETS + EVENT_SETS,
}


def _strings(node: ast.AST) -> list[str] | None:
    """The string literals of a set, tuple, list or frozenset(...) literal, else None."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "frozenset" and node.args:
        node = node.args[0]
    if not isinstance(node, (ast.Set, ast.Tuple, ast.List)) or not node.elts:
        return None
    if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return None
    return [e.value for e in node.elts]  # type: ignore[attr-defined]


def _is_label_set(words: list[str]) -> bool:
    """Dependency labels, tags, entity types and type names are no words of the text."""
    labels = sum(w in GLOSSARY or w.isupper() or not w.strip() for w in words)
    return labels * 2 > len(words)


def code_entries(path: Path) -> list[Entry]:
    """Module-level word sets (``NAME = frozenset({...})``) with the comment above them."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    entries = []
    for node in ast.parse(source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        words = _strings(node.value) if getattr(node, "value", None) is not None else None
        if not isinstance(target, ast.Name) or words is None or _is_label_set(words):
            continue
        above = []
        for line in reversed(lines[: node.lineno - 1]):
            if not line.strip().startswith("#"):
                break
            above.insert(0, line.strip())
        trailing = [
            ln.split("#", 1)[1] for ln in lines[node.lineno - 1 : node.end_lineno] if "#" in ln
        ]
        comment = " ".join(above + trailing)
        name = f"{path.stem}.{target.id}"
        entries += [Entry(path.name, name, w, comment, "") for w in words]
    return entries


def code_rows(indexes: dict[str, Index]) -> list[dict]:
    rows = []
    for folder, sets in CODE_DIRS.items():
        for path in sorted(folder.glob("*.py")):
            for entry in code_entries(path):
                per_set = {s: len(indexes[s].ids(entry.term)) for s in sets}
                rows.append(count_row(entry, per_set, sum(per_set.values())))
    return rows


# ---- counting -----------------------------------------------------------------------------


class Index:
    """One set's fit sentences, indexed by word, for counting the sentences an entry occurs in."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.by_word: dict[str, set[int]] = defaultdict(set)
        for i, sentence in enumerate(sentences):
            for word in sentence.words:
                self.by_word[word].add(i)

    def ids(self, term: str) -> set[int]:
        """The sentences the term occurs in."""
        if REGEX_MARK.search(term):
            # a content pattern's anchors mark the content's ends, not the sentence's
            return self._matches(term.replace("{n}", NUMBER).strip("^$"))
        words = term.lower().split()
        found = set.intersection(*(self.by_word.get(w, set()) for w in words)) if words else set()
        if re.search(r"[^\w ]", term):  # "iran-backed", "editor's note": the tokens split it
            found |= self._matches(rf"(?<!\w){re.escape(term)}(?!\w)")
        return found

    def _matches(self, pattern: str) -> set[int]:
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error:
            return set()
        return {i for i, s in enumerate(self.sentences) if compiled.search(s.text)}


def variant_key(term: str) -> str:
    """One key for a word's spellings and number ("emphasise" / "emphasize", "armour" /
    "armor", "communiqué" / "communique", "paramilitary" / "paramilitaries"): a variant's support
    is its word's."""
    folded = unicodedata.normalize("NFKD", term.lower()).encode("ascii", "ignore").decode()
    key = re.sub(r"[-' ]", "", folded)
    for british, american in (
        ("isor", "iser"),
        ("isation", "ization"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("our", "or"),
    ):
        key = key.replace(british, american)
    return re.sub(r"(es|s|'s)$", "", re.sub(r"ies$", "y", key))


def count_row(entry: Entry, per_set: dict[str, int], variants: int) -> dict:
    row = {
        "file": entry.file,
        "entry": f"{entry.path}:{entry.term}",
        "fit_sentences": sum(per_set.values()),
        "per_set": {s: n for s, n in per_set.items() if n},
        "with_variants": variants,
        "codebook_comment": bool(CODEBOOK.search(entry.comment)),
        "word_list_comment": bool(WORD_LIST.search(f"{entry.comment} {entry.header}")),
    }
    row["review"] = variants <= 1 and not (row["codebook_comment"] or row["word_list_comment"])
    return row


def audit(data: Path, names: set[str] | None, cache: Path | None, code: bool = False) -> list[dict]:
    indexes = {name: Index(sents) for name, sents in load_sentences(data, cache).items()}
    if code:
        return code_rows(indexes)
    rows = []
    for path, sets in FILES.items():
        if names and path.name not in names and path.stem not in names:
            continue
        entries = file_entries(path)
        found = {
            e: {s: indexes[s].ids(e.term) for s in PATH_SETS.get((e.file, e.path), sets)}
            for e in entries
        }
        groups: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for entry in entries:
            for s, ids in found[entry].items():
                groups[entry.path, variant_key(entry.term)][s] |= ids
        for entry in entries:
            group = groups[entry.path, variant_key(entry.term)]
            variants = sum(len(ids) for ids in group.values())
            per_set = {s: len(ids) for s, ids in found[entry].items()}
            rows.append(count_row(entry, per_set, variants))
    return rows


CITATIONS = (("codebook", "codebook_comment"), ("list", "word_list_comment"))


def print_rows(rows: Iterable[dict]) -> None:
    print(f"{'file':24} {'entry':56} {'fit':>5} {'+var':>5} {'cited':>13}  per set")
    for row in rows:
        cited = "/".join(name for name, key in CITATIONS if row[key])
        flag = "  REVIEW" if row["review"] else ""
        sets = ", ".join(f"{s} {n}" for s, n in row["per_set"].items())
        print(
            f"{row['file']:24} {row['entry'][:56]:56} {row['fit_sentences']:>5} "
            f"{row['with_variants']:>5} {cited or '-':>13}  {sets}{flag}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--only-review", action="store_true", help="print REVIEW rows only")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--file", nargs="*", help="audit only these files (name or stem)")
    parser.add_argument("--cache", type=Path, help="keep the lemmatised fit sentences here")
    parser.add_argument(
        "--code", action="store_true", help="audit the word sets of the events, quotes, actors code"
    )
    args = parser.parse_args()
    rows = audit(args.data, set(args.file) if args.file else None, args.cache, args.code)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print_rows([r for r in rows if r["review"]] if args.only_review else rows)


if __name__ == "__main__":
    main()
