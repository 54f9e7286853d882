"""The shortcuts taken for speed give exactly what the plain computations gave."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import spacy

from newsgraph.components.events.place_choice import load_place_model
from newsgraph.components.hashes import isin_hashes
from newsgraph.components.places.gazetteer import CITY, Entry
from newsgraph.components.places.resolver import _Context
from newsgraph.components.places.toponyms import metonymy_data, word_set
from newsgraph.components.places.weights import ResolverWeights
from newsgraph.components.quotes.lexicon import QuoteKnowledge, load_knowledge
from newsgraph.extensions import actor_mention_at, entities, set_entities
from newsgraph.link.flat_trees import WALK_ROWS, leaves_reached
from newsgraph.model import ActorMention


def test_isin_hashes_matches_numpy() -> None:
    rng = np.random.default_rng(7)
    table = rng.integers(0, 2**63, size=40, dtype=np.uint64)
    values = np.concatenate([table[:10], rng.integers(0, 2**63, size=50, dtype=np.uint64)])
    rng.shuffle(values)
    assert isin_hashes(values, table).tolist() == np.isin(values, table).tolist()
    assert isin_hashes(values[:0], table).tolist() == []


def _plain_actor_mention_at(mentions: list[ActorMention], start: int, end: int):
    best, best_overlap = None, 0
    for mention in mentions:
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > best_overlap:
            best, best_overlap = mention, overlap
    return best


def test_actor_mention_at_matches_a_scan_of_every_mention() -> None:
    doc = spacy.blank("en")("Prime Minister Benjamin Netanyahu's office said the army struck.")
    rng = random.Random(3)
    mentions = []
    for k in range(30):
        start = rng.randrange(0, 60)
        mentions.append(ActorMention(start, start + rng.randrange(1, 25), f"m{k}", None))
    doc._.ng_actor_mentions = mentions
    for _ in range(500):
        start = rng.randrange(0, 70)
        end = start + rng.randrange(0, 30)
        assert actor_mention_at(doc, start, end) is _plain_actor_mention_at(mentions, start, end)
    # equal overlaps: the mention listed first wins, as in a scan
    twins = [ActorMention(10, 20, "second", None), ActorMention(5, 20, "first", None)]
    doc._.ng_actor_mentions = twins
    assert actor_mention_at(doc, 10, 20).text == "second"
    assert actor_mention_at(doc, 100, 120) is None


def test_entities_are_the_docs_own() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Hamas said Israel struck Gaza.")
    set_entities(doc, [doc.char_span(0, 5, label="ORG"), doc.char_span(11, 17, label="GPE")])
    assert [(e.start, e.end, e.label_) for e in entities(doc)] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    assert entities(doc) is entities(doc)


def test_entities_set_after_the_pipeline_are_the_ones_read() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Hamas said Israel struck Gaza.")
    set_entities(doc, [doc.char_span(0, 5, label="ORG")])
    assert [e.text for e in entities(doc)] == ["Hamas"]
    set_entities(doc, [doc.char_span(25, 29, label="GPE")])
    assert [e.text for e in entities(doc)] == ["Gaza"]


def _place(index: int, lat: float, lon: float) -> Entry:
    return Entry(index, f"t:{index}", f"p{index}", CITY, "PPL", "XX", "XX", None, lat, lon, 1000)


def _plain_proximity(context: _Context, key: str, entry: Entry) -> float:
    """The closeness sum as first written: every reading of every other name."""
    w = context.w
    total = 0.0
    cos_lat = math.cos(math.radians(entry.lat))
    for other_key, readings in context.points.items():
        if other_key == key:
            continue
        best = 0.0
        for row, lat, lon, weight in readings:
            if row == entry.index:
                continue
            dx = math.radians(lon - entry.lon) * cos_lat
            dy = math.radians(lat - entry.lat)
            distance = 6371.0 * math.sqrt(dx * dx + dy * dy)
            best = max(best, weight * math.exp(-distance / w.proximity_scale_km))
        total += best
    return w.proximity * min(w.proximity_cap, total)


def test_place_closeness_is_bit_identical_to_the_plain_sum() -> None:
    rng = random.Random(11)
    places = [_place(i, rng.uniform(-60, 60), rng.uniform(-170, 170)) for i in range(40)]
    # a cluster of near places, so that the cap is reached for some
    places += [_place(40 + i, 31.5 + rng.random() / 5, 34.4 + rng.random() / 5) for i in range(8)]
    context = _Context(ResolverWeights())
    for k in range(12):
        chosen = rng.sample(places, 4)
        weights = sorted((rng.random() for _ in chosen), reverse=True)
        total = sum(weights)
        context.add_points(
            f"name{k}", [(e, w / total) for e, w in zip(chosen, weights, strict=True)]
        )
    for k in range(12):
        for entry in places:
            expected = _plain_proximity(context, f"name{k}", entry)
            assert context._proximity(f"name{k}", entry) == expected
            assert context._proximity(f"name{k}", entry) == expected  # the cached value


# ---- issue 16, second round: per-doc columns and caches ---------------------------------------
_NEWS = (
    "GAZA CITY (AP) — Israeli jets struck a school in Gaza on Monday, killing 12 people, "
    "officials said. Hamas denied that fighters were inside and vowed to carry out revenge. "
    "Mr. Jackson, who met Andrew Jackson in Jackson, said the army must return the prisoners. "
    "The Lebanese prime minister called off the talks and warned Israel would pay a heavy price."
)


def test_event_token_columns_pick_the_tokens_of_the_plain_passes(nlp) -> None:
    from newsgraph.components.events.lexicon import load_lexicon
    from newsgraph.components.events.roles import is_verbal
    from newsgraph.components.events.token_columns import sentence_columns
    from newsgraph.components.events.trigger_model import is_candidate
    from newsgraph.components.events.triggers import noun_sense

    lex = load_lexicon()
    doc = nlp(_NEWS)
    left_out = 0
    for sent in doc.sents:
        columns = sentence_columns(sent, lex)
        assert columns.verbal == [t.i for t in sent if is_verbal(t)]
        nouns = [t for t in sent if t.pos_ in ("NOUN", "PROPN")]
        assert columns.nominal == [
            t.i
            for t in nouns
            if lex.may_head_noun_trigger(t.lemma_.lower()) or t.lower_ in lex.nouns
        ]
        # the nouns left out are those ``noun_sense`` turns away at once
        senses = {t.i for t in nouns if noun_sense(t, lex) is not None}
        assert senses <= set(columns.nominal)
        left_out += len(nouns) - len(columns.nominal)
        assert columns.speech_verbal == [
            t.i for t in sent if t.lemma_.lower() in lex.speech_verbs and is_verbal(t)
        ]
        assert columns.amod == [t.i for t in sent if t.dep_ == "amod"]
        assert columns.candidates == [t.i for t in sent if is_candidate(t)]
    assert sentence_columns(next(doc.sents), lex).verbal  # "struck", "killing", "said"
    assert left_out  # "school", "Monday", "officials" ...
    assert any(sentence_columns(sent, lex).nominal for sent in doc.sents)  # "talks"


def _rule_answers(doc, lex) -> list[tuple]:
    from newsgraph.components.events import roles

    return [
        (roles.is_passive(t), roles.subject_of(t), roles.negated(t, lex),
         roles.hypothetical(t, lex))
        for t in doc
    ]  # fmt: skip


def test_event_rules_answer_alike_with_and_without_the_token_memo(nlp) -> None:
    from newsgraph.components.events.lexicon import load_lexicon
    from newsgraph.components.events.roles import subject_of
    from newsgraph.components.events.token_memo import remembering

    lex = load_lexicon()
    doc = nlp(_NEWS + " Two soldiers were killed by a bomb, and the town was found shelled.")
    plain = _rule_answers(doc, lex)
    with remembering(doc):
        assert _rule_answers(doc, lex) == plain  # computed
        assert _rule_answers(doc, lex) == plain  # remembered
        doer = next(t for t in doc if subject_of(t) is not None)
        # a remembered token is handed back fresh, as the walk makes it: ``is`` tells apart
        assert subject_of(doer) is not subject_of(doer)
    assert any(passive for passive, *_ in plain)
    assert any(subject is not None for _, subject, *_ in plain)
    assert ("newsgraph", "event_token_memo") not in doc.user_data  # nothing outlives the block


def test_extract_events_leaves_no_memo_on_the_doc(nlp) -> None:
    from newsgraph.components.events.component import extract_events

    doc = nlp("Troops attacked the town on Monday, killing two people.")
    assert extract_events(doc)
    assert ("newsgraph", "event_token_memo") not in doc.user_data


def test_party_filter_sentence_features_are_those_of_the_sentences_tokens(nlp) -> None:
    from newsgraph.components.events.party_filter import features

    text = (
        "National News - KRCR Home | Gunmen shot a guard. The rockets hit a school.\n\n"
        "Local weather and traffic.\n\nPolice arrested a man."
    )
    seen = set()
    for token in nlp(text):
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        sentence = token.sent
        heading = "|" in sentence.text or " - " in sentence.text
        verbless = not any(t.pos_ in ("VERB", "AUX") for t in sentence)
        names = features(token, "target", set())
        assert f"in_heading={heading}" in names
        assert f"verbless_sent={verbless}" in names
        seen.add((heading, verbless))
    assert {heading for heading, _ in seen} == {True, False}
    assert {verbless for _, verbless in seen} == {True, False}


def test_lexicon_verb_keys_keep_every_key_the_lexicon_has(nlp) -> None:
    from newsgraph.components.events.lexicon import load_lexicon
    from newsgraph.components.events.triggers import lexicon_verb_keys, verb_keys

    lex = load_lexicon()
    known = set(lex.verbs) | set(lex.support_verbs)
    doc = nlp(_NEWS)
    particle_keys = 0
    for token in doc:
        full = verb_keys(token)
        short = lexicon_verb_keys(token, lex)
        assert [k for k in full if k in known] == [k for k in short if k in known]
        particle_keys += any(" " in k for k in short)
    assert particle_keys  # "called off", "carry out" keep their particle keys


def test_token_lowers_are_the_tokens_lower(nlp) -> None:
    from newsgraph.extensions import token_lowers

    doc = nlp(_NEWS)
    assert token_lowers(doc) == [t.lower_ for t in doc]
    assert token_lowers(nlp("")) == []


def test_token_texts_and_listed_sentences_are_the_docs_own(nlp) -> None:
    from newsgraph.extensions import sentence_of, sentences, token_texts

    doc = nlp(_NEWS)
    assert token_texts(doc) == [t.text for t in doc]
    assert token_texts(nlp("")) == []
    listed = sentences(doc)
    assert [(s.start, s.end) for s in listed] == [(s.start, s.end) for s in doc.sents]
    assert all(sentence_of(t) is listed[n] for n, s in enumerate(listed) for t in s)
    # a sentence's text is the doc's text between its character offsets (magnitude reads it so)
    assert all(s.text == doc.text[s.start_char : s.end_char] for s in listed)


def test_annotator_docs_read_the_article_text(nlp) -> None:
    from newsgraph.extensions import doc_text, remember_text

    doc = nlp.make_doc(_NEWS + "\n\n  Second paragraph.  ")
    remember_text(doc, _NEWS + "\n\n  Second paragraph.  ")
    assert doc_text(doc) == doc.text  # spaCy's tokenizer keeps every character


def test_gazetteer_candidates_kept_are_those_looked_up() -> None:
    from newsgraph.components.places.gazetteer import CITY, Gazetteer, fold, lookup_key

    gaz = Gazetteer()
    row = gaz.add(id="t:1", name="Rafah", kind=CITY, feature="PPL", cc="PS", lat=31.3, lon=34.2)
    gaz.index_name("Rafah", row, primary=True)
    gaz.index_name("Rafaḩ", row, primary=False)
    assert [(e.id, p) for e, p in gaz.candidates("Rafah")] == [("t:1", True)]
    assert list(gaz.candidates("Rafah")) == list(gaz._rows_of(fold("Rafah")))
    # a row added after a look-up is found: adding empties what was kept
    other = gaz.add(id="t:2", name="Rafah", kind=CITY, feature="PPL", cc="EG", lat=31.2, lon=34.2)
    gaz.index_name("Rafah", other, primary=True)
    assert [e.id for e, _ in gaz.candidates("Rafah")] == ["t:1", "t:2"]
    assert lookup_key("St. Louis") == fold("St. Louis")
    assert "_found" not in gaz.__getstate__()


def test_person_names_are_those_of_a_scan_of_the_entities(nlp) -> None:
    from newsgraph.components.places.person_names import named_a_person, surname_of_a_named_person

    doc = nlp(_NEWS)
    people = [e for e in entities(doc) if e.label_ == "PERSON"]
    for ent in entities(doc):
        assert named_a_person(ent) == any(p.text == ent.text for p in people)
        assert surname_of_a_named_person(ent) == any(
            len(p) > 1 and p[-1].text == ent.text for p in people
        )
    set_entities(doc, [doc.char_span(0, 9, label="PERSON")])  # new entities, new names
    assert named_a_person(entities(doc)[0])


def test_boosted_tree_scores_are_bit_identical_to_a_tree_by_tree_sum() -> None:
    trees = load_place_model().trees  # the shipped event-place chooser: 150 trees
    rng = np.random.default_rng(11)
    rows = WALK_ROWS + 5  # two blocks
    x = (rng.random((rows, trees.feature.max() + 1)) < 0.4) * rng.random((rows, 1)) * 4
    plain = np.full(rows, trees.baseline)
    for start in trees.start.tolist():
        plain += trees.value[
            leaves_reached(x, start, trees.depth, trees.feature, trees.threshold, trees.left,
                           trees.right, trees.is_leaf)
        ]  # fmt: skip
    assert trees.scores(x).tolist() == plain.tolist()
    assert trees.scores(x[:3]).tolist() == plain[:3].tolist()
    assert trees.scores(x.reshape(1, rows, -1)).shape == (1, rows)
    assert trees.scores(x[:0]).tolist() == []


def test_place_word_sets_are_read_once_per_key() -> None:
    titles = word_set("person_titles")
    units = word_set("military_unit_nouns")  # read in turn, as the filters do per toponym
    assert word_set("person_titles") is titles and word_set("military_unit_nouns") is units
    assert titles == frozenset(str(w) for w in metonymy_data()["person_titles"])
    assert "Mr." in titles


def test_harm_words_are_those_of_a_look_at_every_childs_phrase(nlp) -> None:
    knowledge = QuoteKnowledge(
        harm_lemmas=frozenset({"strike"}),
        harm_phrases=frozenset({("respond", "militarily"), ("hit", "back")}),
    )
    doc = nlp("They vowed to respond militarily, then hit back and will respond in kind.")
    found = [t.text for t in doc if knowledge.is_harm(t)]
    assert found == ["respond", "hit"]  # the bare "respond" harms no one
    shipped = load_knowledge()
    doc = nlp(_NEWS + " The army said it would respond militarily and hit back hard.")
    for token in doc:
        lemma = token.lemma_.lower()
        plain = lemma in shipped.harm_lemmas or any(
            (lemma, c.lower_) in shipped.harm_phrases
            for c in token.children
            if c.dep_ in ("advmod", "prt")
        )
        assert shipped.is_harm(token) == plain


def test_sentence_of_is_the_tokens_own_sentence(nlp) -> None:
    from newsgraph.extensions import sentence_of

    doc = nlp(_NEWS + "\n\nA second paragraph begins here. And it ends here!")
    assert len(list(doc.sents)) >= 5
    for token in doc:
        assert (sentence_of(token).start, sentence_of(token).end) == (
            token.sent.start,
            token.sent.end,
        )
    assert sentence_of(doc[0]) is sentence_of(doc[1])  # listed once per doc
    unparsed = spacy.blank("en")("No sentence boundaries were set here")
    for ask in (lambda t: t.sent, sentence_of):
        with pytest.raises(ValueError):
            ask(unparsed[0])


_EQUATED = (
    "A man, later identified as John Doe, was shot on Friday. Police identified the driver as "
    "Mary Roe. The victim is Peter Poe, and his passenger, Anna Moe, was hurt. The gunman was "
    "identified as Carl Coe, a local farmer."
)


def test_equatable_descriptions_hold_every_noun_equated_with_a_name(nlp) -> None:
    from newsgraph.components.coref.resolver import _equated_words, equatable_descriptions

    verbs = frozenset({"identify"})
    doc = nlp(_EQUATED + " " + _NEWS)
    plain = [t.i for t in doc if any(w.pos_ == "PROPN" for w in _equated_words(t, verbs))]
    found = equatable_descriptions(doc, verbs)
    assert len(plain) >= 4  # man, driver, victim, passenger, gunman
    assert set(plain) <= set(found) and found == sorted(set(found))
    # the equating verbs come from the caller's lexicon, not a cache: without "identify" the
    # "identified as" descriptions are no longer candidates
    identified = {t.i for t in doc if t.lower_ in ("man", "driver", "gunman")}
    assert identified <= set(found)
    assert not identified & set(equatable_descriptions(doc, frozenset()))


def test_hash_strings_are_the_stores_strings(nlp, monkeypatch) -> None:
    from spacy.attrs import LEMMA, LOWER

    from newsgraph import extensions

    doc = nlp(_NEWS)
    strings = doc.vocab.strings
    for column in (LOWER, LEMMA):
        keys = doc.to_array(column).tolist()
        assert extensions.hash_strings(strings, keys) == [strings[k] for k in keys]
    assert extensions.token_lowers(doc) == [t.lower_ for t in doc]
    # past its bound the cache stops growing and the store answers
    monkeypatch.setattr(extensions, "_HASH_STRINGS", {})
    monkeypatch.setattr(extensions, "_HASH_STRINGS_MAX", 5)
    keys = doc.to_array(LOWER).tolist()
    assert extensions.hash_strings(strings, keys) == [strings[k] for k in keys]
    assert extensions._HASH_STRINGS == {}


def test_spoken_quotes_leave_out_the_titles_once_per_doc(nlp) -> None:
    from newsgraph.components.quotes.spans import is_title, quotes_of, spoken_quotes

    doc = nlp(
        "“We will rebuild,” the mayor said on CBS's “Face the Nation.” "
        "He added: “Nobody will stop us.” She spoke in “Meet the Press” later."
    )
    quotes = quotes_of(doc)
    text = doc.text
    spoken = spoken_quotes(doc, quotes)
    assert spoken == [q for q in quotes if not is_title(text, q)]
    assert len(spoken) == 2 and len(quotes) == 4
    assert spoken_quotes(doc, quotes) is spoken  # the doc's list: worked out once
    first_only = quotes[:1]  # another list is judged on its own
    assert spoken_quotes(doc, first_only) == first_only


def _plain_scope_cues(token) -> dict[str, float]:
    from newsgraph.components.events.factuality import (
        CLAUSE_DEPS,
        CONDITIONAL_MARKS,
        _negative_argument,
    )

    found: dict[str, float] = {}
    tok, crossed = token, 0
    for _ in range(8):
        head = tok.head
        crossed += tok.dep_ in CLAUSE_DEPS
        where = "same" if crossed == 0 else "crossed"
        for c in head.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                found[f"anc_neg_{where}"] = 1.0
            elif c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                found[f"anc_conditional_{where}"] = 1.0
        tok = head
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
        found["own_conditional"] = 1.0
    if any(_negative_argument(c) for c in token.children):
        found["negative_argument"] = 1.0
    return found


def test_scope_cues_are_those_of_a_walk_over_the_tokens(nlp) -> None:
    from newsgraph.components.events.factuality import _scope_cues

    doc = nlp(
        _NEWS + " The ministry did not say whether the army would strike if the talks failed. "
        "No one said that they had attacked, unless the report was wrong. He never claimed it."
    )
    seen = set()
    for token in doc:
        cues = _scope_cues(token)
        assert list(cues.items()) == list(_plain_scope_cues(token).items())
        seen.update(cues)
    # the sentences reach every kind of cue, on both sides of a clause boundary
    assert {"anc_neg_same", "anc_neg_crossed", "anc_conditional_same"} <= seen
    assert "anc_conditional_crossed" in seen
