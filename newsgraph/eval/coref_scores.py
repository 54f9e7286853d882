"""Coreference measures for event clusters: MUC, B-cubed, CEAF-e and their CoNLL mean.

A partition maps each mention to its cluster id; the measures compare a system's partition
(the response) with the gold one (the key), as the CoNLL-2012 scorer defines them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .base import Row

Partition = Mapping[Hashable, Hashable]  # mention → cluster


@dataclass(slots=True)
class CorefScore:
    """Numerators and denominators of precision and recall, summable over topics."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: CorefScore) -> None:
        self.p_num += other.p_num
        self.p_den += other.p_den
        self.r_num += other.r_num
        self.r_den += other.r_den

    def row(self, measure: str, support: int | None = None) -> Row:
        return Row(measure, round(self.precision, 4), round(self.recall, 4), round(self.f1, 4),
                   support=support)  # fmt: skip


def clusters_of(partition: Partition) -> list[set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in partition.items():
        groups[cluster].add(mention)
    return list(groups.values())


def muc(key: Partition, response: Partition) -> CorefScore:
    """MUC (Vilain et al. 1995): links kept. Singletons contribute nothing."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return CorefScore(p_num, p_den, r_num, r_den)


def _muc_side(key: Partition, response: Partition) -> tuple[float, float]:
    num = den = 0.0
    for cluster in clusters_of(key):
        parts = {response.get(m, ("unmatched", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def b_cubed(key: Partition, response: Partition) -> CorefScore:
    """B³ (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters."""
    key_clusters = {id_: c for c in clusters_of(key) for id_ in [key[next(iter(c))]]}
    response_clusters = {id_: c for c in clusters_of(response) for id_ in [response[next(iter(c))]]}
    p_num = r_num = 0.0
    for mention in key:
        k = key_clusters[key[mention]]
        r = response_clusters.get(response.get(mention)) if mention in response else {mention}
        overlap = len(k & r)  # type: ignore[operator]
        r_num += overlap / len(k)
    for mention in response:
        r = response_clusters[response[mention]]
        k = key_clusters.get(key.get(mention)) if mention in key else {mention}
        p_num += len(k & r) / len(r)  # type: ignore[operator]
    return CorefScore(p_num, float(len(response)), r_num, float(len(key)))


def ceaf_e(key: Partition, response: Partition) -> CorefScore:
    """CEAF-e (Luo 2005): the best one-to-one alignment of clusters under
    φ4(K, R) = 2|K ∩ R| / (|K| + |R|)."""
    keys, responses = clusters_of(key), clusters_of(response)
    total = _best_alignment(keys, responses)
    return CorefScore(total, float(len(responses)), total, float(len(keys)))


def _best_alignment(keys: list[set[Hashable]], responses: list[set[Hashable]]) -> float:
    """Total φ4 of the optimal alignment, solved per connected group of overlapping clusters
    (most clusters overlap one other only, so the groups are tiny)."""
    where = {m: j for j, r in enumerate(responses) for m in r}
    parent = list(range(len(keys) + len(responses)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sims: dict[tuple[int, int], float] = {}
    for i, k in enumerate(keys):
        for j in {where[m] for m in k if m in where}:
            r = responses[j]
            sims[(i, j)] = 2 * len(k & r) / (len(k) + len(r))
            parent[find(i)] = find(len(keys) + j)
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in sims:
        groups[find(i)].append((i, j))
    total = 0.0
    for pairs in groups.values():
        rows = sorted({i for i, _ in pairs})
        cols = sorted({j for _, j in pairs})
        if len(rows) == 1 or len(cols) == 1:
            total += max(sims[p] for p in pairs)
            continue
        matrix = [[sims.get((i, j), 0.0) for j in cols] for i in rows]
        total += max_weight_matching(matrix)
    return total


def max_weight_matching(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Hungarian
    algorithm on the padded square cost matrix, O(n³))."""
    n = max(len(weights), len(weights[0]) if weights else 0)
    if n == 0:
        return 0.0
    top = max((w for row in weights for w in row), default=0.0)
    cost = [
        [top - (weights[i][j] if i < len(weights) and j < len(weights[i]) else 0.0)
         for j in range(n)]
        for i in range(n)
    ]  # fmt: skip
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    match, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    total = 0.0
    for j in range(1, n + 1):
        i = match[j]
        if i and i - 1 < len(weights) and j - 1 < len(weights[i - 1]):
            total += weights[i - 1][j - 1]
    return total


MEASURES = ("muc", "b3", "ceafe")


def coref_scores(key: Partition, response: Partition) -> dict[str, CorefScore]:
    return {"muc": muc(key, response), "b3": b_cubed(key, response),
            "ceafe": ceaf_e(key, response)}  # fmt: skip


def conll_f1(scores: Mapping[str, CorefScore]) -> float:
    return sum(scores[m].f1 for m in MEASURES) / 3


class CorefTotals:
    """Several clusterings' MUC, B³ and CEAF-e summed over topics (numerators and denominators
    add up, as the CoNLL scorer totals documents scored together)."""

    def __init__(self, variants: Iterable[str]) -> None:
        self.scores = {v: {m: CorefScore() for m in MEASURES} for v in variants}

    def add(self, key: Partition, responses: Mapping[str, Partition]
            ) -> dict[str, dict[str, CorefScore]]:  # fmt: skip
        """Score each variant's response of one topic against its key; the topic's scores."""
        scores = {variant: coref_scores(key, r) for variant, r in responses.items()}
        for variant, measures in scores.items():
            for name in MEASURES:
                self.scores[variant][name].add(measures[name])
        return scores

    def conll(self, variant: str) -> float:
        return round(conll_f1(self.scores[variant]), 4)

    def rows(self, variant: str, support: int) -> list[Row]:
        """The measure rows of one variant and their CoNLL mean."""
        measures = self.scores[variant]
        return [*(measures[m].row(m, support) for m in MEASURES),
                Row("conll", f1=self.conll(variant), support=support)]  # fmt: skip

    def summary(self, variant: str) -> dict[str, object]:
        measures = self.scores[variant]
        return {**{m: measures[m].row(m).to_dict() for m in MEASURES},
                "conll": self.conll(variant)}  # fmt: skip
