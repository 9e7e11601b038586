"""The ACLED codebook: event types, sub-event types, disorder types and incident field names.

Core module (no Qt): the GUI's pickers, validation and the exports all read the codebook from here.
Names are spelled exactly as in the ACLED codebook; Arabic labels are for display only.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

POLITICAL_VIOLENCE: Final = "Political violence"
DEMONSTRATIONS: Final = "Demonstrations"
STRATEGIC_DEVELOPMENTS: Final = "Strategic developments"

BATTLES: Final = "Battles"
EXPLOSIONS: Final = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS: Final = "Violence against civilians"
PROTESTS: Final = "Protests"
RIOTS: Final = "Riots"


@dataclass(frozen=True, slots=True)
class EventType:
    """An ACLED event type with its sub-event types, in codebook order."""

    name: str
    arabic: str
    sub_event_types: tuple[str, ...]


EVENT_TYPES: Final[tuple[EventType, ...]] = (
    EventType(
        BATTLES,
        "اشتباكات",
        ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    ),
    EventType(
        EXPLOSIONS,
        "انفجارات/عنف عن بعد",
        (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
    ),
    EventType(
        VIOLENCE_AGAINST_CIVILIANS,
        "عنف ضد المدنيين",
        ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    ),
    EventType(
        PROTESTS,
        "احتجاجات",
        ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    ),
    EventType(RIOTS, "أعمال شغب", ("Violent demonstration", "Mob violence")),
    EventType(
        STRATEGIC_DEVELOPMENTS,
        "تطورات استراتيجية",
        (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    ),
)

SUB_EVENT_ARABIC: Final = MappingProxyType(
    {
        "Armed clash": "اشتباك مسلح",
        "Government regains territory": "استعادة الحكومة أرضاً",
        "Non-state actor overtakes territory": "سيطرة فاعل غير حكومي على أرض",
        "Chemical weapon": "سلاح كيميائي",
        "Air/drone strike": "غارة جوية/بطائرة مسيّرة",
        "Suicide bomb": "تفجير انتحاري",
        "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي",
        "Remote explosive/landmine/IED": "عبوة ناسفة/لغم",
        "Grenade": "قنبلة يدوية",
        "Sexual violence": "عنف جنسي",
        "Attack": "هجوم",
        "Abduction/forced disappearance": "خطف/إخفاء قسري",
        "Peaceful protest": "احتجاج سلمي",
        "Protest with intervention": "احتجاج مع تدخل",
        "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
        "Violent demonstration": "تظاهرة عنيفة",
        "Mob violence": "عنف غوغائي",
        "Agreement": "اتفاق",
        "Arrests": "اعتقالات",
        "Change to group/activity": "تغيّر في جماعة/نشاط",
        "Disrupted weapons use": "إحباط استخدام سلاح",
        "Headquarters or base established": "إنشاء مقر أو قاعدة",
        "Looting/property destruction": "نهب/تدمير ممتلكات",
        "Non-violent transfer of territory": "انتقال سلمي لأرض",
        "Other": "أخرى",
    }
)

_BY_NAME: Final = MappingProxyType({et.name: et for et in EVENT_TYPES})
_EVENT_OF_SUB: Final = MappingProxyType({sub: et.name for et in EVENT_TYPES for sub in et.sub_event_types})

EVENT_TYPE_NAMES: Final[tuple[str, ...]] = tuple(et.name for et in EVENT_TYPES)
SUB_EVENT_TYPE_NAMES: Final[tuple[str, ...]] = tuple(_EVENT_OF_SUB)

# Incident fields in editor/table order, with English and Arabic labels.
INCIDENT_FIELDS: Final[tuple[tuple[str, str, str], ...]] = (
    ("event_type", "Event type", "نوع الحدث"),
    ("sub_event_type", "Sub-event type", "النوع الفرعي"),
    ("date", "Date", "التاريخ"),
    ("time_precision", "Time precision", "دقة التاريخ"),
    ("actor1", "Actor 1", "الفاعل 1"),
    ("actor2", "Actor 2", "الفاعل 2"),
    ("location", "Location", "المكان"),
    ("admin1", "Admin 1", "المحافظة"),
    ("country", "Country", "البلد"),
    ("latitude", "Latitude", "خط العرض"),
    ("longitude", "Longitude", "خط الطول"),
    ("geo_precision", "Geo precision", "دقة الموقع"),
    ("fatalities", "Fatalities", "القتلى"),
    ("injuries", "Injuries", "الجرحى"),
    ("weapon", "Weapon", "السلاح"),
)
INCIDENT_FIELD_NAMES: Final[tuple[str, ...]] = tuple(f[0] for f in INCIDENT_FIELDS)

# The fields of an incident record (`desktop.records.IncidentRecord`), in the order of the `rasid
# extract` contract (DESIGN.md): the core fields are always written (null when unknown) ...
CONTRACT_FIELDS: Final[tuple[str, ...]] = (
    "event_type",
    "sub_event_type",
    "date",
    "time_precision",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "fatalities",
    "injuries",
    "weapon",
)
# ... the links to gazetteer entries and ACLED codes only when known.
LINK_FIELDS: Final[tuple[str, ...]] = (
    "location_id",
    "actor1_id",
    "actor2_id",
    "actor1_canonical",
    "actor2_canonical",
    "inter1",
    "inter2",
    "weapon_class",
    "attribution",
)
# Every field an incident can hold (machine or analyst value); nothing else is stored as a field.
RECORD_FIELDS: Final[tuple[str, ...]] = CONTRACT_FIELDS + LINK_FIELDS
INT_FIELDS: Final = frozenset({"time_precision", "geo_precision", "fatalities", "injuries"})
FLOAT_FIELDS: Final = frozenset({"latitude", "longitude"})


def event_type(name: str) -> EventType:
    """The event type called `name`; KeyError when ACLED has none."""
    return _BY_NAME[name]


def sub_event_types(event_type_name: str) -> tuple[str, ...]:
    """The sub-event types of an event type (empty for an unknown one)."""
    et = _BY_NAME.get(event_type_name)
    return et.sub_event_types if et else ()


def event_type_of(sub_event_type: str) -> str | None:
    """The event type a sub-event type belongs to (None when unknown)."""
    return _EVENT_OF_SUB.get(sub_event_type)


def is_valid_pair(event_type_name: str, sub_event_type: str) -> bool:
    return _EVENT_OF_SUB.get(sub_event_type) == event_type_name


def disorder_type(event_type_name: str, sub_event_type: str | None = None) -> str:
    """ACLED's disorder type of an event (Political violence, Demonstrations, Strategic developments).

    Excessive force against protesters is political violence and demonstrations at once in ACLED
    ("Political violence; Demonstrations", as in ACLED's own exports); mob violence is political
    violence; the other protest and riot sub-types are demonstrations.
    """
    if event_type_name == STRATEGIC_DEVELOPMENTS:
        return STRATEGIC_DEVELOPMENTS
    if sub_event_type == "Excessive force against protesters":
        return f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    if sub_event_type == "Mob violence":
        return POLITICAL_VIOLENCE
    if event_type_name in (PROTESTS, RIOTS):
        return DEMONSTRATIONS
    return POLITICAL_VIOLENCE


def event_label(name: str, arabic: bool) -> str:
    """Display label of an event or sub-event type."""
    if not arabic:
        return name
    et = _BY_NAME.get(name)
    if et:
        return et.arabic
    return SUB_EVENT_ARABIC.get(name, name)
