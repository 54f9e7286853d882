"""Killed and injured counts in the forms news writes them (``magnitude.yaml`` count_forms)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return get_pipeline()


def _counts(pipeline: Language, text: str) -> dict[str, tuple[int | None, int | None]]:
    """The counts of the sentence's ASSAULT events; each count goes to one event only, or to
    an act and the killing its participle tells apart (fold25: the same count on both)."""
    events = [e for e in pipeline(text)._.ng_events if e.type == "ASSAULT"]
    assert events, text
    counts = [(k, (v["min"], v["max"])) for e in events for k, v in e.magnitude.items()]
    assert len({k for k, _ in counts}) == len(set(counts)), counts
    return dict(counts)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Police shot dead 104 protesters in Lagos.", {"killed": (104, None)}),
        (
            "Troops attacked the town on Monday, and the death toll rose to 35.",
            {"killed": (35, None)},
        ),
        ("Militants attacked a market, killing at least nine people.", {"killed": (9, None)}),
        ("The bombing left 12 dead and 30 wounded.", {"killed": (12, None), "injured": (30, None)}),
        ("The attack claimed the lives of 14 soldiers.", {"killed": (14, None)}),
        (
            "Fifteen people were killed and 20 wounded in the blast.",
            {"killed": (15, None), "injured": (20, None)},
        ),
        ("Dozens were killed in the fighting.", {"killed": (24, None)}),
        (
            "Bombs exploded in the square, killing 12 people and injuring 30 others.",
            {"killed": (12, None), "injured": (30, None)},
        ),
        (
            "At least eight people were killed and 40 others were injured.",
            {"killed": (8, None), "injured": (40, None)},
        ),
        ("Rebels attacked the base, and 12 people were shot dead.", {"killed": (12, None)}),
        # whoever the count names: "two villagers", "five police officers"
        ("Two villagers were shot dead by gunmen near the well.", {"killed": (2, None)}),
        ("Five police officers were shot dead in an ambush.", {"killed": (5, None)}),
        # a year before the count is no count
        ("In 2019, 12 were shot dead at the border.", {"killed": (12, None)}),
        # one person named with "a"/"an" is a count of one (magnitude.yaml one_person)
        ("A shepherd was killed by gunmen near the well.", {"killed": (1, None)}),
        ("Soldiers shot and killed a 19-year-old student at the gate.", {"killed": (1, None)}),
        ("Militants attacked a checkpoint, wounding a soldier.", {"injured": (1, None)}),
        # one side's word for a killing counts as "killed" does (framing's loaded term `martyr`)
        ("Four civilians were martyred when a drone struck a house.", {"killed": (4, None)}),
        ("Four civilians were killed when a drone struck a house.", {"killed": (4, None)}),
        # a group states no count
        ("A family was killed in the airstrike on the farm.", {}),
        # a list of victims each with its count is their sum; a vague one is no exact sum
        ("Gunmen attacked the farm, killing a woman and her three sons.", {"killed": (4, None)}),
        ("Rebels shelled it, killing two soldiers and many civilians.", {"killed": (2, None)}),
        # one person named with a possessive pronoun is one as well, alone or in a list
        ("Raiders burned the hut, killing a farmer and his daughter.", {"killed": (2, None)}),
        ("Gunmen shot and killed his wife outside the market.", {"killed": (1, None)}),
        # a noun's possessor is no count of the noun: "the chief's bodyguard" states none
        ("Gunmen shot and killed the chief's bodyguard at the gate.", {}),
        ("Rebels killed his family in the raid on the farm.", {}),
        # an attack with a fatal result is a killing: its patient is counted killed
        ("Two guards were shot to death by the raiders.", {"killed": (2, None)}),
        ("Bandits stabbed to death three herders near the well.", {"killed": (3, None)}),
        ("Rioters beat a farmer to death in the square.", {"killed": (1, None)}),
        ("A trader was stabbed in the market.", {}),
        # a result word as well: "shot dead" with one person, before or after the object
        ("A guard was shot dead at the gate.", {"killed": (1, None)}),
        ("Raiders shot a farmer dead near the well.", {"killed": (1, None)}),
        # the result word the tagger hangs on the object ("two guards dead")
        ("Police shot two guards dead at the gate.", {"killed": (2, None)}),
        # kin and police words are one person each (WordNet person senses; magnitude.yaml)
        ("A constable was killed when gunmen fired on the post.", {"killed": (1, None)}),
        ("A patrolman was shot dead near the bridge.", {"killed": (1, None)}),
        ("Gunmen shot and killed her nephew outside the shop.", {"killed": (1, None)}),
        ("The raiders killed his uncle and his two cousins.", {"killed": (3, None)}),
    ],
)
def test_casualty_forms(full_nlp: Language, text: str, counts: dict) -> None:
    assert _counts(full_nlp, text) == counts


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Two soldiers and a civilian were killed in the ambush.", 3),
        # a breakdown of the count is no list to add
        ("Gunmen killed 12 people, seven women and five men, in the raid.", 12),
    ],
)
def test_each_record_of_a_list_of_victims_carries_their_sum(
    full_nlp: Language, text: str, killed: int
) -> None:
    """One record per victim named, each with the event's toll (not its own victim's)."""
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    assert len(events) > 1
    assert {e.magnitude["killed"]["min"] for e in events} == {killed}


def test_a_death_sentence_is_no_killing(full_nlp: Language) -> None:
    """ "Sentenced to death" has the fatal phrase but no attack: nothing is counted killed."""
    doc = full_nlp("The court sentenced four rebels to death for the ambush on the convoy.")
    assert not any("killed" in e.magnitude for e in doc._.ng_events)


def test_a_count_after_a_paragraph_break_starts_on_its_word(full_nlp: Language) -> None:
    """A body that opens with a blank line: spaCy hangs the break on the first word, the number;
    a count's text (the evidence a reader sees) starts on the number, not on the break."""
    doc = full_nlp("\n14 people were killed in a strike on a school, medics said.")
    counts = [e.magnitude["killed"] for e in doc._.ng_events if "killed" in e.magnitude]
    assert [c["text"] for c in counts] == ["14"]


@pytest.mark.parametrize(
    ("text", "doer", "killed"),
    [
        # an "after" clause with its own subject tells an earlier act: its dead are its own
        ("The rebels shelled a port, hours after navy drones killed 14 sailors.", "navy", 14),
        ("Police detained a man after gunmen killed six people at a bar.", "gunmen", 6),
        ("The army closed the road before the militants killed two guards.", "militants", 2),
    ],
)
def test_the_dead_of_an_earlier_or_later_act_are_its_own(
    full_nlp: Language, text: str, doer: str, killed: int
) -> None:
    events = full_nlp(text)._.ng_events
    counted = [e for e in events if "killed" in e.magnitude]
    assert [e.magnitude["killed"]["min"] for e in counted] == [killed]
    assert doer in (counted[0].source.span.text if counted[0].source else "")


@pytest.mark.parametrize(
    "text",
    [
        # a participle with no subject: the act's doer's, its count on the act too
        "Militants attacked the post after midnight, killing three soldiers.",
    ],
)
def test_a_same_moment_clause_still_counts_into_its_act(full_nlp: Language, text: str) -> None:
    # fold25: the participle's killing is a record of its own; the act keeps the count
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    assert len(events) == 2
    assert all(e.magnitude["killed"]["min"] == 3 for e in events)
    assert all("militants" in e.source.span.text.lower() for e in events)


def test_a_when_clause_after_passive_casualties_is_its_own_record(full_nlp: Language) -> None:
    # session 24 (events24): the killing, with the clause's doer and the count, and the attack
    text = "Three soldiers were killed when militants attacked the post."
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    assert [e.magnitude.get("killed", {}).get("min") for e in events] == [3, None]
    assert all("militants" in e.source.span.text.lower() for e in events)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a running toll in the next sentence is the toll of the attack told before it
        ("Gunmen attacked a village near the river. The death toll rose to 12 on Tuesday.", 12),
        ("Rebels attacked an army base in the north. The death toll has jumped to 40.", 40),
        # "toll" alone with "from"/"of", and the number of the dead
        ("A drone struck a market in the town. The toll from the strike rose to three.", 3),
        ("A car bomb exploded near the port. The number of dead climbed to 23.", 23),
        # the later figure replaces the first
        ("Gunmen killed five people at a bus stop. The death toll later rose to nine.", 9),
        # the words between "toll" and the number may hold an apostrophe
        ("The death toll from Monday's bombing in the capital has risen to 35.", 35),
        # the toll's own noun phrase names the attack's day, target and place (61-100 chars)
        (
            "The death toll from Sunday's drone attack on a wedding party in Bani Walid, in "
            "the west of the country, has risen to 14, a local council said.",
            14,
        ),
    ],
)
def test_running_toll(full_nlp: Language, text: str, killed: int) -> None:
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    assert [e.magnitude.get("killed", {}).get("min") for e in events] == [killed], text


def test_running_toll_reaches_two_sentences_only(full_nlp: Language) -> None:
    text = (
        "Gunmen attacked a village near the river. Residents fled. The army arrived. "
        "Schools stayed shut. The death toll rose to 12."
    )
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    # the attack keeps no count; the toll, with no event in reach to update, rises as a
    # killing of its own (session 26, killedP: sentence_tolls.rising_toll)
    assert [e.magnitude.get("killed", {}).get("min") for e in events] == [None, 12]


def test_number_of_killed_forms() -> None:
    import spacy

    from newsgraph.components.events.lexicon import load_lexicon
    from newsgraph.components.events.magnitude import sentence_counts

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    table = load_lexicon().magnitude
    for text, value in [
        ("The number of guerrillas killed by the troops has risen to 26.", 26),
        ("This brings to 21 the number of rebels killed in the area.", 21),
        (
            "The number of people killed when a rocket hit a bus station in the north of "
            "the province on Friday has risen to 12.",
            12,
        ),
        ("The total death toll is believed to be 19, officials said.", 19),
    ]:
        sentence = next(iter(nlp(text).sents))
        assert sentence_counts(sentence, table, running_only=True)["killed"][0]["min"] == value


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a running toll whose words between "toll" and the number run past 60 characters
        (
            "Rebels shelled a village on the hills above the river. The toll from the shells "
            "that fell on the market square of the village on Tuesday morning rose to four.",
            4,
        ),
        (
            "The death toll from Sunday's rocket attack on a grain depot near the border town "
            "in the eastern province has risen to 11, the governor said.",
            11,
        ),
        (
            "The number of people killed in a drone attack on a bus station in the northern "
            "provincial capital of the region has risen to eight, officials said.",
            8,
        ),
    ],
)
def test_running_toll_with_a_long_phrase_between(
    full_nlp: Language, text: str, killed: int
) -> None:
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    assert [e.magnitude.get("killed", {}).get("min") for e in events] == [killed], text


def test_running_toll_reach_stops_at_100_characters() -> None:
    import spacy

    from newsgraph.components.events.lexicon import load_lexicon
    from newsgraph.components.events.magnitude import sentence_counts

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    table = load_lexicon().magnitude
    between = "from the attack on the school in the old quarter of the city"  # 60 characters
    near = f"The death toll {between} on Friday evening has risen to 7."  # 82 between
    far = (
        f"The death toll {between} on Friday evening, the worst of a long week of raids, rose to 7."
    )
    assert (
        sentence_counts(next(iter(nlp(near).sents)), table, running_only=True)["killed"][0]["min"]
        == 7
    )
    assert "killed" not in sentence_counts(next(iter(nlp(far).sents)), table, running_only=True)


def test_a_count_added_to_the_toll_leaves_the_running_toll_to_the_attack(
    full_nlp: Language,
) -> None:
    """ "after two of the injured died" adds to the toll (``added``); the running toll of the
    same sentence is the toll of the attack, not lost to that added count."""
    text = (
        "The death toll from Monday's air strike on a fuel market in the northern town has "
        "risen to 14, after two of the injured died in hospital, medics said."
    )
    events = [e for e in full_nlp(text)._.ng_events if e.type == "ASSAULT"]
    counts = sorted(
        (e.magnitude["killed"]["min"], bool(e.magnitude["killed"].get("added")))
        for e in events
        if "killed" in e.magnitude
    )
    assert (14, False) in counts, counts
    assert all(value == 2 for value, added in counts if added), counts


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Nine villagers lost their lives when a bomb exploded at the bus station.", 9),
        ("Rebels attacked the convoy, and four drivers lost their lives in the ambush.", 4),
        ("A policeman lost his life when gunmen fired on the checkpoint.", 1),
    ],
)
def test_losing_ones_life_counts_the_subject(full_nlp: Language, text: str, killed: int) -> None:
    """ "lost their lives" is "died": the subject holds the dead, counted into the attack the
    clause tells (``lose`` + ``life``, count_from: subject)."""
    assert _counts(full_nlp, text).get("killed") == (killed, None), text


def test_losing_something_else_counts_nobody(full_nlp: Language) -> None:
    """Only "life" makes "lose" a death: "lost their homes" counts no one killed."""
    text = "Gunmen attacked the village, and 40 families lost their homes."
    assert "killed" not in _counts(full_nlp, text)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Soldiers gunned down six suspected rebels near the river.", 6),
        ("A police officer was gunned down outside the station on Friday.", 1),
    ],
)
def test_gunning_down_counts_the_killed(full_nlp: Language, text: str, killed: int) -> None:
    """ "gunned down" is shooting dead: its patient counts as killed (``gun down``)."""
    assert _counts(full_nlp, text).get("killed") == (killed, None), text


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("A teacher was fatally shot outside the school on Friday.", {"killed": (1, None)}),
        ("Gunmen fatally shot three guards at the gate.", {"killed": (3, None)}),
        # "wound" counts the injured; "fatally" does not make it a killing
        ("A soldier was fatally wounded in the ambush.", {"injured": (1, None)}),
    ],
)
def test_fatally_on_an_attack_verb_counts_the_killed(
    full_nlp: Language, text: str, counts: dict[str, tuple[int | None, int | None]]
) -> None:
    """ "fatally shot" is "shot dead" (``fatal_states``): the patient counts as killed."""
    assert _counts(full_nlp, text) == counts, text
