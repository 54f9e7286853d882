"""``newsgraph eval factuality``: asserted / negated / uncertain per predicate, on sentences
written for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fakes import annotation, fake_annotate

from newsgraph.eval import factuality
from newsgraph.eval.annotate import annotate as factuality_annotate
from newsgraph.eval.base import shared_eval_dir

DATA = Path(__file__).parent / "data" / "eval" / "factuality"
GOLD = shared_eval_dir() / factuality.DEFAULT_DATA


def test_gold_classes_from_scores() -> None:
    assert [factuality.gold_class(s) for s in (3.0, 1.0, 0.4, -0.6, -1.0, -3.0)] == [
        "asserted", "asserted", "uncertain", "uncertain", "negated", "negated",
    ]  # fmt: skip


def test_reads_predicates() -> None:
    sentences = factuality.read_gold(DATA)
    assert [(s.corpus, s.official, s.text) for s in sentences] == [
        ("uw", "dev", "Troops attacked the town."),
        ("uw", "dev", "They did not retreat."),
        ("meantime", "train", "Talks may resume."),
    ]
    attacked = sentences[0]
    assert [(attacked.text[s:e], c) for (s, e), c in attacked.predicates] == [
        ("attacked", "asserted")
    ]


def test_scores_each_part(monkeypatch: pytest.MonkeyPatch) -> None:
    troops, retreat, _talks = (s.text for s in factuality.read_gold(DATA))
    fakes = {
        troops: annotation(troops, {"type": "ASSAULT", "trigger": "attacked"}),
        retreat: annotation(retreat, {"type": "RETREAT", "trigger": "retreat", "negated": True}),
    }
    monkeypatch.setattr(factuality, "annotate", fake_annotate(fakes))
    report = factuality.evaluate(DATA)
    held, fit = report.part("heldout"), report.part("fit")  # the retreat is held out
    assert held["accuracy"].value == 1.0
    assert held["baseline: always asserted, accuracy"].value == 0.0
    assert held["macro-F1 (asserted, negated, uncertain)"].f1 == 0.3333
    # fit: the attack right; "may resume" uncertain, but we have no event there: asserted
    assert fit["accuracy"].value == 0.5
    assert fit["macro-F1 (asserted, negated, uncertain)"].f1 == 0.2222
    assert fit["predicates with one of our events"].value == 0.5
    assert fit["accuracy where we have an event"].value == 1.0


@pytest.mark.parametrize(
    ("hypothetical", "reading", "output_accuracy", "learned_accuracy"),
    [(True, "asserted", 1.0, 0.5), (False, "uncertain", 0.5, 1.0)],
)
def test_the_output_flags_and_the_learned_factuality_are_scored_apart(
    monkeypatch: pytest.MonkeyPatch,
    hypothetical: bool,
    reading: str,
    output_accuracy: float,
    learned_accuracy: float,
) -> None:
    """ "may resume" is gold uncertain: the main rows read the output's ``hypothetical`` (what an
    outside scorer sees), the ``learned factuality`` rows the event's learned reading."""
    troops, _retreat, talks = (s.text for s in factuality.read_gold(DATA))
    fakes = {
        troops: annotation(troops, {"type": "ASSAULT", "trigger": "attacked"}),
        talks: annotation(
            talks,
            {"type": "CONSULT", "trigger": "resume", "hypothetical": hypothetical,
             "factuality": reading},
        ),
    }  # fmt: skip
    monkeypatch.setattr(factuality, "annotate", fake_annotate(fakes))
    report = factuality.evaluate(DATA, split="fit")
    fit = report.part("fit")
    assert fit["accuracy"].value == output_accuracy
    assert fit["learned factuality alone: accuracy"].value == learned_accuracy
    # which of the two decides where they disagree, against the gold "uncertain"
    ours = "uncertain" if hypothetical else "asserted"
    assert report.details["fit"][
        "output vs learned where they disagree (output / learned / gold)"
    ] == {f"{ours} / {reading} / uncertain": 1}


def test_a_future_event_is_scored_as_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    """UW scores a stated future as a fact: ``future`` is no "uncertain" reading; the
    ``hypothetical`` flag is."""
    troops, _retreat, talks = (s.text for s in factuality.read_gold(DATA))
    for flag, talks_right in (("future", 0.5), ("hypothetical", 1.0)):
        fakes = {
            troops: annotation(troops, {"type": "ASSAULT", "trigger": "attacked"}),
            talks: annotation(talks, {"type": "CONSULT", "trigger": "resume", flag: True}),
        }
        monkeypatch.setattr(factuality, "annotate", fake_annotate(fakes))
        fit = factuality.evaluate(DATA, split="fit").part("fit")
        assert fit["accuracy"].value == talks_right, flag


def test_the_model_is_scored_on_every_predicate_event_or_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "may resume" carries no event: the output reads it asserted, the model's own row its
    reading of the word; the coverage rows say how few gold non-asserted predicates we touch."""
    troops, _retreat, talks = (s.text for s in factuality.read_gold(DATA))
    resume = (talks.index("resume"), talks.index("resume") + len("resume"))
    troops_only = {troops: annotation(troops, {"type": "ASSAULT", "trigger": "attacked"})}
    monkeypatch.setattr(factuality, "annotate", fake_annotate(troops_only))
    fit = factuality.evaluate(DATA, split="fit").part("fit")
    assert fit["learned model on every predicate: accuracy"].value == 0.5
    talks_read = factuality.Annotation(talks, sentences=[(0, len(talks))])
    talks_read.readings[resume] = "uncertain"
    monkeypatch.setattr(factuality, "annotate", fake_annotate({**troops_only, talks: talks_read}))
    fit = factuality.evaluate(DATA, split="fit").part("fit")
    assert fit["learned model on every predicate: accuracy"].value == 1.0
    assert fit["learned model on every predicate: macro-F1"].f1 == 0.6667  # two classes of three
    assert fit["accuracy"].value == 0.5  # the output has no event there
    assert fit["negated or uncertain predicates with one of our events"].value == 0.0
    assert fit["macro-F1 where we have an event"].f1 == 0.3333


def test_annotate_reads_the_model_at_the_spans_asked_for() -> None:
    text = "The rebels did not attack the town."
    at = (text.index("attack"), text.index("attack") + len("attack"))
    (read,) = factuality_annotate([text], read_spans=[[at]])
    assert read.readings == {at: "negated"}
    (plain,) = factuality_annotate([text])
    assert plain.readings == {}


@pytest.mark.slow
@pytest.mark.skipif(not (GOLD / "uw_dev.conll").exists(), reason="factuality data not available")
def test_quality_floor_heldout() -> None:
    """Held-out figures measured with the full pipeline, minus 0.01 (README's quality table)."""
    rows = factuality.evaluate(GOLD, split="heldout").part("heldout")
    assert rows["accuracy"].value >= FLOORS["accuracy"]
    assert rows["macro-F1 (asserted, negated, uncertain)"].f1 >= FLOORS["macro-F1"]
    assert rows["learned model on every predicate: accuracy"].value >= FLOORS["model accuracy"]
    assert rows["learned model on every predicate: macro-F1"].f1 >= FLOORS["model macro-F1"]


# held out on 2026-12-05, the output's negated / hypothetical (what an outside scorer sees),
# after the future flag took planned acts out of hypothetical and the thresholds were chosen
# for macro-F1: accuracy 0.868 (before 0.866, baseline 0.873), macro-F1 0.372 (before 0.379:
# two gold-uncertain predicates of 156 now future); the learned factuality alone reads
# 0.874 / 0.367; accuracy floor measured - 0.01, macro-F1 floor kept. Session 8 ("is poised
# to", "is expected to" future; codebook lexicon entries): 0.8687 / 0.3727, floors kept.
# 2026-12-05 (session 8): the learned model on the word of every predicate, event or not,
# measured 0.890 / 0.594 held out (cross-validated on the fit part 0.924 / 0.672); floors - 0.01
# Session 13 ("plover13": a bare "close" is no event; MEANTIME's closings lose their event):
# 0.8681 / 0.3684 held out, floors kept
FLOORS = {"accuracy": 0.858, "macro-F1": 0.368, "model accuracy": 0.880, "model macro-F1": 0.584}
