"""An article is one report of its incident: its anchored events of one type that nothing sets
apart (the place in one sentence, the attacker in another) form its incident profile, and a
report that meets one of them across articles finds the others through it
(``incident_profiles.py``); two incidents an article tells apart (another town,
another toll, a second place) stay two profiles."""

from __future__ import annotations

from typing import Any

from test_link import JENIN, RAFAH, TAL_AS_SULTAN, event, record, ref, time
from test_link_incremental import full_and_incremental

from newsgraph.link import LinkOptions, link_records
from newsgraph.link.event_items import event_items
from newsgraph.link.incident_profiles import linked_items

DAY = "2024-08-05"


def toll(killed: int) -> dict[str, Any]:
    return {"killed": {"text": str(killed), "min": killed, "max": None}}


def article(aid: str, text: str, events: list[dict], places: list[dict]) -> dict[str, Any]:
    return record(aid, f"Outlet {aid}", DAY, text, events=events,
                  times=[time(text, "t1", "Monday", DAY)], places=places)  # fmt: skip


# the place in one sentence, the attacker in the other
PLACE_AND_ATTACKER = ("A strike hit a hospital in Rafah on Monday. "
                      "Officials said Israel carried out the attack.")  # fmt: skip
PLACE_ONLY = "An attack on a hospital in Rafah on Monday wounded doctors."
ATTACKER_ONLY = "Israel carried out a strike on a hospital on Monday, a spokesman said."


def hospital_story() -> list[dict[str, Any]]:
    text, place, attacker = PLACE_AND_ATTACKER, PLACE_ONLY, ATTACKER_ONLY
    return [
        article("a", text, [event(text, "e1", "strike", time="t1", place=RAFAH["id"]),
                            event(text, "e2", "attack", source=ref(text, "israel", "Israel"))],
                [RAFAH]),
        article("b", place, [event(place, "e1", "attack", time="t1", place=RAFAH["id"])],
                [RAFAH]),
        article("c", attacker, [event(attacker, "e1", "strike", time="t1",
                                      source=ref(attacker, "israel", "Israel"))], []),
    ]  # fmt: skip


def clusters(records: list[dict[str, Any]], **options: Any) -> list[list[str]]:
    result = link_records(records, options=LinkOptions(**options))
    return sorted(sorted(f"{m.article_id}{m.event_id}" for m in c.members) for c in result.clusters)


def test_the_place_of_one_sentence_and_the_attacker_of_another_are_one_profile() -> None:
    items = {i.event_id: i for i in linked_items(hospital_story()[0])}
    assert items["e1"].profile == items["e2"].profile == "e1"
    assert items["e1"].report_key == items["e2"].report_key
    assert {i.profile for i in event_items(hospital_story()[0], retell=True)} == {None}
    off = linked_items(hospital_story()[0], LinkOptions(profiles=False))
    assert {i.profile for i in off} == {None}


def test_reports_naming_only_the_place_or_only_the_attacker_meet_through_the_profile() -> None:
    assert clusters(hospital_story()) == [["ae1", "ae2", "be1", "ce1"]]
    assert clusters(hospital_story(), profiles=False) == [["ae1", "be1"], ["ae2", "ce1"]]


def test_two_places_or_two_tolls_in_one_article_are_two_profiles() -> None:
    text = ("A strike in Rafah killed 13 people on Monday. In a separate attack, a strike in "
            "Tal as-Sultan killed 3. Israel said it struck Jenin, killing 12.")  # fmt: skip
    events = [
        event(text, "e1", "strike", time="t1", place=RAFAH["id"], magnitude=toll(13)),
        event(text, "e2", "attack", time="t1", place=TAL_AS_SULTAN["id"]),
        event(text, "e3", "killed 3", time="t1", magnitude=toll(3)),
        event(text, "e4", "struck", time="t1", place=JENIN["id"],
              source=ref(text, "israel", "Israel")),
    ]  # fmt: skip
    items = linked_items(article("d", text, events, [RAFAH, TAL_AS_SULTAN, JENIN]))
    # a second place (even in the same town) and another toll start profiles of their own
    assert [i.profile for i in items] == ["e1", "e2", "e2", "e4"]


def test_an_actor_on_another_branch_or_another_type_is_another_profile() -> None:
    text = "Hezbollah fired rockets at Rafah on Monday. Israel struck back. Leaders met."
    events = [
        event(text, "e1", "fired", time="t1", place=RAFAH["id"],
              source=ref(text, "hezbollah", "Hezbollah")),
        event(text, "e2", "struck", time="t1", source=ref(text, "israel", "Israel")),
        event(text, "e3", "met", type_="CONSULT", time="t1", source=ref(text, "israel", "Israel")),
    ]  # fmt: skip
    items = linked_items(article("e", text, events, [RAFAH]))
    assert [i.profile for i in items] == ["e1", "e2", "e3"]


def test_an_undated_article_has_no_profiles() -> None:
    dated = hospital_story()[0]
    undated = {**dated, "article": {**dated["article"], "published": None}}
    assert {i.profile for i in linked_items(undated)} == {None}


def test_an_incremental_run_reads_profiles_as_a_full_run_does(tmp_path) -> None:
    expected, got = full_and_incremental(tmp_path, hospital_story()[:1], hospital_story()[1:])
    assert got == expected
    assert len({cluster_id for cluster_id, *_ in got["members"]}) == 1


def test_the_link_command_switches_retelling_and_profiles(tmp_path, monkeypatch) -> None:
    """On by default; ``--no-retell`` and ``--no-profiles`` reach the run's options."""
    from types import SimpleNamespace

    from typer.testing import CliRunner

    import newsgraph.link
    from newsgraph.cli import app
    from newsgraph.store import open_store

    db = tmp_path / "cli.duckdb"
    with open_store(db):
        pass
    used: list[LinkOptions] = []

    def spy(store: Any, full: bool = False, *, options: LinkOptions) -> Any:
        used.append(options)
        return SimpleNamespace(lines=lambda: [])

    monkeypatch.setattr(newsgraph.link, "link_store", spy)
    for extra in ([], ["--no-retell", "--no-profiles"]):
        result = CliRunner().invoke(app, ["link", "--db", str(db), *extra])
        assert result.exit_code == 0, result.output
    assert [(o.retell, o.profiles) for o in used] == [(True, True), (False, False)]
