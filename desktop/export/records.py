"""One resolved view of an incident for every export: ACLED codes, English/Arabic names, a summary.

Effective values (analyst over machine) come from the store; this module adds what ACLED wants on
top: actor names from the actor gazetteer, inter codes and the interaction code, civilian
targeting, ISO codes and region, English admin names, geo precision as 1-3, source scale and a
one-sentence note. Decisions (documented for analysts):

* a missing actor1 becomes "Unidentified Armed Group (<country>)" (inter 3) for political violence,
  "Protesters (<country>)" (6) for protests and "Rioters (<country>)" (5) for riots, as ACLED codes them;
* a named actor the gazetteer does not know keeps its name and inter 0 (unknown type);
* unknown fatalities export as 0 (ACLED needs a number) with "Fatalities unknown." in the notes;
* without its own date an incident takes its article's date with time precision 2 (within the week).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop import acled
from desktop.export.countries import Country, country_named
from desktop.export.filters import ExportIncident
from desktop.nlp.gazetteer import Actor, Gazetteers, Place, load_gazetteers
from desktop.text.normalize import normalize_word

CIVILIANS_AR = ("مدنيون", "مدنيين", "المدنيين", "المدنيون", "مدني")
UNIDENTIFIED_AR = ("مسلحون", "مسلحين", "مجهولون", "مجهولين", "مسلحون مجهولون", "مسلحين مجهولين")

MONTHS_EN = "January February March April May June July August September October November December".split()
MONTHS_AR = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)

# Outlets by ACLED source scale (lower-cased English or Arabic names as they appear in `source`).
SOURCE_SCALES: dict[str, str] = {
    **dict.fromkeys(
        (
            "reuters",
            "afp",
            "associated press",
            "ap",
            "bbc",
            "bbc arabic",
            "france 24",
            "dw",
            "rt arabic",
            "رويترز",
            "فرانس برس",
            "أ ف ب",
            "بي بي سي",
            "فرانس 24",
            "دويتشه فيله",
            "روسيا اليوم",
            "سي إن إن",
            "cnn",
        ),
        "International",
    ),
    **dict.fromkeys(
        (
            "al jazeera",
            "al arabiya",
            "sky news arabia",
            "asharq al-awsat",
            "al-quds al-arabi",
            "enab baladi",
            "syrian observatory for human rights",
            "sohr",
            "الجزيرة",
            "الجزيرة نت",
            "العربية",
            "سكاي نيوز عربية",
            "الشرق الأوسط",
            "القدس العربي",
            "عنب بلدي",
            "المرصد السوري لحقوق الإنسان",
            "المرصد السوري",
            "العربي الجديد",
            "الحرة",
        ),
        "Regional",
    ),
    **dict.fromkeys(
        (
            "sana",
            "ina",
            "saba",
            "mena",
            "anadolu",
            "سانا",
            "وكالة سانا",
            "واع",
            "وكالة الأنباء العراقية",
            "سبأ",
            "وكالة سبأ",
            "وكالة أنباء الشرق الأوسط",
            "الأناضول",
            "الوكالة الوطنية للإعلام",
            "السومرية",
            "رووداو",
            "الأهرام",
        ),
        "National",
    ),
}


@dataclass(frozen=True)
class ResolvedIncident:
    """Everything an export row needs, resolved once."""

    id: int
    article_id: int
    status: str
    origin: str
    event_date: str
    year: int | None
    time_precision: int
    event_type: str
    sub_event_type: str
    disorder_type: str
    actor1: str
    actor2: str
    actor1_text: str
    actor2_text: str
    inter1: int
    inter2: int
    interaction: int
    civilian_targeting: str
    country: Country | None
    country_name: str
    admin1: str
    admin1_ar: str
    location: str
    location_ar: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    source: str
    source_scale: str
    fatalities: int | None
    injuries: int | None
    weapon: str
    tags: list[str]
    timestamp: int
    article_title: str
    evidence: tuple[int, int] | None

    @property
    def iso3(self) -> str:
        return self.country.iso3 if self.country else ""

    def notes(self, arabic: bool) -> str:
        return summary_ar(self) if arabic else summary_en(self)


@lru_cache(maxsize=1)
def gazetteers() -> Gazetteers:
    return load_gazetteers()


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if f == f and abs(f) != float("inf") else None


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _actor(inc: ExportIncident, key: str, arabic: bool) -> tuple[str, int, Actor | None]:
    g = gazetteers()
    text = _str(inc.value(key))
    actor = g.actor_by_id(_str(inc.value(f"{key}_id"))) if inc.value(f"{key}_id") else None
    inter = _int(inc.value("inter1" if key == "actor1" else "inter2"))
    if actor is not None:
        name = actor.name_ar if arabic else actor.name_en
        return name, inter if inter is not None else actor.inter, actor
    canonical = _str(inc.value(f"{key}_canonical"))
    if text in CIVILIANS_AR or inter == 7:
        return text or "مدنيون", 7, None
    if text in UNIDENTIFIED_AR:
        return text, 3, None
    return canonical or text, inter or 0, None


def _place(inc: ExportIncident) -> Place | None:
    """The gazetteer place of the incident: by its id, else by its location name within its country."""
    g = gazetteers()
    pid = _str(inc.value("location_id"))
    if pid and g.place_by_id(pid) is not None:
        return g.place_by_id(pid)
    name = _str(inc.value("location"))
    if not name or name.isascii():
        return None
    country = country_named(_str(inc.value("country")))
    for cand in g.places_named(normalize_word(name)):
        if country is None or cand.iso2 == country.iso2:
            return cand
    return None


def _admin1_en(admin1_ar: str, place: Place | None, country: Country | None) -> str:
    if place is not None and place.admin1_en:
        return place.admin1_en
    if not admin1_ar:
        return ""
    if admin1_ar.isascii():
        return admin1_ar
    for cand in gazetteers().places_named(normalize_word(admin1_ar)):
        if cand.feature == "admin1" and (country is None or cand.iso2 == country.iso2):
            return cand.name_en
    return admin1_ar


def _geo_precision(value: Any, place: Place | None, has_location: bool) -> int:
    n = _int(value)
    if n in (1, 2, 3):
        return n
    text = _str(value).lower()
    if "centroid" in text or (place is not None and place.feature in ("admin1", "country")):
        return 3
    if "approx" in text or "near" in text:
        return 2
    return 1 if has_location else 3


def source_scale(source: str) -> str:
    """ACLED source scale of an outlet (International, Regional, National), else Other."""
    return SOURCE_SCALES.get(source.strip().lower(), "Other") if source.strip() else ""


def resolve(
    inc: ExportIncident, event_id_prefix_only: bool = False, arabic: bool = False
) -> ResolvedIncident:
    """The resolved record of one incident; actor and place names in Arabic or English."""
    event_type = _str(inc.value("event_type"))
    sub = _str(inc.value("sub_event_type"))
    if not event_type and sub:
        event_type = acled.event_type_of(sub) or ""
    country = country_named(_str(inc.value("country")))
    place = _place(inc)
    if country is None and place is not None:
        country = country_named(place.iso2)
    a1, inter1, _ = _actor(inc, "actor1", arabic)
    a2, inter2, _ = _actor(inc, "actor2", arabic)
    cname = (country.name_ar if arabic else country.name_en) if country else _str(inc.value("country"))
    if not a1:
        where = f" ({cname})" if cname else ""
        if event_type == acled.PROTESTS:
            a1, inter1 = ("متظاهرون" if arabic else "Protesters") + where, 6
        elif event_type == acled.RIOTS:
            a1, inter1 = ("مثيرو شغب" if arabic else "Rioters") + where, 5
        elif event_type and event_type != acled.STRATEGIC_DEVELOPMENTS:
            a1, inter1 = ("جماعة مسلحة مجهولة" if arabic else "Unidentified Armed Group") + where, 3
    if inter1 == 7 and a1 in CIVILIANS_AR:
        a1 = ("مدنيون" if arabic else "Civilians") + (f" ({cname})" if cname else "")
    if inter2 == 7 and (a2 in CIVILIANS_AR or not a2):
        a2 = ("مدنيون" if arabic else "Civilians") + (f" ({cname})" if cname else "")
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = 10 * codes[0] + codes[1] if len(codes) == 2 else 10 * codes[0] if codes else 0
    civ = "Civilian targeting" if inter2 == 7 or event_type == acled.VIOLENCE_AGAINST_CIVILIANS else ""
    date = inc.date or ""
    precision = _int(inc.value("time_precision"))
    if precision not in (1, 2, 3):
        precision = 2 if inc.date_from_article else (1 if date else 3)
    admin1_ar = _str(inc.value("admin1"))
    location_ar = _str(inc.value("location"))
    admin1 = admin1_ar if arabic else _admin1_en(admin1_ar, place, country)
    if arabic:
        location = location_ar or (place.name_ar if place else "")
    else:
        location = place.name_en if place is not None and place.name_en else location_ar
    lat, lon = _float(inc.value("latitude")), _float(inc.value("longitude"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    try:
        stamp = int(dt.datetime.fromisoformat(inc.updated_at).timestamp()) if inc.updated_at else 0
    except ValueError:
        stamp = 0
    tags = list(inc.tags) + (["rasid:rejected"] if inc.incident.status == "rejected" else [])
    scale = _str(inc.value("source_scale")) or source_scale(inc.article.source)
    return ResolvedIncident(
        id=inc.id,
        article_id=inc.article.id,
        status=inc.incident.status,
        origin=inc.incident.origin,
        event_date=date,
        year=int(date[:4]) if date else None,
        time_precision=precision,
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=acled.disorder_type(event_type, sub) if event_type else "",
        actor1=a1,
        actor2=a2,
        actor1_text=_str(inc.value("actor1")),
        actor2_text=_str(inc.value("actor2")),
        inter1=inter1,
        inter2=inter2,
        interaction=interaction,
        civilian_targeting=civ,
        country=country,
        country_name=cname,
        admin1=admin1,
        admin1_ar=admin1_ar,
        location=location,
        location_ar=location_ar,
        latitude=lat,
        longitude=lon,
        geo_precision=_geo_precision(inc.value("geo_precision"), place, bool(location_ar)),
        source=inc.article.source,
        source_scale=scale,
        fatalities=_int(inc.value("fatalities")),
        injuries=_int(inc.value("injuries")),
        weapon=_str(inc.value("weapon")),
        tags=tags,
        timestamp=stamp,
        article_title=inc.article.title,
        evidence=inc.incident.evidence,
    )


# --- one-sentence summaries --------------------------------------------------------------------


def _date_en(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def _date_ar(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {MONTHS_AR[d.month - 1]} {d.year}"


_EN_VERBS = {
    "Armed clash": "{a1} clashed with {a2}",
    "Government regains territory": "{a1} regained territory from {a2}",
    "Non-state actor overtakes territory": "{a1} took territory from {a2}",
    "Chemical weapon": "{a1} used a chemical weapon against {a2}",
    "Air/drone strike": "{a1} carried out an air/drone strike targeting {a2}",
    "Suicide bomb": "a suicide bomber of {a1} detonated an explosive device targeting {a2}",
    "Shelling/artillery/missile attack": "{a1} shelled {a2}",
    "Remote explosive/landmine/IED": "an explosive device attributed to {a1} hit {a2}",
    "Grenade": "{a1} threw a grenade at {a2}",
    "Sexual violence": "{a1} committed sexual violence against {a2}",
    "Attack": "{a1} attacked {a2}",
    "Abduction/forced disappearance": "{a1} abducted {a2}",
    "Peaceful protest": "{a1} demonstrated",
    "Protest with intervention": "{a1} demonstrated and {a2} intervened",
    "Excessive force against protesters": "{a2} used excessive force against {a1}",
    "Violent demonstration": "{a1} rioted",
    "Mob violence": "{a1} attacked {a2}",
    "Arrests": "{a1} arrested {a2}",
}


def _fill(template: str, a1: str, a2: str, arabic: bool) -> str:
    if not a2:
        for cut in (" targeting {a2}", " against {a2}", " with {a2}", " from {a2}", " at {a2}", " hit {a2}"):
            template = template.replace(cut, " exploded" if cut == " hit {a2}" else "")
        template = template.replace(" and {a2} intervened", " and forces intervened")
        template = template.replace("{a2}", "unidentified people" if not arabic else "مجهولين")
    return template.format(a1=a1 or "unidentified actors", a2=a2)


def _where_en(r: ResolvedIncident) -> str:
    parts = [p for p in (r.admin1, r.country_name) if p and p != r.location]
    if r.location:
        return f" in {r.location}" + (f" ({', '.join(parts)})" if parts else "")
    return f" in {', '.join(parts)}" if parts else ""


def summary_en(r: ResolvedIncident) -> str:
    """'On 2 March 2019, a suicide bomber of ISIS ... in Al-Baghouz (Deir ez-Zor, Syria). 6 fatalities.'"""
    when = f"On {_date_en(r.event_date)}" if r.event_date else "On an unknown date"
    template = _EN_VERBS.get(r.sub_event_type)
    if template:
        what = _fill(template, r.actor1, r.actor2, False)
    else:
        label = (r.sub_event_type or r.event_type or "an event").lower()
        what = f"{label} involving {r.actor1 or 'unidentified actors'}" + (
            f" and {r.actor2}" if r.actor2 else ""
        )
    out = f"{when}, {what}{_where_en(r)}."
    return out + " " + _toll_en(r)


def _toll_en(r: ResolvedIncident) -> str:
    injured = f" {r.injuries} injured." if r.injuries else ""
    if r.fatalities is None:
        return "Fatalities unknown." + injured
    text = f"{r.fatalities} fatalit{'y' if r.fatalities == 1 else 'ies'}"
    return text + (f" and {r.injuries} injured." if r.injuries else ".")


def summary_ar(r: ResolvedIncident) -> str:
    """'في 2 آذار/مارس 2019، نفّذ تنظيم الدولة الإسلامية عملية (تفجير انتحاري) استهدفت ... في الباغوز.'"""
    when = f"في {_date_ar(r.event_date)}" if r.event_date else "في تاريخ غير معروف"
    label = acled.SUB_EVENT_ARABIC.get(r.sub_event_type) or acled.event_label(r.event_type, True) or "حدث"
    a1 = r.actor1 or "جهة مجهولة"
    if r.event_type == acled.BATTLES:
        what = (
            f"وقعت مواجهة ({label}) بين {a1} و{r.actor2}"
            if r.actor2
            else f"وقعت مواجهة ({label}) شارك فيها {a1}"
        )
    elif r.event_type in (acled.PROTESTS, acled.RIOTS):
        what = f"شارك {a1} في حدث ({label})"
    elif r.event_type == acled.STRATEGIC_DEVELOPMENTS:
        what = f"سُجّل تطوّر ({label}) شارك فيه {a1}" + (f" وطال {r.actor2}" if r.actor2 else "")
    else:
        what = f"نفّذ {a1} عملية ({label})" + (f" استهدفت {r.actor2}" if r.actor2 else "")
    where = ""
    if r.location or r.admin1 or r.country_name:
        parts = [p for p in (r.admin1, r.country_name) if p and p != r.location]
        where = (
            f" في {r.location}" + (f" ({'، '.join(parts)})" if parts else "")
            if r.location
            else (f" في {'، '.join(parts)}")
        )
    toll = "عدد القتلى غير معروف." if r.fatalities is None else f"عدد القتلى: {r.fatalities}."
    if r.injuries:
        toll += f" عدد الجرحى: {r.injuries}."
    return f"{when}، {what}{where}. {toll}"
