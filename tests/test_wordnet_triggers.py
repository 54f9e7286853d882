"""The trigger lexicon generalised through WordNet (``tools/build_wordnet_triggers.py``): which
words a tiny WordNet database written here lets into the generated file, with what sense and
provenance; and that the shipped file's entries are events in the pipeline, below the hand
entries."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
import yaml
from helpers import load_tool
from spacy.language import Language

from newsgraph.components.events.component import EventsComponent, extract_events
from newsgraph.components.events.lexicon import DATA_DIR, load_lexicon
from newsgraph.components.events.options import EventOptions
from newsgraph.nlp import load_spacy_model

ROOT = Path(__file__).resolve().parents[1]

# wndb(5WN) lines (see tests/test_wordnet_lexicon.py); offsets are made up.
# "kill" (a seed) has "murder" below it (another ASSAULT seed: the sense is confirmed), with
# "butcher" (first sense) and "dispatch" (a later sense) beside "murder"; "kill" derives the
# act "slaying". "recall" (a SANCTION seed) first means "remember", where no SANCTION seed is.
DATA_VERB = """\
  1 header
00000001 35 v 01 kill 0 002 ~ 00000002 v 0000 + 00000010 n 0101 | cause to die
00000002 35 v 03 murder 0 butcher 0 dispatch 0 001 @ 00000001 v 0000 | kill intentionally
00000003 31 v 02 recall 0 remember 0 000 | recall knowledge from memory
00000004 38 v 01 dispatch 0 000 | send away
"""
DATA_NOUN = """\
  1 header
00000010 04 n 01 slaying 0 001 + 00000001 v 0101 | the act of killing
"""
INDEX_VERB = """\
butcher v 1 1 @ 1 0 00000002
dispatch v 2 1 @ 2 0 00000004 00000002
kill v 1 2 ~ + 1 0 00000001
murder v 1 1 @ 1 0 00000002
recall v 1 0 1 0 00000003
remember v 1 0 1 0 00000003
"""
INDEX_NOUN = """\
slaying n 1 1 + 1 0 00000010
"""
HAND = {
    "verbs": {
        "kill": {"type": "ASSAULT", "casualty": "killed"},
        "murder": {"type": "ASSAULT", "casualty": "killed"},
        "recall": {"type": "SANCTION", "mode": "break-relations"},
    },
    "nouns": {},
}


def tool() -> ModuleType:
    return load_tool("build_wordnet_triggers")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("wordnet")
    files = {"data.verb": DATA_VERB, "data.noun": DATA_NOUN, "index.verb": INDEX_VERB,
             "index.noun": INDEX_NOUN}  # fmt: skip
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    module = tool()
    senses, synsets, _ = module.read_wordnet(root)
    settings = module.Settings(seed_senses=1, target_senses=1, depth=1)
    return module.generate(HAND, senses, synsets, settings)


def test_confirmed_senses_give_their_words_with_provenance(generated: dict) -> None:
    butcher = generated["verbs"]["butcher"]
    assert butcher["type"] == "ASSAULT" and butcher["casualty"] == "killed"
    assert (butcher["wordnet"]["seed"], butcher["wordnet"]["relation"]) in {
        ("murder", "synonym"),
        ("kill", "hyponym"),
    }
    slaying = generated["nouns"]["slaying"]
    assert slaying["type"] == "ASSAULT" and slaying["wordnet"]["relation"] == "derivation"
    assert "of" in slaying["target_preps"]


def test_unconfirmed_senses_later_senses_and_hand_entries_stay_out(generated: dict) -> None:
    assert "remember" not in generated["verbs"]  # "recall" as memory: no SANCTION seed there
    assert "dispatch" not in generated["verbs"]  # killing is not its first sense
    assert "murder" not in generated["verbs"]  # the hand entry wins


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_spacy_model()


def test_shipped_file_is_read_below_the_hand_entries() -> None:
    shipped = yaml.safe_load((DATA_DIR / "wordnet_triggers.yaml").read_text(encoding="utf-8"))
    hand = yaml.safe_load((DATA_DIR / "event_triggers.yaml").read_text(encoding="utf-8"))
    lexicon = load_lexicon(wordnet=True)
    for pos in ("verbs", "nouns"):
        assert not set(shipped[pos]) & set(hand[pos])
        for word, entry in shipped[pos].items():
            assert (
                entry["wordnet"]["seed"] in hand[pos]
                or entry["wordnet"]["seed"] in hand["verbs" if pos == "nouns" else "nouns"]
            )
            assert getattr(lexicon, pos)[word].type == entry["type"]


def test_a_generated_word_is_an_event(nlp: Language) -> None:
    doc = nlp("Militants decapitated two soldiers near the base on Monday.")
    assert extract_events(doc) == []  # off by default
    events = extract_events(doc, options=EventOptions(load_lexicon(wordnet=True)))
    assert [(e.type, e.target.span and e.target.span.text) for e in events] == [
        ("ASSAULT", "two soldiers")
    ]


def test_the_component_option_reads_the_generated_entries() -> None:
    assert "decapitate" in EventsComponent(wordnet_triggers=True).options.lexicon.verbs
    assert "decapitate" not in EventsComponent().options.lexicon.verbs
    assert "behead" in EventsComponent().options.lexicon.verbs
