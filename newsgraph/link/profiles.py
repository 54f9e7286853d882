"""Per-outlet framing profiles: how much loaded language each outlet uses, by category, in its
own voice and in the voices it quotes.

A flagged term says only that the wording carries a side's framing (see
framing's ``loaded_terms.yaml``); a profile counts such terms so that outlets can be
compared, per article, without judging any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

PROFILE_COLUMNS = [
    "outlet", "category", "speaker_type", "terms", "articles", "terms_per_article", "top_terms",
]  # fmt: skip
UNKNOWN_OUTLET = "(unknown)"
TOP_TERMS = 5


def speaker_type(speaker: str | None) -> str:
    """``outlet`` for the outlet's own voice, ``quoted`` for a quoted speaker."""
    return "outlet" if not speaker or speaker == "outlet" else "quoted"


def framing_profiles(framing: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per (outlet, category, speaker type) from the store's ``framing`` and
    ``articles`` tables (columns ``article_id, term, category, speaker`` and ``id, outlet``).

    ``articles`` counts every article of the outlet, also those without loaded terms, so
    ``terms_per_article`` compares outlets fairly.
    """
    outlets = articles[["id", "outlet"]].rename(columns={"id": "article_id"})
    outlets["outlet"] = outlets["outlet"].fillna(UNKNOWN_OUTLET)
    per_outlet = outlets.groupby("outlet")["article_id"].nunique()
    if framing.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    rows = framing[["article_id", "term", "category", "speaker"]].merge(outlets, on="article_id")
    rows["speaker_type"] = rows["speaker"].map(speaker_type)
    rows["category"] = rows["category"].fillna("(none)")
    keys = ["outlet", "category", "speaker_type"]
    grouped = rows.groupby(keys, sort=True)
    profile = grouped.size().rename("terms").reset_index()
    profile["articles"] = profile["outlet"].map(per_outlet).astype("int64")
    profile["terms_per_article"] = (profile["terms"] / profile["articles"]).round(3)
    top = grouped["term"].agg(_top_terms).rename("top_terms").reset_index()
    profile = profile.merge(top, on=keys)
    return profile[PROFILE_COLUMNS].reset_index(drop=True)


def _top_terms(terms: pd.Series) -> str:
    counts = terms.value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    return ", ".join(f"{term} ({n})" for term, n in ranked)


def framing_profiles_from_records(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """``framing_profiles`` over contract records (no store needed)."""
    framing_rows, article_rows = [], []
    for record in records:
        article = record.get("article") or {}
        article_rows.append({"id": article.get("id"), "outlet": article.get("outlet")})
        for item in record.get("framing") or []:
            framing_rows.append(
                {
                    "article_id": article.get("id"),
                    "term": item.get("term"),
                    "category": item.get("category"),
                    "speaker": item.get("speaker"),
                }
            )
    framing = pd.DataFrame(framing_rows, columns=["article_id", "term", "category", "speaker"])
    return framing_profiles(framing, pd.DataFrame(article_rows, columns=["id", "outlet"]))


def store_framing_profiles(store: Any) -> pd.DataFrame:
    """``framing_profiles`` of everything in a ``Store``."""
    return framing_profiles(
        store.table("framing", ["article_id", "term", "category", "speaker"]),
        store.table("articles", ["id", "outlet"]),
    )
