"""Whom a statement about an act answers (``events/responses.py``): a condemnation's target is
the condemned act's doer, a denial's target the accuser named earlier in the article."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsgraph import extensions
from newsgraph.components.actors.kb import ENV_VAR
from newsgraph.components.events import responses
from newsgraph.model import Actor, Event
from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _one(pipeline: Language, text: str, kind: str) -> Event:
    [event] = [e for e in pipeline(text)._.ng_events if e.type == kind]
    return event


def _text(event: Event) -> str | None:
    return event.target.span.text if event.target.span is not None else None


@pytest.mark.parametrize(
    ("text", "doer", "phrase"),
    [
        (
            "Israeli jets struck a school on Monday. The ministry condemned the attack.",
            "idf",
            "the attack",
        ),
        (
            "Russian forces shelled the market in Kharkiv. Kyiv denounced these strikes.",
            "russian-armed-forces",
            "these strikes",
        ),
        (
            "Hezbollah fired rockets at Haifa. Washington condemned Hezbollah's attack.",
            "hezbollah",
            None,
        ),
        (
            # the unknown conjoined doer of the same trigger is no other doer
            "British warplanes and warships struck more than 60 targets in Yemen on Friday."
            " Iran condemned the strikes.",
            "british-armed-forces",
            "the strikes",
        ),
    ],
)
def test_a_condemned_act_names_its_doer_as_the_target(
    full_nlp: Language, text: str, doer: str, phrase: str | None
) -> None:
    """CAMEO 111 codes the criticised party; the act's phrase stays the span (as ConfliBERT's
    coders mark it), the actor is whoever did it, here or in an earlier sentence."""
    condemnation = _one(full_nlp, text, "ACCUSE")
    assert condemnation.target.actor == doer
    assert phrase is None or _text(condemnation) == phrase


@pytest.mark.parametrize(
    "text",
    [
        # an act of another type is not the one condemned
        "Israeli officials met the envoy on Monday. The ministry condemned the attack.",
        # an indefinite act is any such act, not one the article told of
        "Israeli jets struck a school on Monday. The ministry condemned attacks on schools.",
        # the act is the phrase's head, not an act conjoined inside it
        "The union condemned the detention of two students and the threats by Hamas against"
        " teachers.",
        # two parties attacked and neither with the condemned act's word: no one is named
        "Hamas fired rockets at Sderot. Israeli jets bombed Gaza. The ministry condemned the"
        " attack.",
        # a doer named but unknown is that doer, not the earlier one
        "Israeli jets struck a school. The ministry condemned the attack by unknown gunmen.",
        # the act told with the condemned word has a doer named but unknown: not the known
        # doer of another act
        "Gunmen ambushed a police patrol near the town. Israeli jets struck a depot in Gaza."
        " The mayor condemned the ambush.",
        # two doers of the type, one of them unknown: the known one is not the only one
        "Gunmen killed ten villagers in the north. Israeli jets struck a depot in Gaza."
        " The mayor condemned the attacks.",
    ],
)
def test_a_condemnation_takes_no_doer_the_article_does_not_tie_to_its_act(
    full_nlp: Language, text: str
) -> None:
    assert _one(full_nlp, text, "ACCUSE").target.actor is None


def test_the_earlier_act_told_with_the_condemned_word_is_the_one_condemned(
    full_nlp: Language,
) -> None:
    """ "the strikes" after "warplanes struck" and "the Houthis attacked": the strikes."""
    text = (
        "US warplanes struck targets in Yemen on Friday. The Houthis attacked two ships in the"
        " Red Sea. Iran condemned the strikes."
    )
    assert _one(full_nlp, text, "ACCUSE").target.actor == "united-states"


def test_a_denial_answers_the_accuser_named_earlier(full_nlp: Language) -> None:
    """ "Kinshasa accused Rwanda of ... Kigali denied ...": the denial is Rwanda's response to
    the DRC (CAMEO 016), the accuser's phrase its span."""
    text = (
        "Kinshasa accused Rwanda of sending troops across the border. "
        "Kigali denied sending soldiers."
    )
    denial = _one(full_nlp, text, "REJECT")
    assert denial.source.actor == "rwanda"
    assert denial.target.actor == "dr-congo" and _text(denial) == "Kinshasa"


def test_a_denial_answering_an_inferred_accuser_keeps_the_mark(full_nlp: Language) -> None:
    """The accuser's span and actor are the denial's target, and so is ``actor_inferred``
    (docs/contract.md): the state is the context's, not the span's."""
    text = (
        "Soldiers in Kampala accused Rwanda of sending spies across the border. "
        "Kigali denied sending spies."
    )
    denial = _one(full_nlp, text, "REJECT")
    assert denial.target.actor == "uganda" and _text(denial) == "Soldiers in Kampala"
    assert denial.target.inferred is True


@pytest.mark.parametrize(
    "text",
    [
        # nobody accused the denier
        "Kinshasa accused Uganda of sending troops. Kigali denied sending soldiers.",
        # the accusation comes after the denial
        "Kigali denied sending soldiers. Kinshasa later accused Rwanda of sending troops.",
        # a refusal answers no accuser
        "Kinshasa accused Rwanda of sending troops. Kigali refused to withdraw its soldiers.",
    ],
)
def test_a_denial_answers_no_one_who_did_not_accuse_the_denier_before(
    full_nlp: Language, text: str
) -> None:
    denial = next(e for e in full_nlp(text)._.ng_events if e.type == "REJECT")
    assert denial.target.actor is None


@pytest.mark.parametrize(
    ("text", "accuser", "phrase"),
    [
        (
            "The Ukrainian army said Russian troops shelled the village of Stepne overnight. "
            "Moscow denied targeting civilians.",
            "armed-forces-of-ukraine",
            "The Ukrainian army",
        ),
        (
            "The Indian Army said Pakistani troops fired on a border post on Sunday. "
            "Islamabad denied starting the clash.",
            "indian-army",
            "The Indian Army",
        ),
    ],
)
def test_a_denial_answers_the_report_that_put_the_act_on_the_denier(
    full_nlp: Language, text: str, accuser: str, phrase: str
) -> None:
    """No accusation record, but an earlier report ("X said Y's troops shelled ...") puts the
    act on the denier's side: the denial answers that report's speaker (CAMEO 016)."""
    denial = _one(full_nlp, text, "REJECT")
    assert denial.target.actor == accuser and _text(denial) == phrase


def test_an_accusation_record_comes_before_a_later_report(full_nlp: Language) -> None:
    """Session 14's rule stands: the accuser, where an accusation names the denier."""
    text = (
        "Kyiv accused Russia of attacking a power plant. The United Nations said Russian troops "
        "shelled a hospital in Kherson. Moscow denied targeting civilians."
    )
    assert _one(full_nlp, text, "REJECT").target.actor == "ukraine"


@pytest.mark.parametrize(
    "text",
    [
        # the denier's own side told of its act: nothing to deny
        "Russia's defence ministry said Russian forces struck an arms depot near Kharkiv. "
        "Moscow denied hitting civilians.",
        # the speaker names no actor
        "Residents said Russian troops shelled the village of Stepne overnight. "
        "Moscow denied targeting civilians.",
        # the reported act is another side's
        "The Ukrainian army said its forces shelled Russian positions near Stepne. "
        "Moscow denied targeting civilians.",
        # the reported act is a plan, not an act done
        "The Ukrainian army said Russian troops planned to shell the village of Stepne. "
        "Moscow denied targeting civilians.",
        # the report comes after the denial
        "Moscow denied targeting civilians. The Ukrainian army later said Russian troops "
        "shelled the village of Stepne.",
    ],
)
def test_a_denial_answers_no_report_that_does_not_put_the_act_on_the_denier(
    full_nlp: Language, text: str
) -> None:
    denial = next(e for e in full_nlp(text)._.ng_events if e.type == "REJECT")
    assert denial.target.actor is None


@pytest.mark.parametrize(
    "text",
    [
        # the report's speaker is a person the knowledge base does not know
        "The army's spokesman, Colonel Tarek Hamdan, said Rwandan troops shelled the camp. "
        "Kigali denied attacking the camp.",
        # the disputed claim's speaker is one
        "Colonel Tarek Hamdan said that Kigali had sent troops across the border. "
        "Kigali rejected the claim.",
    ],
)
def test_a_denial_is_aimed_at_no_unknown_person_whose_title_names_no_side(
    full_nlp: Language, text: str
) -> None:
    """An unresolved person is no party a denial is coded against (CAMEO 016 codes sides): the
    denial keeps no actor rather than an unresolved "He" (probe K: three such records)."""
    denial = next(e for e in full_nlp(text)._.ng_events if e.type == "REJECT")
    assert denial.target.actor is None


def test_a_denial_answers_the_side_an_unknown_speakers_title_names(full_nlp: Language) -> None:
    """ "RSF spokesman Tarek Hamdan said ...": the speaker stands for the RSF (``titles.py``),
    and the denial answers the RSF."""
    text = (
        "RSF spokesman Tarek Hamdan said the Sudanese army bombed markets in Nyala. "
        "Khartoum denied bombing the markets."
    )
    denial = _one(full_nlp, text, "REJECT")
    assert denial.target.actor == "rapid-support-forces"


def test_a_threat_is_not_aimed_at_the_threateners_own_side(full_nlp: Language) -> None:
    """ "warned that Israel would strike back": Israel is who would act, Katz's own state."""
    threat = _one(full_nlp, "Defense Minister Israel Katz warned that Israel would strike back.",
                  "THREATEN")  # fmt: skip
    assert threat.source.actor == "israel-katz"
    assert threat.target.span is None and threat.target.actor is None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Defense Minister Israel Katz warned that Hezbollah would pay a heavy price.",
            "hezbollah",
        ),
        ("Hezbollah warned that Israel would pay a heavy price.", "israel"),
        # a rival of the same country is not the threatener's own side
        ("Joe Biden warned that Donald Trump would wreck the economy.", "donald-trump"),
    ],
)
def test_a_threat_keeps_a_threatened_party_of_another_side(
    full_nlp: Language, text: str, target: str
) -> None:
    assert _one(full_nlp, text, "THREATEN").target.actor == target


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an organ of the threatener's state (probe H: "Salam said the army would ...")
        (
            "Prime Minister Nawaf Salam warned that the Lebanese army would respond to any attack.",
            "THREATEN",
        ),
        # a denial of the speaker's own act: its own troops are not whom it answers (probe H:
        # "It said the Azerbaijan Army does not target civilian objects")
        ("Baku said the Azerbaijani army does not target civilian objects.", "REJECT"),
        ("Russia's Defence Ministry said Russian forces did not strike the market.", "REJECT"),
    ],
)
def test_a_threat_or_denial_is_not_aimed_at_an_organ_of_the_speakers_own_state(
    full_nlp: Language, text: str, kind: str
) -> None:
    event = _one(full_nlp, text, kind)
    assert event.source.actor is not None
    assert event.target.actor is None


def test_a_threat_keeps_another_bodys_forces_of_the_same_country(full_nlp: Language) -> None:
    """Hezbollah is Lebanese but does not serve the Lebanese state: the army stays its target."""
    text = "Hezbollah warned that the Lebanese army would pay a price."
    assert _one(full_nlp, text, "THREATEN").target.actor == "lebanese-army"


def test_an_emergency_service_of_the_speakers_state_is_its_own_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The organ types are one list for events and links (actors/data/en/state_organs.yaml):
    a state's emergency service, where the user's knowledge base hangs one under a state,
    stands for it as its army does ("Katz said the fire service would ...")."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- {id: test-fire-service, name: Test Fire Service, type: emergency service,"
        " affiliation: israel}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(path))
    extensions.register_extensions()
    doc = spacy.blank("en")("Katz said the fire service would act.")
    doc._.ng_actors = [
        Actor("israel-katz", "Israel Katz", "person", "IL", "israel"),
        Actor("test-fire-service", "Test Fire Service", "emergency service", "IL", "israel"),
    ]
    assert responses._same_side(doc, "israel-katz", "test-fire-service")


def test_a_spokesman_is_the_side_of_the_body_he_is_affiliated_with() -> None:
    """A person the knowledge base affiliates with a body that is no state speaks for it: the
    Taliban's report of Afghan forces' act is the denier's own side's (probe K: "The Taliban
    government's spokesman, Zabihullah Mujahid, said ... Afghan forces had retaliated. He denied
    ..." had aimed his denial at the Taliban)."""
    extensions.register_extensions()
    doc = spacy.blank("en")("Mujahid said the Taliban would act.")
    doc._.ng_actors = [
        Actor("zabihullah-mujahid", "Zabihullah Mujahid", "person", "AF", "taliban"),
        Actor("taliban", "Taliban", "armed group", "AF", None),
    ]
    assert responses._same_side(doc, "zabihullah-mujahid", "taliban")
    # a rival body of the same country is no side of his
    doc._.ng_actors.append(Actor("test-rival-front", "Test Rival Front", "armed group", "AF"))
    assert not responses._same_side(doc, "zabihullah-mujahid", "test-rival-front")
