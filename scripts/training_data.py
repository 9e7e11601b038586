"""The annotated articles the models learn from and are measured on, with their licences.

`gold_dev()` reads `../shared/data/gold-dev` (120 articles: SaudiNewsNet, ANT and the reference
article); `silver()` reads the project's own annotations in `training/silver/` with their texts from
`../shared/data/news/ant-corpus.jsonl.gz`. Each `Annotated` says whether a shipped model may learn
from it (`shippable`: ANT text and the project's annotations; SaudiNewsNet text is for measurement
only). `story_groups` keeps copies of one story together for grouped cross-validation folds.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
GOLD_DEV = DATA / "gold-dev"
ANT = DATA / "news" / "ant-corpus.jsonl.gz"
SILVER = ROOT / "training" / "silver"


class MissingData(RuntimeError):
    """A corpus from ../shared/data is not on this machine."""


@dataclass(frozen=True)
class Annotated:
    """One article with its annotation (the gold-dev guide's record form)."""

    id: str
    text: str
    date: str | None
    title: str
    origin: str  # snn | ant | seed | silver
    gold: dict[str, Any]

    @property
    def shippable(self) -> bool:
        """May a model that ships learn from this article's text?"""
        return self.origin in ("ant", "silver")

    def record(self) -> dict[str, Any]:
        """The `rasid extract` input record."""
        return {"id": self.id, "text": self.text, "date": self.date, "title": self.title}


def _need(path: Path) -> None:
    if not path.exists():
        raise MissingData(f"missing {path}: this needs ../shared/data beside the repository")


def gold_dev() -> list[Annotated]:
    _need(GOLD_DEV / "articles.jsonl")
    out = []
    for a in _jsonl(GOLD_DEV / "articles.jsonl"):
        gold = _json(GOLD_DEV / f"{a['id']}.json")
        out.append(
            Annotated(a["id"], a["text"], a.get("date"), a.get("title", ""), a.get("origin", ""), gold)
        )
    return out


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _json(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@lru_cache(maxsize=1)
def _ant_texts() -> dict[str, dict[str, Any]]:
    _need(ANT)
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        return {a["id"]: a for a in map(json.loads, f)}


def silver(annotation: str = "first") -> list[Annotated]:
    """The silver set (`first`: every article; `second`: the 25 coded twice, second coding)."""
    texts = _ant_texts()
    out = []
    for row in _jsonl(SILVER / "index.jsonl"):
        path = SILVER / annotation / f"{row['id']}.json"
        if not path.exists():
            continue
        a = texts[row["ant_id"]]
        gold = _json(path)
        out.append(Annotated(row["id"], a["text"], row["date"], a.get("title", ""), "silver", gold))
    return out


def story_key(article: Annotated) -> str:
    """Copies of one story share their title's first words or their opening."""
    title = re.sub(r"\W", "", article.title)[:24]
    return title or re.sub(r"\W", "", article.text)[:60]


def story_groups(articles: list[Annotated]) -> list[int]:
    """A group number per article: articles with the same story key, or the same opening text,
    share it (so cross-validation keeps copies of one story in one fold)."""
    keys: dict[str, int] = {}
    groups = []
    for a in articles:
        k1, k2 = story_key(a), re.sub(r"\W", "", a.text)[:80]
        g = keys.get(k1, keys.get(k2))
        if g is None:
            g = len(set(keys.values()))
        keys.setdefault(k1, g)
        keys.setdefault(k2, g)
        groups.append(g)
    return groups


def folds(articles: list[Annotated], k: int = 5) -> list[int]:
    """A fold number (0..k-1) per article, by story group, deterministic (sorted by article id)."""
    groups = story_groups(articles)
    first_id: dict[int, str] = {}
    for a, g in zip(articles, groups, strict=True):
        first_id[g] = min(first_id.get(g, a.id), a.id)
    order = sorted(first_id, key=first_id.__getitem__)
    fold_of = {g: i % k for i, g in enumerate(order)}
    return [fold_of[g] for g in groups]


SCORER = ROOT.parent / "shared" / "eval" / "score_articles.py"


def official_score(
    articles: list[Annotated], outputs: list[dict[str, Any]], text_of: Any = None
) -> dict[str, Any]:
    """`../shared/eval/score_articles.py` on these articles and system outputs (gold records in a
    temporary folder); `text_of(article)` gives the text the outputs' offsets point into."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        with open(gold / "articles.jsonl", "w", encoding="utf-8") as f:
            for a in articles:
                text = text_of(a) if text_of is not None else a.text
                f.write(json.dumps({**a.record(), "text": text}, ensure_ascii=False) + "\n")
                (gold / f"{a.id}.json").write_text(json.dumps(a.gold, ensure_ascii=False), encoding="utf-8")
        system = Path(tmp) / "system.jsonl"
        system.write_text(
            "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outputs), encoding="utf-8"
        )
        proc = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(system), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, Any] = json.loads(proc.stdout)
    return result
