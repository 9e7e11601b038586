"""Countries as ACLED codes them: ISO 3166 alpha-3 and numeric codes, ACLED region, English and Arabic names.

Covers the Middle East, Africa, the Caucasus, Central and South Asia and the outside powers that
appear in the news Rasid reads; a country missing here still exports (empty `iso`/`region`, `XXX`
event-id prefix).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from desktop.text.normalize import normalize_word


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name_en: str
    name_ar: str
    region: str


_ME, _NA, _EA, _WA, _MA, _SA = (
    "Middle East",
    "Northern Africa",
    "Eastern Africa",
    "Western Africa",
    "Middle Africa",
    "Southern Africa",
)
_SAS, _CCA, _EU, _EAS, _NAM, _SEA = (
    "South Asia",
    "Caucasus and Central Asia",
    "Europe",
    "East Asia",
    "North America",
    "Southeast Asia",
)

COUNTRIES: tuple[Country, ...] = (
    Country("SY", "SYR", 760, "Syria", "سوريا", _ME),
    Country("IQ", "IRQ", 368, "Iraq", "العراق", _ME),
    Country("YE", "YEM", 887, "Yemen", "اليمن", _ME),
    Country("LB", "LBN", 422, "Lebanon", "لبنان", _ME),
    Country("TR", "TUR", 792, "Turkey", "تركيا", _ME),
    Country("IR", "IRN", 364, "Iran", "إيران", _ME),
    Country("IL", "ISR", 376, "Israel", "إسرائيل", _ME),
    Country("PS", "PSE", 275, "Palestine", "فلسطين", _ME),
    Country("JO", "JOR", 400, "Jordan", "الأردن", _ME),
    Country("SA", "SAU", 682, "Saudi Arabia", "السعودية", _ME),
    Country("KW", "KWT", 414, "Kuwait", "الكويت", _ME),
    Country("BH", "BHR", 48, "Bahrain", "البحرين", _ME),
    Country("QA", "QAT", 634, "Qatar", "قطر", _ME),
    Country("AE", "ARE", 784, "United Arab Emirates", "الإمارات", _ME),
    Country("OM", "OMN", 512, "Oman", "عمان", _ME),
    Country("EG", "EGY", 818, "Egypt", "مصر", _NA),
    Country("LY", "LBY", 434, "Libya", "ليبيا", _NA),
    Country("TN", "TUN", 788, "Tunisia", "تونس", _NA),
    Country("DZ", "DZA", 12, "Algeria", "الجزائر", _NA),
    Country("MA", "MAR", 504, "Morocco", "المغرب", _NA),
    Country("SD", "SDN", 729, "Sudan", "السودان", _NA),
    Country("EH", "ESH", 732, "Western Sahara", "الصحراء الغربية", _NA),
    Country("SS", "SSD", 728, "South Sudan", "جنوب السودان", _EA),
    Country("SO", "SOM", 706, "Somalia", "الصومال", _EA),
    Country("ET", "ETH", 231, "Ethiopia", "إثيوبيا", _EA),
    Country("ER", "ERI", 232, "Eritrea", "إريتريا", _EA),
    Country("DJ", "DJI", 262, "Djibouti", "جيبوتي", _EA),
    Country("KE", "KEN", 404, "Kenya", "كينيا", _EA),
    Country("UG", "UGA", 800, "Uganda", "أوغندا", _EA),
    Country("MR", "MRT", 478, "Mauritania", "موريتانيا", _WA),
    Country("ML", "MLI", 466, "Mali", "مالي", _WA),
    Country("NE", "NER", 562, "Niger", "النيجر", _WA),
    Country("NG", "NGA", 566, "Nigeria", "نيجيريا", _WA),
    Country("BF", "BFA", 854, "Burkina Faso", "بوركينا فاسو", _WA),
    Country("SN", "SEN", 686, "Senegal", "السنغال", _WA),
    Country("TD", "TCD", 148, "Chad", "تشاد", _MA),
    Country("CF", "CAF", 140, "Central African Republic", "جمهورية أفريقيا الوسطى", _MA),
    Country("CM", "CMR", 120, "Cameroon", "الكاميرون", _MA),
    Country("CD", "COD", 180, "Democratic Republic of Congo", "الكونغو الديمقراطية", _MA),
    Country("MZ", "MOZ", 508, "Mozambique", "موزمبيق", _SA),
    Country("AF", "AFG", 4, "Afghanistan", "أفغانستان", _SAS),
    Country("PK", "PAK", 586, "Pakistan", "باكستان", _SAS),
    Country("IN", "IND", 356, "India", "الهند", _SAS),
    Country("AZ", "AZE", 31, "Azerbaijan", "أذربيجان", _CCA),
    Country("AM", "ARM", 51, "Armenia", "أرمينيا", _CCA),
    Country("GE", "GEO", 268, "Georgia", "جورجيا", _CCA),
    Country("RU", "RUS", 643, "Russia", "روسيا", _EU),
    Country("UA", "UKR", 804, "Ukraine", "أوكرانيا", _EU),
    Country("CY", "CYP", 196, "Cyprus", "قبرص", _EU),
    Country("GR", "GRC", 300, "Greece", "اليونان", _EU),
    Country("FR", "FRA", 250, "France", "فرنسا", _EU),
    Country("GB", "GBR", 826, "United Kingdom", "بريطانيا", _EU),
    Country("DE", "DEU", 276, "Germany", "ألمانيا", _EU),
    Country("US", "USA", 840, "United States", "الولايات المتحدة", _NAM),
    Country("CN", "CHN", 156, "China", "الصين", _EAS),
    Country("ID", "IDN", 360, "Indonesia", "إندونيسيا", _SEA),
)

_ALIASES = {
    "سورية": "SY",
    "الجمهورية العربية السورية": "SY",
    "ايران": "IR",
    "اسرائيل": "IL",
    "الاردن": "JO",
    "الامارات": "AE",
    "المملكة العربية السعودية": "SA",
    "الأراضي الفلسطينية": "PS",
    "turkiye": "TR",
    "türkiye": "TR",
    "palestinian territories": "PS",
    "united states of america": "US",
    "usa": "US",
    "uk": "GB",
    "drc": "CD",
    "democratic republic of the congo": "CD",
}


@lru_cache(maxsize=1)
def _index() -> dict[str, Country]:
    by_iso2 = {c.iso2: c for c in COUNTRIES}
    out: dict[str, Country] = {}
    for c in COUNTRIES:
        for key in (c.iso2, c.iso3, c.name_en, c.name_ar):
            out[_key(key)] = c
    for alias, iso2 in _ALIASES.items():
        out[_key(alias)] = by_iso2[iso2]
    return out


def _key(name: str) -> str:
    name = name.strip()
    return name.casefold() if name.isascii() else normalize_word(name)


def country_named(name: str | None) -> Country | None:
    """The country whose English or Arabic name, alias or ISO code is `name` (None when unknown)."""
    if not name or not str(name).strip():
        return None
    return _index().get(_key(str(name)))
