"""``newsgraph eval geo --set gwn|lgl``: toponym recognition and resolution against gold.

Gold: GeoWebNews (``GWN.xml``) and LGL (``lgl.xml``) as described in
``../shared/eval/geo/README.md`` (code-point offsets into the parsed ``<text>``).

Measures (as in Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation", and the CamCoder
code):

- **recognition**: precision, recall, F1 of exact ``(start, end)`` span matches. GWN targets are
  all annotations except Literal_Expression, Non_Lit_Expression and Non_Toponym (2,720 in the
  text; metonyms, modifiers such as "Russian" and places embedded in names count); LGL targets are
  all 5,088 toponyms. System toponyms include metonyms and demonym modifiers here (GWN counts
  them), though ``newsgraph_places`` leaves both out of the places of events.
- **resolution**: on gold toponyms with a location (GWN: the 2,399 in-text ones with a GeoNames
  id; LGL: the 4,462 with a gaztag): error = great-circle km between predicted and gold points.
  ``acc@161`` = share with error < 161 km; ``auc`` = trapz(ln(1 + sorted errors)) /
  (ln(20039) * (N - 1)) (lower is better); mean and median km; ``exact id`` (gold spans) =
  share whose predicted GeoNames id equals the gold id.
  *gold-spans*: every gold toponym is resolved (the published protocol: the resolver sees the
  article text and all gold spans). *end-to-end*: the pipeline's own toponyms; a gold toponym
  that the system did not find with the exact span, or could not resolve, counts as a failure
  (error 20,039 km, the largest possible) and the matched count is reported.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base import Counts, Report, Row, by_part, tag
from .progress import eval_progress

NAME = "geo"
DEFAULT_DATA = "geo"
SETS = {"gwn": "GWN.xml", "lgl": "lgl.xml"}
ACC_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a missing answer
NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    type: str | None  # GWN annotation type; None for LGL
    geonames_id: str | None
    lat: float | None
    lon: float | None

    @property
    def located(self) -> bool:
        """Scored for resolution: has a GeoNames id and a point (the standard subset)."""
        return bool(self.geonames_id) and self.lat is not None and self.lon is not None


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


# ---------------------------------------------------------------- reading the gold
def read_gold(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Articles of GWN.xml or lgl.xml with their recognition-target toponyms."""
    root = ET.parse(path).getroot()
    reader = (
        _gwn_toponyms
        if root.find("article/toponyms/toponym/extractedName") is not None
        else _lgl_toponyms
    )
    articles = []
    for element in root.iter("article"):
        text = element.findtext("text") or ""
        article_id = element.get("file") or element.get("docid") or str(len(articles))
        toponyms = sorted(reader(element, text), key=lambda t: (t.start, t.end))
        articles.append(GoldArticle(article_id, text, toponyms))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _gwn_toponyms(article: ET.Element, text: str) -> Iterator[GoldToponym]:
    for element in article.iter("toponym"):
        kind = element.findtext("type")
        start, end = int(element.findtext("start")), int(element.findtext("end"))
        if kind in NOT_TOPONYMS or start < 0 or end > len(text):
            continue  # not a place, or a negative offset into the missing headline
        yield GoldToponym(
            start,
            end,
            text[start:end],
            kind,
            (element.findtext("geonamesID") or "").strip() or None,
            _float(element.findtext("latitude")),
            _float(element.findtext("longitude")),
        )


def _lgl_toponyms(article: ET.Element, text: str) -> Iterator[GoldToponym]:
    for element in article.iter("toponym"):
        start, end = int(element.findtext("start")), int(element.findtext("end"))
        gaztag = element.find("gaztag")
        yield GoldToponym(
            start,
            end,
            text[start:end],
            None,
            gaztag.get("geonameid") if gaztag is not None else None,
            _float(gaztag.findtext("lat")) if gaztag is not None else None,
            _float(gaztag.findtext("lon")) if gaztag is not None else None,
        )


# ---------------------------------------------------------------- measures
def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, R = 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def error_auc(errors: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, normalised to [0, 1] (lower is better)."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(MAX_ERROR_KM) if errors else 0.0
    logs = [math.log1p(e) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def accuracy_at(errors: Sequence[float], km: float = ACC_KM) -> float:
    return sum(e < km for e in errors) / len(errors) if errors else 0.0


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def resolution_rows(label: str, errors: Sequence[float]) -> list[Row]:
    n = len(errors)
    mean = sum(errors) / n if n else 0.0
    return [
        Row(f"acc@161 {label}", value=round(accuracy_at(errors), 4), support=n),
        Row(f"auc {label}", value=round(error_auc(errors), 4), support=n),
        Row(f"mean km {label}", value=round(mean, 1), support=n),
        Row(f"median km {label}", value=round(median(errors), 1), support=n),
    ]


# ---------------------------------------------------------------- running the system
def gold_span_errors(
    articles: Iterable[GoldArticle], resolver: Any = None, exact: list[bool] | None = None
) -> list[float]:
    """Errors of the resolver given every gold toponym span (text and spans as context).

    ``exact``, when given, receives for each scored toponym whether the predicted GeoNames id
    equals the gold id.
    """
    from ..components.places.resolver import default_resolver

    resolver = resolver or default_resolver()
    articles = list(articles)
    errors: list[float] = []
    with eval_progress("geo: gold spans", len(articles)) as step:
        for article in articles:
            spans = [(t.start, t.end) for t in article.toponyms]
            entries = resolver.resolve_spans(article.text, spans, fallback=True)
            for toponym, entry in zip(article.toponyms, entries, strict=True):
                if toponym.located:
                    errors.append(_error(toponym, entry))
                    if exact is not None:
                        exact.append(
                            entry is not None and entry.id == f"geonames:{toponym.geonames_id}"
                        )
            step()
    return errors


def _error(toponym: GoldToponym, entry: Any) -> float:
    if entry is None or toponym.lat is None or toponym.lon is None:
        return MAX_ERROR_KM
    return distance_km(entry.lat, entry.lon, toponym.lat, toponym.lon)


def end_to_end(articles: list[GoldArticle], nlp: Any = None) -> tuple[Counts, list[float], int]:
    """Recognition counts, end-to-end errors and the number of located gold toponyms found."""
    from ..components.places.component import find_toponyms
    from ..nlp import get_pipeline

    nlp = nlp or get_pipeline(components=("newsgraph_places",))
    counts = Counts()
    errors: list[float] = []
    found = 0
    with eval_progress("geo: end to end", len(articles)) as step:
        texts = (a.text for a in articles)
        for article, doc in zip(articles, nlp.pipe(texts, batch_size=8), strict=True):
            system = {(t.start, t.end): t for t in find_toponyms(doc)}
            gold = {(t.start, t.end): t for t in article.toponyms}
            matched = system.keys() & gold.keys()
            counts.add(
                Counts(tp=len(matched), fp=len(system) - len(matched), fn=len(gold) - len(matched))
            )
            for span, toponym in gold.items():
                if not toponym.located:
                    continue
                hit = system.get(span)
                entry = hit.entry if hit is not None else None
                found += entry is not None
                errors.append(_error(toponym, entry))
            step()
    return counts, errors, found


def evaluate(
    data_dir: Path,
    set: str = "gwn",
    limit: int | None = None,
    end_to_end_mode: bool = True,
    nlp: Any = None,
    split: str = "both",
) -> Report:
    """Score recognition and resolution on GWN or LGL; ``limit``: the first N articles."""
    name = set.lower()
    if name not in SETS:
        raise ValueError(f"unknown geo set {set!r}; choose from {', '.join(SETS)}")
    path = Path(data_dir) / SETS[name]
    articles = read_gold(path, limit)
    report = Report(NAME, f"{path} ({name}, {len(articles)} articles)")
    # GWN's article ids are 0, 1, ...: the set's name makes the split's unit unique
    for part, part_articles in by_part(articles, lambda a: f"{name}:{a.id}", split).items():
        rows, details = _score(part_articles, end_to_end_mode, nlp)
        report.rows += tag(rows, part)
        report.details[part] = details
    return report


def _score(
    articles: list[GoldArticle], end_to_end_mode: bool, nlp: Any
) -> tuple[list[Row], dict[str, Any]]:
    """The rows and details of one part's articles."""
    rows: list[Row] = []
    details: dict[str, Any] = {"articles": len(articles)}
    exact: list[bool] = []
    gold_errors = gold_span_errors(articles, exact=exact)
    rows += resolution_rows("gold-spans", gold_errors)
    rows.append(
        Row(
            "exact id gold-spans",
            value=round(sum(exact) / len(exact), 4) if exact else 0.0,
            support=len(exact),
        )
    )
    if end_to_end_mode:
        counts, errors, found = end_to_end(articles, nlp)
        rows.insert(0, Row.from_counts("recognition", counts))
        rows += resolution_rows("end-to-end", errors)
        details["end_to_end_resolved"] = found
    details["located_gold"] = len(gold_errors)
    details["gold_toponyms"] = sum(len(a.toponyms) for a in articles)
    return rows, details
