"""Stance models: the scorer's arithmetic, the shipped weights, and (slow) held-out floors."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
from helpers import load_tool

from newsgraph.eval.base import FIT, HELDOUT, shared_eval_dir, split_of
from newsgraph.eval.stance import StancePair, fnc1_score
from newsgraph.link.stance import DATA_DIR, FEATURE_NAMES, load_model, pair_features, stance
from newsgraph.link.stance_cues import (
    CUE_DENSE_NAMES,
    SPLIT_PREFIX,
    CueModel,
    claim_parts,
    class_masked,
    cue_dense,
    cue_strings,
    masked_headline,
    scope_cues,
    segment_cues,
    two_stage_proba,
    word_class,
)


def test_fnc1_score_weights_relatedness_and_the_related_class() -> None:
    gold = ["unrelated", "supports", "disputes", "reports"]
    predicted = ["unrelated", "reports", "disputes", "unrelated"]
    # 0.25 (unrelated right) + 0.25 (related, wrong class) + 1.0 (exact) + 0 (called unrelated)
    assert fnc1_score(gold, predicted) == (1.5, 3.25)


def test_features_see_overlap_and_refuting_words() -> None:
    idf = load_model("fnc1").idf
    names = list(FEATURE_NAMES)
    claim = "Rocket hits football field in Majdal Shams"
    related = pair_features(
        claim, "A rocket hit a football field in Majdal Shams on Saturday.", idf
    )
    other = pair_features(claim, "The central bank raised interest rates on Tuesday.", idf)
    assert related[names.index("cos_body")] > 0.5 > other[names.index("cos_body")]
    denied = pair_features("Reports of a rocket strike are a hoax", "Officials denied it.", idf)
    assert denied[names.index("head_refute")] == 1.0


def test_shipped_models_tell_an_unrelated_body_from_a_related_one() -> None:
    model = load_model("fnc1")
    headline = "Rocket strike kills 12 children at football field in Majdal Shams"
    related = ("A rocket struck a football field in Majdal Shams on Saturday, killing 12 "
               "children who were playing there, local officials said.")  # fmt: skip
    unrelated = "The central bank raised interest rates by a quarter point on Tuesday."
    labels = model.predict([(headline, related), (headline, unrelated)])
    assert labels[0] != "unrelated" and labels[1] == "unrelated"
    claim = "A rocket hit Majdal Shams"
    assert stance("Hoax: no, the rocket did not hit Majdal Shams", claim) == "disputes"
    assert stance("Rocket hits Majdal Shams, killing 12 children", claim) == "supports"
    assert stance("Reports claim a rocket may have hit Majdal Shams?", claim) == "reports"
    assert set(load_model("emergent").labels) == {"supports", "disputes", "reports"}


SHELLING = "Army troops shelled the central market in Kharkiv"


def test_cues_mask_the_claims_words_and_keep_the_stance_words() -> None:
    cues = cue_strings("Culkin not dead, his agent says", "Macaulay Culkin is dead")
    assert {"b:not_<c>", "w:not", "w:agent", "w:says"} <= cues
    assert not any("culkin" in cue or "dead" in cue for cue in cues)
    values = cue_dense("Culkin not dead", "Macaulay Culkin is dead")
    dense = dict(zip(CUE_DENSE_NAMES, values, strict=True))
    assert dense["negation_near_claim"] == 1.0
    assert dense["claim_coverage"] == pytest.approx(2 / 3)  # culkin, dead of macaulay culkin dead
    near = CUE_DENSE_NAMES.index("negation_near_claim")
    assert cue_dense("Culkin dead at 34", "Macaulay Culkin is dead")[near] == 0.0


@pytest.mark.parametrize(
    "headline",
    [
        "Army denies reports that troops shelled Kharkiv market",
        "Ministry rejects claims that troops shelled Kharkiv market",
        "Army says Kharkiv market shelling story is false",
        "No, troops did not shell the Kharkiv market",
    ],
)
def test_a_denial_headline_disputes_the_claim(headline: str) -> None:
    assert stance(headline, SHELLING) == "disputes"


@pytest.mark.parametrize(
    "headline",
    [
        "Kharkiv market was allegedly shelled by army troops, according to local media",
        "Army troops may have shelled Kharkiv market, witnesses claim",
        "Did troops shell the Kharkiv market?",
    ],
)
def test_a_hedged_or_attributed_headline_reports_the_claim(headline: str) -> None:
    assert stance(headline, SHELLING) == "reports"


def test_a_plain_assertion_supports_the_claim() -> None:
    assert stance("Army troops shell central market in Kharkiv, killing 9", SHELLING) == "supports"


MAYOR = "The mayor of Springfield has died"
FACTORY = "Acme will open a car factory in Ohio"


def test_stance_words_become_their_class_and_govern_the_claim_words() -> None:
    classed = class_masked(masked_headline("Army denies troops shelled Kharkiv market", SHELLING))
    assert classed == ["<c>", "<deny>", "<c>", "<c>", "<c>", "<c>"]
    assert "s:<deny>><c>" in scope_cues(classed)
    hoax = class_masked(masked_headline("Kharkiv market shelling video is fake", SHELLING))
    assert "s:<c>><false>" in scope_cues(hoax) and "s:<false>><c>" not in scope_cues(hoax)
    assert [word_class(w) for w in ("didn't", "never", "reportedly", "alive", "tree")] == [
        "neg", "neg", "hedge", "alive", None,
    ]  # fmt: skip


def test_segments_tell_a_source_from_the_claim_and_questions_by_form() -> None:
    stems = {"acme", "open", "car", "facto", "ohio"}
    sourced = segment_cues("Acme to open car factory in Ohio: report", stems)
    assert sourced == {"seg:head_claim", "seg:tail_source"}
    assert "seg:head_source" in segment_cues("Analyst: Acme will open Ohio factory", stems)
    # A dash with spaces splits like a colon; a hyphen inside a word does not.
    assert "seg:tail_source" in segment_cues("Acme opens Ohio car plant - officials", stems)
    assert segment_cues("Acme opens Ohio car-parts plant", stems) == set()
    asked = cue_strings("Is the Springfield mayor dead?", "Springfield mayor is dead")
    assert {"q", "q:opener", "q:after_claim"} <= asked
    assert "q:inside" in cue_strings("Mayor dead? Town hall says no", "Springfield mayor is dead")


def test_the_claims_names_and_predicate_are_covered_separately() -> None:
    names, predicate = claim_parts(MAYOR)
    assert names == {"sprin"} and predicate == {"mayor", "died"}
    dense = dict(zip(CUE_DENSE_NAMES, cue_dense("Springfield mourns", MAYOR), strict=True))
    assert dense["name_coverage"] == 1.0 and dense["predicate_coverage"] == 0.0
    dense = dict(zip(CUE_DENSE_NAMES, cue_dense("Mayor denies he died, aides say", MAYOR),
                     strict=True))  # fmt: skip
    assert (dense["class_deny"], dense["class_say"], dense["predicate_coverage"]) == (1, 1, 1)


@pytest.mark.parametrize(
    ("headline", "claim", "expected"),
    [
        # A bare denial disputes the claim it denies (fit: 13 of 20 "deny" headlines, 6 claims).
        ("Springfield mayor denies reports of his death", MAYOR, "disputes"),
        ("Defence ministry rejects claim troops shelled the market", SHELLING, "disputes"),
        # The claim called false, its opposite, a negation over the claim's words.
        ("Springfield mayor death report is a hoax", MAYOR, "disputes"),
        ("Springfield mayor is safe after death rumours", MAYOR, "disputes"),
        ("Troops did not shell Kharkiv market", SHELLING, "disputes"),
        # Hedged, attributed to a source, asked, or forecast: reported without a side.
        ("Springfield mayor reportedly dead", MAYOR, "reports"),
        ("Acme to open car factory in Ohio: report", FACTORY, "reports"),
        ("Witnesses say troops shelled Kharkiv market", SHELLING, "reports"),
        ("Is the Springfield mayor dead?", MAYOR, "reports"),
        # Stated or confirmed as fact.
        ("Acme opens car factory in Ohio", FACTORY, "supports"),
        ("Acme confirms it will open Ohio car factory", FACTORY, "supports"),
    ],
)
def test_each_cue_class_moves_the_emergent_model(headline: str, claim: str, expected: str) -> None:
    assert stance(headline, claim) == expected


def test_a_headline_that_states_the_claim_plainly_is_marked_plain() -> None:
    plain = CUE_DENSE_NAMES.index("plain_statement")
    assert cue_dense("Acme opens car factory in Ohio", FACTORY)[plain] == 1.0
    # A hedge, a source, a question or a negation each take the headline out of its own voice.
    for headline in (
        "Acme may open car factory in Ohio",
        "Acme to open Ohio factory: report",
        "Will Acme open a car factory in Ohio?",
        "Acme will not open Ohio factory",
    ):
        assert cue_dense(headline, FACTORY)[plain] == 0.0, headline


def test_the_second_stage_shares_out_what_is_not_disputes() -> None:
    labels = ["disputes", "reports", "supports"]
    first = np.array([[0.2, 0.5, 0.3], [0.9, 0.05, 0.05]])
    split = np.array([[0.25, 0.75], [0.5, 0.5]])  # reports, supports
    proba = two_stage_proba(first, split, labels)
    assert np.allclose(proba, [[0.2, 0.2, 0.6], [0.9, 0.05, 0.05]])
    # The label order comes from the model, not from position.
    shuffled = two_stage_proba(first[:, [2, 0, 1]], split, ["supports", "disputes", "reports"])
    assert np.allclose(shuffled, proba[:, [2, 0, 1]])


def test_the_shipped_emergent_model_keeps_disputes_from_its_first_stage() -> None:
    with np.load(DATA_DIR / "stance_emergent.npz") as z:
        arrays = {k: z[k] for k in z.files}
    assert f"{SPLIT_PREFIX}coef" in arrays  # reports against supports
    pairs = [
        ("Springfield mayor reportedly dead", MAYOR),
        ("Springfield mayor denies reports of his death", MAYOR),
        ("Acme opens car factory in Ohio", FACTORY),
    ]
    both = CueModel(arrays).predict_proba(pairs)
    first = CueModel({k: v for k, v in arrays.items() if not k.startswith(SPLIT_PREFIX)})
    alone = first.predict_proba(pairs)
    assert np.allclose(both.sum(axis=1), 1.0)
    disputes = first.labels.index("disputes")
    assert np.allclose(both[:, disputes], alone[:, disputes])
    assert not np.allclose(both, alone)  # the second stage moves reports against supports


def training_script() -> ModuleType:
    return load_tool("train_stance")


def test_softmax_regression_reaches_its_penalised_optimum() -> None:
    train = training_script()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 4))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.8).astype(int)  # three classes, one rare
    model = train.SoftmaxRegression(c=0.5, balanced=False).fit(x, y)
    assert (model.predict(x) == y).mean() > 0.8
    # At the optimum the weights' gradient vanishes: C * X'(P - Y) + W = 0.
    residual = model.predict_proba(x) - np.eye(3)[y]
    assert np.abs(0.5 * x.T @ residual + model.coef_.T).max() < 1e-6
    assert np.abs(residual.sum(axis=0)).max() < 1e-6  # the intercepts are not penalised
    weaker = train.SoftmaxRegression(c=0.01, balanced=False).fit(x, y)
    assert np.abs(weaker.coef_).sum() < np.abs(model.coef_).sum()
    balanced = train.SoftmaxRegression(c=0.01, balanced=True).fit(x, y)
    rare = int(np.argmin(np.bincount(y)))
    assert (balanced.predict(x) == rare).sum() > (weaker.predict(x) == rare).sum()


def test_seeded_group_folds_keep_each_group_whole_and_vary_with_the_seed() -> None:
    train = training_script()
    groups = [f"claim{i % 23}" for i in range(200)]
    folds = train.seeded_group_folds(groups, seed=0)
    tested = np.concatenate([te for _, te in folds])
    assert sorted(tested.tolist()) == list(range(200))  # each row held out exactly once
    for tr, te in folds:
        assert not {groups[i] for i in tr} & {groups[i] for i in te}
    again = train.seeded_group_folds(groups, seed=0)
    other = train.seeded_group_folds(groups, seed=1)
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(folds, again, strict=True))
    assert not all(np.array_equal(a[1], b[1]) for a, b in zip(folds, other, strict=True))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "measure", "floor"),
    [("fnc1", "relative score", 0.86), ("emergent", "accuracy", 0.773)],
)
def test_held_out_floors(name: str, measure: str, floor: float) -> None:
    import importlib

    data = shared_eval_dir() / name
    if not data.is_dir():
        pytest.skip(f"no gold data at {data}")
    report = importlib.import_module(f"newsgraph.eval.{name}").evaluate(data)
    assert report.row(measure).value >= floor


def group_in(split: str, prefix: str) -> str:
    """The first ``<prefix><n>`` that ``split_of`` puts in ``split``."""
    return next(f"{prefix}{n}" for n in range(100) if split_of(f"{prefix}{n}") == split)


def test_the_transfer_pairs_leave_out_held_out_claims_and_their_bodies() -> None:
    check = load_tool("stance_transfer_check")
    held_claim, fit_claim = group_in(HELDOUT, "claim"), group_in(FIT, "claim")
    emergent = [
        StancePair(held_claim, "Springfield mayor dies in a crash", MAYOR, "supports"),
        StancePair(fit_claim, "Acme opens its car factory in Ohio", FACTORY, "supports"),
    ]
    held_body, fit_body = group_in(FIT, "fnc1-body-"), group_in(FIT, "fnc1-body-a")
    fnc1 = [
        # An exact held-out headline (case and punctuation aside) takes its body with it.
        StancePair(held_body, "SPRINGFIELD MAYOR DIES IN A CRASH!", "Body.", "supports"),
        StancePair(held_body, "Acme opens its car factory in Ohio", "Body.", "unrelated"),
        StancePair(fit_body, "Acme opens its car factory in Ohio", "Body.", "supports"),
        # A reworded held-out headline goes too; unrelated to this body, the body stays.
        StancePair(fit_body, "Springfield mayor dies in crash", "Body.", "unrelated"),
        StancePair(fit_body, "The Mayor of Springfield has died.", "Body.", "unrelated"),  # claim
        StancePair(fit_body, "Springfield zoo gets a new panda", "Body.", "unrelated"),
        StancePair(group_in(HELDOUT, "fnc1-body-"), "Acme factory", "Body.", "reports"),
    ]
    kept = check.transfer_pairs(fnc1, emergent)
    assert [(p.group, p.text) for p in kept] == [
        (fit_body, "Acme opens its car factory in Ohio"),
        (fit_body, "Springfield zoo gets a new panda"),
    ]
    # Leaving out every claim takes the fit claim's headline, and its related bodies, too.
    assert [p.text for p in check.transfer_pairs(fnc1, emergent, every_claim=True)] == []


def test_the_feature_check_drops_a_cue_family_a_dense_column_and_counts_a_word_list() -> None:
    check = load_tool("stance_feature_check")
    claim = "The mayor of Springfield resigned"
    headlines = ["Mayor reportedly resigned, aides say", "Mayor denies he resigned"]
    cues = [cue_strings(h, claim) for h in headlines]
    dense = np.array([cue_dense(h, claim) for h in headlines])
    kept = check.without_cues(cues, "k:")
    assert all(not c.startswith("k:") for row in kept for c in row)
    assert all(any(c.startswith("w:") for c in row) for row in kept)  # other families stay
    assert "q" in check.without_cues([{"q", "q:opener"}], "q:")[0]  # a family, not one cue
    assert check.without_cues([{"q", "q:opener"}], "q") == [{"q:opener"}]
    fewer = check.without_dense(dense, "plain_statement")
    assert fewer.shape == (2, len(CUE_DENSE_NAMES) - 1)
    assert np.array_equal(fewer[:, 0], dense[:, CUE_DENSE_NAMES.index("claim_coverage")])
    counts = check.word_counts(headlines, frozenset({"reportedly", "say", "denies"}))
    assert counts.tolist() == [[2.0], [1.0]]


def test_the_feature_check_reads_the_parse_and_the_masked_characters() -> None:
    check = load_tool("stance_feature_check")
    from newsgraph.nlp import load_spacy_model

    nlp = load_spacy_model()
    claim = nlp("The mayor of Springfield resigned")
    # subject_is_claim, same_subject, claim_verb_negated, same_root; the root's tense.
    assert check.parse_flags(nlp("Mayor did not resign"), claim) == ([1.0, 1.0, 1.0, 1.0], "VB")
    assert check.parse_flags(nlp("Springfield mayor could resign"), claim)[1] == "VB+md"
    assert check.parse_flags(nlp("Aides say the council met"), claim)[0] == [0.0] * 4
    pair = StancePair("claim-1", "Mayor denies he resigned?", str(claim), "disputes")
    grams = check.char_grams([pair])[0]
    assert {" # de", "deny", "# ?"} <= grams  # claim words as "#", "denies" as its class
    assert not any("mayor" in g or "deni" in g for g in grams)


def test_the_feature_check_bootstraps_whole_claims() -> None:
    check = load_tool("stance_feature_check")
    # Claim "a": three headlines, all right; claim "b": one headline, wrong.
    correct, groups = np.array([1.0, 1.0, 1.0, 0.0]), ["a", "a", "a", "b"]
    one = check.claim_bootstrap(correct, groups, claims=1, draws=200)
    assert set(one.tolist()) == {0.0, 1.0}  # a claim's headlines are drawn together
    two = check.claim_bootstrap(correct, groups, claims=2, draws=200)
    assert set(two.tolist()) == {0.0, 0.75, 1.0}  # a a, a b (3 of 4 headlines), b b
    assert np.array_equal(two, check.claim_bootstrap(correct, groups, claims=2, draws=200))
    assert check.claim_bootstrap(np.ones(4), groups, claims=2, draws=50).std() == 0.0


def test_the_feature_check_counts_the_kinds_of_headline_in_each_error_cell() -> None:
    check = load_tool("stance_feature_check")
    claim = "The mayor of Springfield resigned"
    # "Springfield" is the claim's name, "mayor" and "resigned" its predicate.
    assert check.headline_kinds("Springfield mayor reportedly resigned", claim) == {
        "hedge",
        "predicate half+",
    }
    assert check.headline_kinds("Mayor resigned, according to aides", claim) == {
        "hedge",
        "predicate half+",
        "names none",
    }
    assert check.headline_kinds("Springfield leader quits", claim) == {"plain", "predicate none"}
    assert check.headline_kinds("Did the council meet?", claim) == {
        "question",
        "predicate none",
        "names none",
    }
    pairs = [
        StancePair("a", "Springfield leader quits", claim, "reports"),
        StancePair("a", "Springfield mayor reportedly resigned", claim, "reports"),
        StancePair("b", "Springfield mayor resigned", claim, "supports"),
    ]
    labels = ["disputes", "reports", "supports"]
    cells = check.error_kinds(pairs, np.array([1, 1, 2]), np.array([2, 1, 2]), labels)
    n, claims, counts = cells[("reports", "supports")]
    assert (n, claims, counts["plain"], counts["hedge"]) == (1, 1, 1, 0)
    assert cells[("reports", "reports")][2]["hedge"] == 1
    assert cells[("supports", "supports")][:2] == (1, 1)
    assert cells[("disputes", "reports")][0] == 0
