"""The WordNet-derived event lexicon: the builder reads WordNet's plain database format (a tiny
database written here), the reader relates trigger lemmas, and the pair scorer turns that into
features; a model fitted on fewer features still loads and scores."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool

from newsgraph.link.mention_pairs import FEATURES, load_model
from newsgraph.link.pair_similarity import word_meaning
from newsgraph.link.wordnet_lexicon import UNKNOWN, WordNetLexicon, load_lexicon

ROOT = Path(__file__).resolve().parents[1]

# wndb(5WN) lines: offset lex_filenum ss_type w_cnt(hex) word lex_id ... p_cnt(3 digits)
# pointer... | gloss. Offsets here are made up (the builder never seeks by them).
DATA_VERB = """\
  1 This header line is indented, like WordNet's licence.
00000001 35 v 01 kill 0 001 + 00000010 n 0101 | cause to die
00000002 35 v 02 murder 0 slay 0 001 @ 00000001 v 0000 | kill intentionally
00000003 30 v 01 die 0 000 | pass from physical life
00000004 35 v 01 shoot 0 000 | hit with a missile
"""
DATA_NOUN = """\
  1 This header line is indented, like WordNet's licence.
00000010 04 n 02 killing 0 violent_death 0 001 + 00000001 v 0101 | an act of killing
00000011 11 n 02 earthquake 0 quake 0 000 | shaking of the earth's surface
00000012 06 n 01 table 0 000 | a piece of furniture
00000013 04 n 01 gunfire 0 000 | the act of shooting a gun
"""
# lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
INDEX_VERB = """\
  1 This header line is indented, like WordNet's licence.
die v 1 0 1 0 00000003
kill v 1 1 + 1 0 00000001
murder v 1 1 @ 1 0 00000002
shoot v 1 0 1 0 00000004
slay v 1 1 @ 1 0 00000002
"""
INDEX_NOUN = """\
earthquake n 1 0 1 0 00000011
gunfire n 1 0 1 0 00000013
killing n 1 1 + 1 0 00000010
quake n 1 0 1 0 00000011
table n 1 0 1 0 00000012
violent_death n 1 1 + 1 0 00000010
"""
VERB_EXC = "slain slay\nslew slay\n"


def builder() -> ModuleType:
    return load_tool("build_wordnet_lexicon")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, WordNetLexicon]:
    root = tmp_path_factory.mktemp("wordnet")
    files = {"data.verb": DATA_VERB, "data.noun": DATA_NOUN, "index.verb": INDEX_VERB,
             "index.noun": INDEX_NOUN, "verb.exc": VERB_EXC}  # fmt: skip
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    out = root / "lexicon.json.gz"
    assert builder().main(["--wordnet", str(root), "--out", str(out)]) == 0
    data = json.loads(gzip.decompress(out.read_bytes()))
    return data, WordNetLexicon.read(out)


def test_builder_keeps_verbs_and_event_nouns_with_their_links(tiny: tuple) -> None:
    data, _ = tiny
    # every one-word verb; nouns of event-like files ("earthquake") or derived from a verb
    # ("killing"); not "table" (an artifact), not the two-word "violent_death"
    assert sorted(data["lemmas"]) == ["die", "earthquake", "gunfire", "kill", "killing",
                                      "murder", "quake", "shoot", "slay"]  # fmt: skip
    assert data["derived"] == {"kill": ["killing"], "killing": ["kill"]}
    assert data["exceptions"] == {"slain": "slay", "slew": "slay"}
    ids = data["synsets"]
    murder_verbs, _ = data["lemmas"]["murder"]
    assert [ids[i] for i in murder_verbs] == ["v00000002"]
    assert [ids[h] for h in data["hypernyms"][murder_verbs[0]]] == ["v00000001"]


def test_reader_relates_synonyms_hypernyms_and_derivations(tiny: tuple) -> None:
    _, lexicon = tiny
    slay_murder = lexicon.relation("slain", "murder")  # the exception form finds "slay"
    assert slay_murder.same_synset and slay_murder.first_sense_steps == 0
    kill_murder = lexicon.relation("kill", "murder")
    assert not kill_murder.same_synset and kill_murder.first_sense_steps == 1
    assert lexicon.relation("killing", "kill").derivation
    assert lexicon.relation("killings", "kill").derivation  # a detached plural
    # "killing" takes the verb's senses: a murder is one hypernym step from it
    assert lexicon.relation("killing", "murder").any_sense_steps == 1
    quake_kill = lexicon.relation("quake", "kill")
    assert quake_kill.known and quake_kill.any_sense_steps is None and not quake_kill.derivation
    assert lexicon.relation("kill", "teleport") == UNKNOWN


SHIPPED = load_lexicon()


@pytest.mark.skipif(SHIPPED is None, reason="wordnet_events.json.gz not built")
def test_shipped_lexicon_knows_news_event_words() -> None:
    assert SHIPPED is not None
    assert SHIPPED.relation("quake", "earthquake").same_synset
    assert SHIPPED.relation("shooting", "shoot").derivation
    assert SHIPPED.relation("murder", "kill").first_sense_steps == 1
    assert SHIPPED.relation("arrest", "earthquake").any_sense_steps >= 4  # "act" or "event"
    path = ROOT / "newsgraph" / "link" / "data" / "en" / "wordnet_events.json.gz"
    assert path.stat().st_size < 2_000_000
    assert (path.parent / "WORDNET_LICENSE").is_file()


@pytest.mark.skipif(SHIPPED is None, reason="wordnet_events.json.gz not built")
def test_word_meaning_features_of_trigger_pairs() -> None:
    features = word_meaning(["quake", "earthquake", "murder", "kill", "zebra"])
    same = features["wordnet_same_synset"]
    assert same[0, 1] == same[1, 0] == 1 and same[2, 3] == 0
    assert features["wordnet_first_sense_similarity"][2, 3] == 0.5  # one step: 1 / (1 + 1)
    similarity = features["wordnet_similarity"]
    assert similarity[0, 2] < similarity[2, 3]  # a quake is further from a murder than a kill
    assert features["wordnet_known"][0, 4] == 0  # "zebra" is no event word


def test_a_model_of_fewer_features_picks_its_columns(tmp_path: Path) -> None:
    kept = FEATURES[:3]
    path = tmp_path / "model.json"
    model_json = {"features": list(kept), "weights": [1.0, 2.0, 4.0], "intercept": -1.0,
                  "threshold": 0.5}  # fmt: skip
    path.write_text(json.dumps(model_json), encoding="utf-8")
    model = load_model(str(path))
    assert model is not None and model.features == kept
    x = np.zeros((1, 2, len(FEATURES)))
    x[0, 1, 1] = 1.0  # "same_lemma": weight 2
    x[0, 1, -1] = 9.0  # a feature the model does not use
    assert np.allclose(model.probabilities(x), 1 / (1 + np.exp(-np.array([[-1.0, 1.0]]))))
    path = tmp_path / "unordered.json"
    path.write_text(json.dumps({"features": [FEATURES[1], FEATURES[0]], "weights": [0, 0],
                                "intercept": 0, "threshold": 0.5}), encoding="utf-8")  # fmt: skip
    with pytest.raises(ValueError, match="not among"):
        load_model(str(path))


@pytest.mark.skipif(SHIPPED is None, reason="wordnet_events.json.gz not built")
def test_pair_features_compute_word_meaning_only_when_wanted() -> None:
    from test_link import _mentions, record

    from newsgraph.link.mention_pairs import pair_features, topic_mentions

    r1 = record("a1", "A", "2025-03-07", "A strong quake hit the coast on Friday.")
    r2 = record("a2", "B", "2025-03-07", "The earthquake hit the coast on Friday.")
    mentions = {"a1": _mentions(r1, ("quake", "quake")),
                "a2": _mentions(r2, ("earthquake", "earthquake"))}  # fmt: skip
    topic = topic_mentions([r1, r2], mentions)
    same_synset = FEATURES.index("wordnet_same_synset")
    assert pair_features(topic, {})[0, 1, same_synset] == 1
    without = [name for name in FEATURES if not name.startswith("wordnet_")]
    assert pair_features(topic, {}, wanted=without)[0, 1, same_synset] == 0
