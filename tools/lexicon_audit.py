"""Audit the event trigger lexicon for single-example support (issue 13).

For every entry of ``newsgraph/components/events/data/en/event_triggers.yaml`` (verbs, nouns,
phrases, and each ``by_object`` / ``by_modifier`` / ``by_subject`` sense) counts the FIT
sentences it fires on in the fit parts of PLOVER GSR, the PETRARCH-2 suite, ConfliBERT CAMEO,
RAMS, WikiEvents and MUC-4 (the same fit parts ``newsgraph eval`` scores: ``split_of``, and
for WikiEvents and MUC-4 the scored train sample), and says whether the comment above the
entry (or on its line) cites a codebook (PLOVER or CAMEO) or a general word list (WordNet, a
closed class of the grammar).

"Fires" is the sentence detector's own lookup (``SentenceDetector`` on the base spaCy parse,
no actors, no learned trigger model), before folds and flags: a mention folded into another
("threatened to strike": ``strike``) still counts, a noun that needs a support verb counts
only under one. An entry is flagged ``REVIEW`` when it fires on at most one fit sentence in
all and its comment names no codebook nor word list: such an entry must be removed or shown to be a
codebook word (the flag is a prompt to read the codebook, not a verdict). ``--weak`` lists
the entries with at most one fit sentence that a codebook comment clears without naming them
(a comment speaks for the entries under it up to the next).

    python tools/lexicon_audit.py [--data ../shared/eval] [--only-review] [--weak] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.components.events.detect import SentenceDetector  # noqa: E402
from newsgraph.components.events.lexicon import Lexicon, Sense, load_lexicon  # noqa: E402
from newsgraph.components.events.mention import Mention  # noqa: E402
from newsgraph.components.events.roles import is_verbal  # noqa: E402
from newsgraph.components.events.triggers import verb_keys  # noqa: E402
from newsgraph.eval import conflibert, muc4, plover, rams, wikievents  # noqa: E402
from newsgraph.eval.annotate import official_parts  # noqa: E402
from newsgraph.eval.base import by_part  # noqa: E402
from newsgraph.nlp import load_spacy_model  # noqa: E402

LEXICON_FILE = ROOT / "newsgraph/components/events/data/en/event_triggers.yaml"
CODEBOOK = re.compile(r"\b(CAMEO|PLOVER)\b")
# a general word list: the word's sense there, or a closed class of the grammar
WORD_LIST = re.compile(
    r"\b(WordNet|VerbNet|FrameNet|PropBank|general knowledge|GENERATED|closed class(?:es)?)\b",
    re.IGNORECASE,
)
SETS = ("plover", "petr2", "conflibert", "rams", "wikievents", "muc4")


# ---- the fit texts ------------------------------------------------------------------------


def fit_texts(data: Path) -> dict[str, list[str]]:
    """Each set's fit texts (sentences or documents), as ``newsgraph eval`` scores them."""
    plover_gold = plover.read_plover(data / plover.DEFAULT_DATA / plover.PLOVER_FILE)
    petr_gold, _ = plover.read_petrarch(data / plover.DEFAULT_DATA / plover.PETR_FILE)
    conflibert_gold = conflibert.read_gold(data / conflibert.DEFAULT_DATA)
    rams_gold, _ = rams.read_gold(data / rams.DEFAULT_DATA / rams.DEV_FILE)
    wiki_train, wiki_dev = official_parts(
        wikievents.read_gold(data / wikievents.DEFAULT_DATA), wikievents.TRAIN_CAP
    )
    muc_train, muc_dev = official_parts(muc4.read_gold(data / muc4.DEFAULT_DATA), muc4.TRAIN_CAP)
    return {
        "plover": [g.text for g in by_part(plover_gold, lambda g: g.id)["fit"]],
        "petr2": [s.text for s in by_part(petr_gold, lambda s: s.id)["fit"]],
        "conflibert": [g.text for g in by_part(conflibert_gold, lambda g: g.key)["fit"]],
        "rams": [d.text for d in by_part(rams_gold, lambda d: d.id)["fit"]],
        "wikievents": [d.text for d in wiki_train + by_part(wiki_dev, lambda d: d.id)["fit"]],
        "muc4": [d.text for d in muc_train + by_part(muc_dev, lambda d: d.id)["fit"]],
    }


# ---- which entry a mention came from ------------------------------------------------------


def _noun_key(token, lex: Lexicon) -> str:
    lemma = token.lemma_.lower()
    for c in token.children:
        compound = f"{c.lemma_.lower()} {lemma}"
        if c.dep_ in ("compound", "amod") and c.i < token.i and compound in lex.nouns:
            return compound
    return lemma if lemma in lex.nouns else token.lower_


def _override_name(base: Sense, sense: Sense) -> str | None:
    """The ``by_object`` / ``by_modifier`` / ``by_subject`` class whose override gave ``sense``,
    if any."""
    if (base.type, base.mode) == (sense.type, sense.mode):
        return None
    for kind, table in (
        ("by_object", base.by_object),
        ("by_modifier", base.by_modifier),
        ("by_subject", base.by_subject),
    ):
        for name, override in table.items():
            if (override.type, override.mode) == (sense.type, sense.mode):
                return f"{kind}:{name}"
    return None


def entry_names(mention: Mention, lex: Lexicon, phrases: dict[int, str]) -> list[str]:
    """The lexicon entries a mention came from: the word's entry, and its override if any."""
    if id(mention.sense) in phrases:
        return [phrases[id(mention.sense)]]
    head, *rest = mention.tokens
    if rest and not is_verbal(rest[-1]):  # a support verb's event noun ("launched an attack")
        head = rest[-1]
    if is_verbal(head) and len(mention.tokens) == 1:
        key = next((k for k in verb_keys(head) if k in lex.verbs), None)
        base, name = (lex.verbs.get(key), f"verb:{key}") if key else (None, None)
    else:
        key = _noun_key(head, lex)
        base, name = lex.nouns.get(key), f"noun:{key}"
    if base is None or name is None:
        return []
    override = _override_name(base, mention.sense)
    return [name] + ([f"{name}/{override}"] if override else [])


def phrase_names(lex: Lexicon) -> dict[int, str]:
    names = {}
    for verb, phrases in lex.phrases.items():
        for p in phrases:
            prep = f" {p.prep}" if p.prep else ""
            names[id(p.sense)] = f"phrase:{verb}{prep} {'|'.join(sorted(p.objects))}"
    return names


def all_entries(lex: Lexicon, phrases: dict[int, str]) -> list[str]:
    out = []
    for kind, table in (("verb", lex.verbs), ("noun", lex.nouns)):
        for key, sense in table.items():
            out.append(f"{kind}:{key}")
            out += [f"{kind}:{key}/by_object:{c}" for c in sense.by_object]
            out += [f"{kind}:{key}/by_modifier:{m}" for m in sense.by_modifier]
            out += [f"{kind}:{key}/by_subject:{c}" for c in sense.by_subject]
    return out + sorted(set(phrases.values()))


def count_fires(texts: dict[str, list[str]], lex: Lexicon) -> dict[str, Counter]:
    """entry -> set -> number of fit sentences it fires on."""
    nlp = load_spacy_model()
    phrases = phrase_names(lex)
    fires: dict[str, Counter] = defaultdict(Counter)
    for name, items in texts.items():
        for doc in nlp.pipe(items, batch_size=32):
            for sent in doc.sents:
                detector = SentenceDetector(sent, lex)
                detector.run()
                found = {n for m in detector.mentions for n in entry_names(m, lex, phrases)}
                for entry in found:
                    fires[entry][name] += 1
    return fires


# ---- codebook citations -------------------------------------------------------------------


def cited_entries(path: Path = LEXICON_FILE) -> dict[str, bool]:
    """Entry key -> whether the nearest comment block above it names PLOVER or CAMEO."""
    return {key: bool(CODEBOOK.search(text)) for key, text in entry_comments(path).items()}


def entry_comments(path: Path = LEXICON_FILE) -> dict[str, str]:
    """Entry key -> the nearest comment block above it (a comment speaks for the entries under
    it up to the next comment: a group of phrases shares one) and the entry line's own
    trailing comment."""
    comments: dict[str, str] = {}
    section, comment, in_comment = "", [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not line.startswith(" ") and stripped.endswith(":"):
            section, comment, in_comment = stripped[:-1], [], False
            continue
        if stripped.startswith("#"):
            comment = [*comment, stripped] if in_comment else [stripped]
            in_comment = True
            continue
        in_comment = False
        trailing = line.split(" # ", 1)[1] if " # " in line else ""  # the entry's own comment
        text = f"{' '.join(comment)}\n{trailing}"  # the block, then the line's own
        if section in ("verbs", "nouns") and re.match(r"^  [\w' -]+:", line):
            comments[f"{section[:-1]}:{stripped.split(':')[0]}"] = text
        elif section == "phrases" and stripped.startswith("- {"):
            verb = re.search(r"verb: ([\w -]+?)[,}]", stripped)
            comments[f"phrase-line:{len(comments)}:{verb.group(1) if verb else ''}"] = text
    return comments


def comment_names_entry(entry: str, comments: dict[str, str]) -> bool:
    """Whether the comment that cites a codebook for the entry names the entry's own word (a
    comment also clears the entries under it that it does not name: a weaker citation)."""
    word = entry.split("/")[0]
    if word.startswith("phrase:"):
        verb = word.split(":", 1)[1].split(" ")[0]
        texts = [
            t
            for k, t in comments.items()
            if k.startswith("phrase-line:") and k.endswith(f":{verb}")
        ]
    else:
        verb, texts = word.split(":", 1)[1], [comments.get(word, "")]
    stem = verb.lower()[:-1] if len(verb) > 4 else verb.lower()  # "shell" in "shelling"
    own = any(CODEBOOK.search(text.partition("\n")[2]) for text in texts)
    return own or any(stem in text.lower() for text in texts)


def entry_cited(entry: str, cited: dict[str, bool]) -> bool:
    word = entry.split("/")[0]
    if word.startswith("phrase:"):
        verb = word.split(":", 1)[1].split(" ")[0]
        return any(
            v for k, v in cited.items() if k.startswith("phrase-line:") and k.endswith(f":{verb}")
        )
    return cited.get(word, False)


# ---- report -------------------------------------------------------------------------------


def audit(data: Path) -> list[dict]:
    lex = load_lexicon()
    fires = count_fires(fit_texts(data), lex)
    comments = entry_comments()
    cited = {key: bool(CODEBOOK.search(text)) for key, text in comments.items()}
    listed = {key: bool(WORD_LIST.search(text)) for key, text in comments.items()}
    rows = []
    for entry in all_entries(lex, phrase_names(lex)):
        counts = fires.get(entry, Counter())
        total = sum(counts.values())
        codebook = entry_cited(entry, cited)
        row = {
            "entry": entry,
            "fit_sentences": total,
            "per_set": {s: counts[s] for s in SETS if counts[s]},
            "codebook_comment": codebook,
            "word_list_comment": entry_cited(entry, listed),
            "comment_names_entry": codebook and comment_names_entry(entry, comments),
        }
        rows.append({**row, "review": needs_review(row)})
    return rows


def needs_review(row: dict) -> bool:
    """At most one fit sentence and no codebook or word list cited: remove it, or show the
    codebook names it."""
    cited = row["codebook_comment"] or row.get("word_list_comment", False)
    return row["fit_sentences"] <= 1 and not cited


def print_rows(rows: Iterable[dict]) -> None:
    print(f"{'entry':58} {'fit':>4} {'codebook':>8}  per set")
    for row in sorted(rows, key=lambda r: (r["fit_sentences"], r["entry"])):
        flag = "  REVIEW" if row["review"] else ""
        sets = ", ".join(f"{s} {n}" for s, n in row["per_set"].items())
        mark = "yes" if row["codebook_comment"] else "list" if row.get("word_list_comment") else "-"
        print(f"{row['entry']:58} {row['fit_sentences']:>4} {mark:>8}  {sets}{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--only-review", action="store_true", help="print REVIEW rows only")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument(
        "--weak",
        action="store_true",
        help="only rows with at most one fit sentence whose codebook comment names another word",
    )
    args = parser.parse_args()
    rows = audit(args.data)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.weak:
        rows = [r for r in rows if weakly_cited(r)]
    print_rows([r for r in rows if r["review"]] if args.only_review else rows)


def weakly_cited(row: dict) -> bool:
    """At most one fit sentence, cleared only by a codebook comment that names another word."""
    return row["fit_sentences"] <= 1 and row["codebook_comment"] and not row["comment_names_entry"]


if __name__ == "__main__":
    main()
