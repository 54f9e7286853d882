"""A killing told in a participle after a comma, with its own count of dead ("stormed a police
post, killing four officers"), is a record of its own beside the attack's (fold25; WikiEvents
fit: 6 such participles, both triggers gold in 4). A conjunct ("shot and killed") and a
participle with no count ("killing him") stay one record."""

from __future__ import annotations

from newsgraph.pipeline import annotate_text


def _events(text: str) -> list[dict]:
    return annotate_text(text, published="2025-08-13", outlet="Wire", title="Wire")["events"]


def _words(event: dict) -> list[str]:
    return [e["text"] for e in event["evidence"]]


def test_a_participle_killing_with_its_count_is_its_own_record() -> None:
    events = _events(
        "Militants stormed a police post in the north on Monday, killing four officers."
    )
    stormed, killing = events
    assert _words(stormed) == ["stormed"] and stormed["target"]["span"]["text"] == "a police post"
    assert stormed["magnitude"]["killed"]["min"] == 4  # the toll it had as one record
    assert _words(killing) == ["killing"] and killing["magnitude"]["killed"]["min"] == 4
    assert killing["source"]["span"]["text"] == "Militants"
    assert killing["target"]["span"]["text"] == "four officers"


def test_a_participle_with_persons_counted_is_its_own_record() -> None:
    events = _events("Gunmen attacked the village of Kora, killing three farmers and a teacher.")
    assert [_words(e) for e in events] == [["attacked"], ["killing"]]
    assert events[1]["magnitude"]["killed"]["min"] == 4


def test_a_conjunct_and_an_uncounted_participle_stay_one_record() -> None:
    (shot,) = _events("A man was shot and killed by police in Dallas on Sunday.")
    assert _words(shot) == ["shot", "killed"]
    (attacked,) = _events("Soldiers attacked the camp, killing him.")
    assert _words(attacked) == ["attacked", "killing"]
