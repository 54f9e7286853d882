"""A state's or an outlet's name inside a body's own name names that body (session 25,
partyO: ``named_bodies.py``). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.nlp import get_pipeline


@pytest.fixture(scope="module")
def nlp():
    """The full newsgraph pipeline."""
    return get_pipeline()


def _actors(nlp, text: str) -> set[str]:
    return {m.actor_id for m in nlp(text)._.ng_actor_mentions}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("The Somali Journalists Syndicate condemned the arrest of two reporters.", "somalia"),
        (
            "The Ethiopian Human Rights Commission urged both sides to protect civilians.",
            "ethiopia",
        ),
        ("The Libyan Red Crescent evacuated thirty families on Sunday.", "libya"),
        (
            "The Cattle Breeders Association of Nigeria denied that its members took part.",
            "nigeria",
        ),
        ("The National Commission on Human Rights urged both sides to stop.", "the-national"),
    ],
)
def test_a_name_inside_a_bodys_own_name_is_not_that_actor(nlp, text, wrong):
    found = _actors(nlp, text)
    assert wrong not in found
    assert any(a.startswith("unresolved:") for a in found)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # the controls: the state's own organs, a known body, a bare demonym, the outlet itself
        ("The Ethiopian Federal Police said two officers were wounded.", "ethiopia"),
        ("The Nigerian Army said its troops killed two bandits.", "nigerian-army"),
        ("Ethiopian officials said the talks would resume.", "ethiopia"),
        ("Reuters and The National reported the attack.", "the-national"),
    ],
)
def test_a_states_organ_or_a_bare_name_keeps_its_actor(nlp, text, actor):
    assert actor in _actors(nlp, text)
