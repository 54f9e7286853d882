"""A denial that names the act it denies answers a plain claim or an unresolved official's
strike report in another article only where that statement tells the act in its words
(session 24, dispute24, docs/link.md): "denied targeting civilians" answers neither "Russian
occupiers shelled Nikopol" nor "the air force shot down drones launched by Russia"."""

from __future__ import annotations

from functools import cache

from helpers import dispute_texts, story_records

STORIES = {
    "another attack by an unresolved official": [
        ("acc", "Outlet A", "2025-03-14",
         "Ukraine's Foreign Minister Andrii Sybiha accused Russia of deliberately targeting "
         "civilians in Zaporizhzhia.\n"),
        ("other", "Outlet C", "2025-03-15",
         "Russian occupiers shelled Nikopol with heavy artillery on Saturday, wounding two "
         "men, regional governor Serhii Lysak said.\n"),
        ("den", "Outlet B", "2025-03-15",
         "Russia's Defence Ministry denied targeting civilians in Zaporizhzhia.\n"),
    ],
    "the same act by an unresolved official": [
        ("acc", "Outlet A", "2025-06-09",
         "Regional governor Serhii Lysak said Russian troops had deliberately targeted "
         "civilians in Nikopol, killing two men.\n"),
        ("den", "Outlet B", "2025-06-10",
         "Russia's Defence Ministry denied targeting civilians in Nikopol.\n"),
    ],
    "another attack told after the denial": [
        ("den", "Outlet B", "2025-04-13",
         "Kremlin spokesman Dmitry Peskov denied that Russia targets civilians. In a separate "
         "attack, Russian drones hit an energy facility in the Kharkiv region overnight, "
         "cutting power to 20,000 households, Governor Oleh Syniehubov said.\n"),
    ],
    "a denial that names no act": [
        ("acc", "Outlet A", "2025-06-09",
         "Hospital director Ibrahim Khater said the Rapid Support Forces shelled the Al-Salam "
         "hospital in El Fasher on Sunday, killing nine patients.\n"),
        ("den", "Outlet B", "2025-06-10",
         "The Rapid Support Forces denied any responsibility.\n"),
    ],
}  # fmt: skip


@cache
def _disputes(name: str) -> list[tuple[str, str]]:
    records = story_records(STORIES[name])[1]
    return dispute_texts(records)


def test_a_denial_of_one_act_does_not_answer_another_attack() -> None:
    disputed = [
        accusation for _, accusation in _disputes("another attack by an unresolved official")
    ]
    assert not any("Nikopol" in a for a in disputed)
    assert any("deliberately targeting civilians" in a for a in disputed)


def test_a_denial_answers_an_unresolved_officials_report_of_its_act() -> None:
    disputed = [accusation for _, accusation in _disputes("the same act by an unresolved official")]
    assert any("targeted civilians in Nikopol" in a for a in disputed)


def test_a_denial_naming_no_act_answers_the_strike_report() -> None:
    disputed = [accusation for _, accusation in _disputes("a denial that names no act")]
    assert any("Al-Salam" in a for a in disputed)


def test_a_denial_does_not_answer_another_attack_told_after_it_in_its_own_article() -> None:
    assert _disputes("another attack told after the denial") == []
