"""Choose the ANT-corpus articles of the silver training set (conflict and security news).

usage:
  .venv/bin/python scripts/select_silver.py [--out DIR] [--count 230]

Reads `../shared/data/news/ant-corpus.jsonl.gz` and `../shared/data/gold-dev/articles.jsonl`,
drops every article already in gold-dev (by URL or opening text) and retellings of one story (same
title), keeps articles with at least three words of violence or security, and draws a fixed number
per region (seeded, so the choice is reproducible). Writes `DIR/articles.jsonl` in the form
`../shared/eval/validate_annotations.py` expects (`id`, `title`, `date` ISO, `text`, plus `source`,
`url`, `region`, `ant_id`). The annotations themselves live in `training/silver/` (see its README).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SEED = 20261202

# Words of violence or security; an article needs three occurrences to be a candidate.
_VIOLENCE = re.compile(
    r"(?:قتل|مقتل|هجوم|اشتباك|غار[ةات]|تفجير|انفجار|إرهاب|ارهاب|مسلح|قصف|اعتقال|إيقاف|حجز|داعش|"
    r"اختطاف|عبوة|جرحى|جريح|اغتيال|معارك|صاروخ|قذيف)"
)
# Region cues (counted in title and text; the most frequent region wins).
REGIONS: dict[str, str] = {
    "syria": "سوري|دمشق|حلب|إدلب|الرقة|حمص|درعا",
    "iraq": "العراق|بغداد|الموصل|الأنبار",
    "yemen": "اليمن|الحوثي|صنعاء|عدن|تعز",
    "libya": "ليبي|طرابلس|بنغازي|سرت|مصراتة",
    "egypt": "مصر|سيناء|القاهرة",
    "turkey": "تركي|أنقرة|إسطنبول",
    "afpak": "أفغان|باكستان|كابول|طالبان",
    "africa": "نيجيري|الصومال|مالي|بوكو|الشباب|الكونغو|السودان|الساحل",
    "palestine": "فلسطين|غزة|الاحتلال|الإسرائيلي|القدس|الضفة",
    "tunisia": "تونس|القصرين|الشعانبي|سيدي بوزيد|الحرس الوطني|جندوبة|القيروان",
}
# Articles drawn per region (230 in all: every small region nearly whole, the large ones capped).
QUOTA: dict[str, int] = {
    "syria": 30,
    "iraq": 20,
    "yemen": 14,
    "libya": 28,
    "egypt": 22,
    "turkey": 12,
    "afpak": 9,
    "africa": 28,
    "palestine": 12,
    "tunisia": 40,
    "other": 15,
}


def iso_date(value: str) -> str:
    """ANT dates come as `YYYY-MM-DD` or `DD/MM/YYYY`."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value
    day, month, year = value.split("/")
    return f"{year}-{month}-{day}"


def region_of(text: str) -> str:
    counts = {name: len(re.findall(cues, text)) for name, cues in REGIONS.items()}
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return name if count else "other"


def select(count: int) -> list[dict[str, Any]]:
    with open(DATA / "gold-dev" / "articles.jsonl", encoding="utf-8") as f:
        gold = [json.loads(line) for line in f]
    gold_urls = {a["url"] for a in gold}
    gold_openings = {a["text"][:200] for a in gold}
    titles: set[str] = set()
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(DATA / "news" / "ant-corpus.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            words = len(a["text"].split()) if a.get("text") else 0
            if a["url"] in gold_urls or a["text"][:200] in gold_openings or not 40 <= words <= 700:
                continue
            title_key = re.sub(r"\W", "", a["title"])[:30]
            if title_key in titles or len(_VIOLENCE.findall(a["text"])) < 3:
                continue
            titles.add(title_key)
            by_region[region_of(a["title"] + " " + a["text"])].append(a)
    rng = random.Random(SEED)
    chosen: list[dict[str, Any]] = []
    for name in sorted(QUOTA):
        pool = sorted(by_region[name], key=lambda a: a["id"])
        rng.shuffle(pool)
        chosen.extend({**a, "region": name} for a in pool[: QUOTA[name]])
    rng.shuffle(chosen)
    return [
        {
            "id": f"s{k:03d}",
            "ant_id": a["id"],
            "title": a["title"],
            "date": iso_date(a["date"]),
            "text": a["text"],
            "source": a["source"],
            "url": a["url"],
            "region": a["region"],
        }
        for k, a in enumerate(chosen[:count])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/silver"))
    parser.add_argument("--count", type=int, default=sum(QUOTA.values()))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    articles = select(args.count)
    with open(args.out / "articles.jsonl", "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles -> {args.out / 'articles.jsonl'}")


if __name__ == "__main__":
    main()
