"""newsgraph_quotes: who said what, how, to whom, and what kind of speech act.

Writes ``doc._.ng_statements`` (list of ``model.Statement``, ids ``s1, s2, ...`` in text order).
Config: ``cue_files`` (extra YAML cue lexicons in the ``speech_cues.yaml`` format), e.g.
``nlp.add_pipe("newsgraph_quotes", config={"cue_files": ["my_cues.yaml"]})``.

How it works, cheaply (one regex scan of the text plus dependency lookups at cue tokens), one
module per pass:

1. ``scan.find_quotes`` finds quoted passages (every quote style, multi-paragraph).
2. ``drafts``: cue tokens come from the lexicon in ``data/en/speech_cues.yaml`` (verbs, nouns,
   "according to"). For each cue the parse gives the content (``content``: clausal complement,
   parenthetical host clause, an object for stance verbs, or the adjacent quote) and the source
   (``frames``: subject, agent, inherited subject of "adding that ...", the object of "according
   to", the possessor of "X's remarks"); ``spans`` holds the character-span helpers they share.
3. Quotes nobody claimed take the cue of the sentence before them ("... sent the following
   message:" / "… he said." then a quote paragraph).
4. A learned cue tagger (``tagger``, logistic regression over hashed parse features, trained on
   the PolNeAR train split by ``tools/train_quote_model.py``) scores every token in one
   vectorised pass (``learned``): runs of likely cue tokens no rule covered become extra drafts
   ("has been critical of X"), rule drafts whose cue it finds very unlikely are dropped, and
   cues grow over adjacent likely cue words ("has been very vocal in rejecting"). The draft
   judge (``judge``) then keeps the drafts annotators would mark.
5. ``senses``: a cue word used in its perceptual or physical sense ("were seen near", "forces
   attacked Kharkiv") makes no statement.
6. ``statements``: each draft (``draft.Draft``) becomes a Statement: speaker resolved to an actor
   (pronouns and descriptions to the most recent compatible actor mention), kind from the quote
   overlap, act from cue and content (``acts``), addressee, time, and the earlier statement a
   denial disputes.
"""

from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ...extensions import doc_text
from ...model import Statement
from . import content_end
from .draft import Draft, draft_position
from .drafts import candidate_drafts, drop_nested, is_formula
from .frames import take_content_prepositions, take_controller_sources, without_other_cues
from .judge import draft_features
from .lexicon import QuoteKnowledge, load_knowledge
from .parenthetical import join_parenthetical_hosts
from .scan import Quote
from .senses import is_statement, reports_silence
from .spans import quotes_of
from .statements import to_statements
from .tagger import CueModel, load_model


@Language.factory(
    "newsgraph_quotes",
    assigns=["doc._.ng_statements"],
    requires=[
        "doc.sents",
        "token.dep",
        "doc._.ng_actor_mentions",
        "doc._.ng_actors",
        "doc._.ng_place_mentions",
        "doc._.ng_times",
    ],
    default_config={"cue_files": [], "event_lexicons": [], "learned_content_end": False},
)
def make_component(
    nlp: Language,
    name: str,
    cue_files: list[str],
    event_lexicons: list[str],
    learned_content_end: bool,
) -> Component:
    return Component(load_knowledge(tuple(cue_files), tuple(event_lexicons)), learned_content_end)


class Component:
    def __init__(
        self, knowledge: QuoteKnowledge | None = None, learned_content_end: bool = False
    ) -> None:
        self.knowledge = knowledge or load_knowledge()
        self.learned_content_end = learned_content_end

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_statements = extract_statements(doc, self.knowledge, self.learned_content_end)
        return doc


def extract_statements(
    doc: Doc, knowledge: QuoteKnowledge, learned_content_end: bool = False
) -> list[Statement]:
    """All statements of one parsed article, in text order. ``learned_content_end`` runs
    contents the parse stopped early on to their sentence end where ``content_end``'s model
    says so (off by default: on PolNeAR it gains on train and the fit part, not held out)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    quotes = quotes_of(doc)  # shared with the content rules (``_without_trailing_aside``)
    model = load_model()
    drafts, probs = candidate_drafts(doc, knowledge, quotes, model)
    drafts = judged_drafts(doc, quotes, drafts, probs, model, knowledge)
    drafts = [d for d in drafts if not is_formula(text, d, knowledge)]
    # only saying and thinking make statements ("forces attacked Kharkiv", "has not commented")
    drafts = drop_nested([d for d in drafts if is_statement(doc, d, knowledge, quotes)])
    drafts.sort(key=draft_position)
    without_other_cues(drafts)
    take_content_prepositions(doc, drafts, knowledge.cue_prepositions)
    join_parenthetical_hosts(doc, drafts, quotes)
    take_controller_sources(drafts)
    if learned_content_end:
        content_end.extend_content_ends(doc, drafts, content_end.load_end_model(), knowledge.verbs)
    return to_statements(doc, knowledge, quotes, drafts)


def judged_drafts(
    doc: Doc,
    quotes: list[Quote],
    drafts: list[Draft],
    probs: np.ndarray,
    model: CueModel | None,
    knowledge: QuoteKnowledge | None = None,
) -> list[Draft]:
    """The drafts the draft judge keeps (all of them without a judge). A report of silence
    ("did not respond to a request for comment") is CAMEO 011 "decline comment" whatever the
    judge says."""
    if model is None or model.judge is None or not drafts:
        return drafts
    scores = model.judge.probabilities(draft_features(doc, doc_text(doc), quotes, drafts, probs))
    return [
        d
        for d, p in zip(drafts, scores.tolist(), strict=True)
        if p >= model.judge.threshold
        or d.origin in _UNJUDGED
        or (
            knowledge is not None
            and d.token is not None
            and d.source is not None  # someone is silent, not "the deal is not counted among"
            and reports_silence(d.token, d, knowledge)
        )
    ]


# a quote announced by the sentence before it ("sent the following message:") is speech whatever
# the cue word; the judge, trained on annotators' habits, rarely saw one
_UNJUDGED = frozenset({"announced"})
