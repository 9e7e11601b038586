"""Build resources/gazetteers/person_names.tsv and check resources/gazetteers/actors.tsv.

Run from the repository root:

    .venv/bin/python scripts/build_actors.py

`actors.tsv` is hand-curated (informed by, not copied from, the PETRARCH Arabic dictionaries in
../shared/data/lexicons/petrarch-ar, MIT); this script only checks it: every alias normalizes to a
key owned by a single actor, parents exist and ACLED inter codes are 0..8.

`person_names.tsv` is derived: the name tokens of
  * ../shared/data/lexicons/names/dict_ar_en.csv (public domain; first and family names, kind "any"),
  * the akhateeb lists male-/female-first-names-in-arabic.txt (kind "first") and
    last-names-in-arabic.txt (kind "last") (MIT, Copyright (c) 2018 AKhateeb),
normalized with desktop.text.normalize.normalize_word and de-duplicated. A token found both as a
first and as a last name gets kind "any"; dict_ar_en entries starting with ال are "last".
Compound names are kept as written, as one token (أبوحمادة) or as a phrase (أبو حمادة).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.text.normalize import normalize_word  # noqa: E402

NAMES_DIR = ROOT.parent / "shared" / "data" / "lexicons" / "names"
GAZ = ROOT / "resources" / "gazetteers"
ARABIC_WORD = re.compile(r"^[\u0621-\u064a ]+$")

# Tokens that are name-like in the lists but far more often ordinary words in news text.
NOT_NAMES = {"ال", "بن", "ابن", "بنت", "ابو", "ام", "عبد", "قوات", "جيش", "شرطه", "امن"}


def _clean(raw: str) -> str:
    text = normalize_word(raw.replace("(", " ").replace(")", " ").replace("-", " "))
    return text if ARABIC_WORD.match(text) and len(text.replace(" ", "")) >= 2 else ""


def build_person_names() -> int:
    kinds: dict[str, str] = {}
    sources: dict[str, set[str]] = {}

    def add(name: str, kind: str, source: str) -> None:
        if not name or name in NOT_NAMES:
            return
        old = kinds.get(name)
        kinds[name] = kind if old is None or old == kind else "any"
        sources.setdefault(name, set()).add(source)

    with (NAMES_DIR / "dict_ar_en.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if row:
                name = _clean(row[0])
                # The dictionary mixes given and family names; the article marks a family name.
                add(name, "last" if name.startswith("ال") else "any", "dict_ar_en")
    for file, kind in (
        ("male-first--names-in-arabic.txt", "first"),
        ("female-first-names-in-arabic.txt", "first"),
        ("last-names-in-arabic.txt", "last"),
    ):
        for line in (NAMES_DIR / file).read_text(encoding="utf-8").splitlines():
            add(_clean(line), kind, "akhateeb")
    out = GAZ / "person_names.tsv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "kind", "source"])
        for name in sorted(kinds):
            writer.writerow([name, kinds[name], "+".join(sorted(sources[name]))])
    return len(kinds)


def check_actors() -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    with (GAZ / "actors.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    ids = {r["id"] for r in rows}
    for r in rows:
        names = [r["name_ar"], *[a for a in r["aliases_ar"].split("|") if a]]
        for key in {normalize_word(n) for n in names}:
            if key in owner and owner[key] != r["id"]:
                problems.append(f"{key!r} is an alias of both {owner[key]} and {r['id']}")
            owner[key] = r["id"]
        if r["parent"] and r["parent"] not in ids:
            problems.append(f"{r['id']}: unknown parent {r['parent']}")
        if not 0 <= int(r["inter"]) <= 8:
            problems.append(f"{r['id']}: inter {r['inter']} outside 0..8")
    return problems


def main() -> None:
    count = build_person_names()
    print(f"wrote {count} name tokens to resources/gazetteers/person_names.tsv")
    problems = check_actors()
    for p in problems:
        print("actors.tsv:", p, file=sys.stderr)
    if problems:
        raise SystemExit(1)
    print("actors.tsv: ok")


if __name__ == "__main__":
    main()
