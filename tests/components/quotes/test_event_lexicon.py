"""The quotes component reads the events lexicon with the user's extra trigger files, so a
responsibility word a user adds there decides denials as it decides the events' frames."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from confection import Config
from spacy.language import Language

from newsgraph.components.quotes.component import extract_statements
from newsgraph.components.quotes.lexicon import load_knowledge
from newsgraph.model import Article

TEXT = "The militia said it was not culpable for shelling the depot.\n"


def _parsed(nlp: Language, text: str):
    doc = nlp.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    return nlp(doc)


def test_a_responsibility_word_from_a_user_trigger_file_makes_a_denial(
    nlp: Language, tmp_path: Path
):
    extra = tmp_path / "my_triggers.yaml"
    extra.write_text("responsibility_words: [culpable]\n", encoding="utf-8")
    doc = _parsed(nlp, TEXT)
    (plain,) = extract_statements(doc, load_knowledge())
    (extended,) = extract_statements(doc, load_knowledge((), (str(extra),)))
    assert plain.act != "denial"
    assert extended.act == "denial"


def test_the_bundled_config_hands_the_events_extra_lexicons_to_quotes():
    text = resources.files("newsgraph.components").joinpath("pipeline.cfg").read_text("utf-8")
    text = text.replace("extra_lexicons = []", 'extra_lexicons = ["my_triggers.yaml"]', 1)
    components = Config().from_str(text)["components"]
    assert components["newsgraph_quotes"]["event_lexicons"] == ["my_triggers.yaml"]
