"""Unit, filter and merge rules: what a report unit is, which bound incidents are no news, and one
incident per event across the article.

- Units (`unit.*`): the sentences, with chained wire reports split off; headline and footer
  paragraphs, which repeat what the body tells.
- Filters (`filter.*`): a sentence dated weeks before the issue is history; an incident dated long
  before or after the issue, or with a toll in the thousands, is no incident.
- Merges (`merge.*`): one incident per place of a coordinated list; one toll per sentence; actors
  named by the article's own form; a generic telling takes the kind of the bombing it retells; a
  country-level event, a headline and a summary yield to their details; the same event told twice
  is one incident.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from desktop.document import Document, Span
from desktop.events import lexicon as lx
from desktop.events.fields import COARSE_FEATURES, SentenceView, actor_name, place_fields, place_precision
from desktop.events.model import VIOLENT, Incident
from desktop.events.signals import RULES as SIGNALS
from desktop.events.triggers import ANY_TRIGGER
from desktop.rules import Example, Phase, Rule, Scope
from desktop.text.normalize import normalize, normalize_word


@dataclass(frozen=True, kw_only=True)
class ArticleRule(Rule):
    """A rule over units or incidents of the whole article (its logic is the function below it)."""


def _a(id: str, phase: Phase, description: str, fires: tuple[Example | str, ...],
       spares: tuple[Example | str, ...], scope: Scope = Scope.ARTICLE) -> ArticleRule:  # fmt: skip
    return ArticleRule(id=id, phase=phase, description=description, scope=scope, fires=fires, spares=spares)


# --- units ------------------------------------------------------------------------------------------

CHAINED_REPORT = _a(
    "unit.chained_report",
    Phase.UNIT,
    "a clause opening with كما / بينما / أيضا / في حين that tells its own event with its own place is a "
    "report of its own inside a long wire sentence",
    ("قصفت الطائرات بلدة الرميلة، كما دارت اشتباكات عنيفة في قرية الحسينية.",),
    ("قصفت الطائرات بلدة الرميلة، كما أعلنت الحكومة خطة جديدة للتعليم.",),
    Scope.SENTENCE,
)
HEADLINE = _a(
    "unit.headline",
    Phase.UNIT,
    "a short first line without a final period (the headline, when an importer put it into the text) "
    "and footers such as رابط الخبر repeat what the body tells",
    ("مقتل ثلاثة جنود في هجوم على حاجز في حلب أمس\nقتل ثلاثة جنود في هجوم على حاجز في حلب أمس.",),
    ("قتل ثلاثة جنود في هجوم على حاجز في حلب أمس.",),
)

_CHAIN = re.compile(r"^(?:و)?(?:كما|ايضا|بينما|كذلك|فيما|في حين|في وقت)(?![ء-ي])")


def by_sentence(sentences: list[Span], spans: list[Span]) -> list[list[Span]]:
    """Spans grouped by the sentence that contains them, in one pass over both sorted lists."""
    groups: list[list[Span]] = [[] for _ in sentences]
    k = 0
    for span in sorted(spans, key=lambda s: s.start):
        while k < len(sentences) and sentences[k].end <= span.start:
            k += 1
        if k == len(sentences):
            break
        if sentences[k].start <= span.start and span.end <= sentences[k].end:
            groups[k].append(span)
    return groups


def report_units(doc: Document, article_rules: list[str]) -> list[Span]:
    """The sentences, with chained reports split off (the wire style that strings several clashes
    in several places into one sentence with `، كما` / `، بينما` / `، أيضاً`). A chained part runs
    to the next chain word and is split off only when it tells an event and names a place."""
    sentences = doc.layers.get("sentences", [])
    clauses = by_sentence(sentences, doc.layers.get("clauses", []))
    places = by_sentence(sentences, [e for e in doc.layers.get("entities", []) if e.label == "LOC"])
    units: list[Span] = []
    for sentence, parts, locs in zip(sentences, clauses, places, strict=True):
        chained = [c.start for c in parts[1:] if _CHAIN.match(normalize(doc.text[c.start : c.end]).text)]
        starts = [sentence.start]
        for k, begin in enumerate(chained):
            end = chained[k + 1] if k + 1 < len(chained) else sentence.end
            text = normalize(doc.text[begin:end]).text
            if ANY_TRIGGER.search(text) and any(begin <= e.start < end for e in locs):
                starts.append(begin)
                article_rules.append(CHAINED_REPORT.id)
        for k, begin in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else sentence.end
            units.append(Span(begin, end, "sentence"))
    return units


def paragraph_of(doc: Document, units: list[Span]) -> list[int]:
    """Paragraph number of each unit (paragraphs are separated by line breaks)."""
    breaks = [m.start() for m in re.finditer("\n", doc.text)]
    return [bisect.bisect_left(breaks, u.start) for u in units]


_FOOTER = re.compile(r"^\s*(?:رابط الخبر|المصدر\s*:|اقرأ (?:أيضا|ايضا|أيضاً)|حقوق (?:النشر|الطبع))")


def headline_paragraphs(doc: Document) -> set[int]:
    """Paragraphs that only repeat what the body tells: a short first line without a final period
    and footers such as `رابط الخبر`."""
    out: set[int] = set()
    lines = doc.text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        line = lines[first].strip()
        if len(line.split()) <= 20 and not line.endswith((".", "!", "؟", "?")) and len(lines) > first + 1:
            out.add(first)
    for i, line in enumerate(lines):
        if _FOOTER.match(line):
            out.add(i)
    return out


# --- filters ----------------------------------------------------------------------------------------

# A daily paper reports the events of the last days; one dated three weeks or more before the issue
# is told as background ("وفي 26 يونيو الماضي ...").
HISTORY_DAYS = 20
# A toll this large sums many events.
AGGREGATE_TOLL = 1000

HISTORY_SENTENCE = _a(
    "filter.history.sentence",
    Phase.FILTER,
    f"a sentence with a date more than {HISTORY_DAYS} days before the issue tells history (a date counts by "
    "the last day it covers; without an issue date, an explicit year alone is history)",
    (Example("وفي 26 يونيو 2016 قتل ثلاثة جنود في هجوم على حاجز في الرميلة.", "2017-03-15"),),
    (Example("وفي 12 مارس 2017 قتل ثلاثة جنود في هجوم على حاجز في الرميلة.", "2017-03-15"),),
    Scope.SENTENCE,
)
HISTORY_CARRIED = _a(
    "filter.history.carried_date",
    Phase.FILTER,
    f"an incident whose day, carried from an earlier sentence, lies more than {HISTORY_DAYS} days "
    "before the issue",
    (
        Example(
            "بدأت الحملة على الرميلة في 3 يناير 2017.\nوقتل فيها ثلاثة جنود بانفجار عبوة ناسفة.",
            "2017-03-15",
        ),
    ),
    (
        Example(
            "بدأت الحملة على الرميلة في 13 مارس 2017.\nوقتل فيها ثلاثة جنود بانفجار عبوة ناسفة.",
            "2017-03-15",
        ),
    ),
    Scope.PARAGRAPH,
)
AFTER_ISSUE = _a(
    "filter.after_issue",
    Phase.FILTER,
    "an incident dated after the issue is a plan or a court date (لجلسة 17 أكتوبر), not news",
    (Example("وقال المتحدث إن الجيش سيبدأ يوم 17 أبريل 2017 قصف مواقع المسلحين في حلب.", "2017-03-15"),),
    (Example("هاجم مسلحون يوم 14 مارس 2017 حاجزا في حلب.", "2017-03-15"),),
    Scope.SENTENCE,
)
TOLL_AGGREGATE = _a(
    "filter.aggregate_toll",
    Phase.FILTER,
    f"a toll of {AGGREGATE_TOLL} or more sums many events",
    ("قتل 4844 مدنيا في غارات الطيران على البلاد.",),
    ("قتل 48 مدنيا في غارات الطيران على البلدة.",),
    Scope.SENTENCE,
)
SERIES = _a(
    "filter.series",
    Phase.FILTER,
    "a series of attacks (سلسلة هجمات، عدة هجمات) told with no day and no toll of its own is the "
    "background of the news, not an event",
    ("وكان التنظيم قد شن سلسلة هجمات على أسواق مزدحمة في نيجيريا وتشاد الشهر الماضي.",),
    ("شن المسلحون سلسلة هجمات على مواقع الجيش في حلب أمس.",),
    Scope.SENTENCE,
)

UNIT_RULES: tuple[ArticleRule, ...] = (CHAINED_REPORT, HEADLINE)
FILTER_RULES: tuple[ArticleRule, ...] = (
    HISTORY_SENTENCE,
    HISTORY_CARRIED,
    AFTER_ISSUE,
    TOLL_AGGREGATE,
    SERIES,
)


def period_end(date: Span) -> dt.date | None:
    """The last day a DATE span covers (its day, the end of its month or of its year)."""
    value = date.attrs.get("value")
    if not isinstance(value, str):
        return None
    try:
        when = dt.date.fromisoformat(value)
    except ValueError:
        return None
    precision = date.attrs.get("precision")
    if precision == "year":
        return when.replace(month=12, day=31)
    if precision == "month":
        following = (when.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return when


def too_old(view: SentenceView, doc_date: dt.date | None) -> bool:
    """A sentence dated well before publication reports history, not the news.

    A date counts by the last day it covers (`عام 2008` in an article of March 2008 is not old).
    Without a publication date, a sentence dated only by an explicit year (`عام 2004`) is history
    unless it also names a recent day (`قتل أمس ... في عام 2008`).
    """
    if doc_date is None:
        return not any(d.attrs.get("relative") for d in view.dates) and any(
            d.attrs.get("precision") == "year" and not d.attrs.get("relative") for d in view.dates
        )
    for d in view.dates:
        end = period_end(d)
        if end is not None and (doc_date - end).days > HISTORY_DAYS:
            return True
    return False


def incident_day(inc: Incident) -> dt.date | None:
    """The incident's ISO date as a date, or None when it has none (or a malformed one)."""
    value = inc.fields.get("date")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def dated_after(inc: Incident, doc_date: dt.date | None) -> bool:
    """An incident dated after the issue is a plan or a court date ("لجلسة 17 أكتوبر"), not news."""
    day = incident_day(inc)
    return doc_date is not None and day is not None and day > doc_date + dt.timedelta(days=1)


def dated_long_ago(inc: Incident, doc_date: dt.date | None) -> bool:
    """An incident whose day, carried from an earlier sentence, lies weeks before the issue: the
    sentence goes on about that history ("كما أسفرت الغارات عن مقتل 2076 مقاتلا" after a report
    that starts in October 2014)."""
    day = incident_day(inc)
    if doc_date is None or day is None or inc.fields.get("time_precision") not in (1, 2):
        return False
    return (doc_date - day).days > HISTORY_DAYS


def filtered_by(inc: Incident, doc_date: dt.date | None) -> str | None:
    """The filter rule that drops a bound incident, or None."""
    if dated_long_ago(inc, doc_date):
        return HISTORY_CARRIED.id
    if (inc.fields.get("fatalities") or 0) >= AGGREGATE_TOLL:
        return TOLL_AGGREGATE.id
    if dated_after(inc, doc_date):
        return AFTER_ISSUE.id
    if inc.summary and not inc.has_day and inc.fields.get("fatalities") is None:
        return SERIES.id
    return None


# --- merges -----------------------------------------------------------------------------------------

SPLIT_PLACES = _a(
    "merge.split_places",
    Phase.MERGE,
    "one incident per place of a coordinated list told in one breath (غارات على أ وب وج); the toll stays "
    "with the first",
    ("شنت الطائرات غارات على حلب وإدلب أمس.",),
    ("شنت الطائرات غارات على حلب أمس.",),
    Scope.SENTENCE,
)
SHARE_TOLL = _a(
    "merge.share_toll",
    Phase.MERGE,
    "one toll per sentence: it belongs to the clash if there is one, else to the first incident",
    ("قتل خمسة جنود في اشتباكات وقصف مدفعي على حلب أمس.",),
    ("قتل خمسة جنود في اشتباكات على حلب أمس.",),
    Scope.SENTENCE,
)
ARTICLE_NAMES = _a(
    "merge.article_names",
    Phase.MERGE,
    "a linked actor is named by the form the article uses most for it (then the most complete, the earliest)",
    ("قصف الجيش السوري حلب أمس. وقالت المصادر إن قوات النظام قصفت إدلب، وإن قوات النظام قصفت درعا.",),
    ("هاجم مسلحون الرميلة أمس.",),
)
ADOPT_SPECIFIC = _a(
    "merge.adopt_specific",
    Phase.MERGE,
    "a generic telling (العمل الإرهابي الذي استهدف المسجد) takes the kind of the one bombing the article "
    "tells at the same place and on a compatible day, unless it has a toll of its own",
    ("فجر انتحاري نفسه في مسجد بحلب أمس. ووقع الهجوم الذي استهدف المسجد في حلب أثناء الصلاة.",),
    ("فجر انتحاري نفسه في مسجد بحلب أمس. وهاجم مسلحون مركزا للشرطة في إدلب.",),
)
COUNTRY_DETAIL = _a(
    "merge.country_detail",
    Phase.MERGE,
    "an event placed only at a country or governorate yields to events of the same kind told place by "
    "place in its area, unless it has a toll of its own",
    ("شنت الطائرات غارات على العراق أمس. واستهدفت غارة منها الرمادي.",),
    ("شنت الطائرات غارات على الرمادي أمس.",),
)
HEADLINE_YIELDS = _a(
    "merge.headline",
    Phase.MERGE,
    "an incident of a headline or footer yields to the body's incidents of the same type",
    ("مقتل ثلاثة جنود في هجوم على حاجز في حلب أمس\nقتل ثلاثة جنود في هجوم على حاجز في حلب أمس.",),
    ("قتل ثلاثة جنود في هجوم على حاجز في حلب أمس.",),
)
SUMMARY_YIELDS = _a(
    "merge.summary",
    Phase.MERGE,
    "a summary of several attacks yields to a detail of the same day in its area",
    (
        "قتل عشرة أشخاص في هجمات متفرقة في بغداد أمس. وانفجرت سيارة مفخخة في حي الكرادة ببغداد أمس.",
        "قتل عشرون شخصا أمس في بغداد في سلسلة من التفجيرات. وانفجرت سيارة مفخخة في حي الكرادة ببغداد أمس.",
    ),
    ("قتل عشرة أشخاص في هجمات متفرقة في بغداد أمس.",),
)
UNPLACED_YIELDS = _a(
    "merge.unplaced",
    Phase.MERGE,
    "a telling that names no place yields to a placed incident of the same event type on a compatible "
    "day and with no other initiator, which takes the fields it lacks (a lead \"في بلدة قريبة من "
    "الحدود\" before the body's town)",
    (
        "قتل ثلاثون شخصا في انفجار استهدف مركزا ثقافيا أمس. وكان انتحاري قد فجر نفسه في مركز ثقافي "
        "ببلدة سروج أمس.",
    ),
    ("قتل ثلاثون شخصا في انفجار استهدف مركزا ثقافيا أمس.",),
)
RETOLD = _a(
    "merge.retold",
    Phase.MERGE,
    "a later telling with no place of its own, or at a place within the first one's, by a generic word "
    "or death words (الهجوم خلف خمسين قتيلا) on a compatible day, is the event told before; not when it "
    "is told as another one (وفي هجوم آخر) or has a toll of its own",
    ("فجر انتحاري نفسه في مسجد بحلب أمس. وأكد الأهالي أن الهجوم خلف خمسين قتيلا.",),
    (
        "فجر انتحاري نفسه في مسجد بحلب أمس. وفي هجوم آخر قتل خمسة جنود.",
        "دارت اشتباكات عنيفة في بلدة الرميلة أمس، وهاجمت طائرة حربية مواقع المسلحين جنوب البلدة.",
    ),
)
CIRCUMSTANCES = _a(
    "score.group.circumstances",
    Phase.SCORE,
    "the next sentence that tells where and when an event happened through a definite word of any "
    "violence (ووقع الهجوم الاثنين في منطقة لامو) completes the report before it: the two are one "
    "mention group, decided on their joint evidence, and the report takes the missing place and day",
    ("قتل مسلحون خمسة جنود في هجوم على آلية للشرطة. ووقع الهجوم الاثنين في بلدة الرميلة.",),
    (
        "قتل مسلحون خمسة جنود في هجوم على آلية للشرطة. وسبق أن شهدت البلدة هجمات مماثلة.",
        "قتل مسلحون خمسة جنود في هجوم على آلية للشرطة في بلدة الرميلة الاثنين. ووقع الهجوم قرب السوق.",
    ),
)
SAME_EVENT = _a(
    "merge.same_event",
    Phase.MERGE,
    "the same type, place and day (actors not in conflict) is one event: the fuller telling is kept and "
    "takes the other's fields; the lowest toll wins (ACLED)",
    ("قصفت الطائرات حلب أمس. وأسفر قصف الطائرات على حلب أمس عن مقتل ثلاثة.",),
    ("قصفت الطائرات حلب أمس. وقصفت الطائرات إدلب أمس.",),
)

PLACE_FROM_ARTICLE = _a(
    "merge.place_from_article",
    Phase.MERGE,
    "an incident placed only at a country takes the first town, village or site of that country the "
    "article names (its headline or lead); one with no place takes the article's only such place",
    ("فرضت السلطات حظر التجول في مدينة جزرة. وقتل ثلاثة جنود في هجوم في جنوب شرق تركيا أمس.",),
    ("قتل ثلاثة جنود في هجوم على حاجز في تركيا أمس.",),
)
ACTOR_FROM_SIBLING = _a(
    "merge.actor_from_sibling",
    Phase.MERGE,
    "an incident with no initiator takes the initiator of the article's other incidents of the same "
    "sub-type when they agree (the strikes of one air force told place by place)",
    ("قصف طيران التحالف صعدة أمس. كما استهدفت غارات مواقع في حجة أمس.",),
    ("قصف طيران التحالف صعدة أمس.",),
)
ACTOR_FROM_CLAIM = _a(
    "merge.actor_from_claim",
    Phase.MERGE,
    "an incident with no initiator takes the group that claimed or was blamed without hedging in the "
    "article (تبنى، أعلن مسؤوليته، نسبت السلطات الهجوم إلى)",
    ("انفجرت سيارة مفخخة في سوق الموصل أمس. وتبنى تنظيم داعش الهجوم في بيان.",),
    ("انفجرت سيارة مفخخة في سوق الموصل أمس. ويرجح أن تنظيم داعش يقف وراء الهجوم.",),
)

RULES: tuple[ArticleRule, ...] = (
    CIRCUMSTANCES,
    SPLIT_PLACES,
    SHARE_TOLL,
    ARTICLE_NAMES,
    ADOPT_SPECIFIC,
    COUNTRY_DETAIL,
    HEADLINE_YIELDS,
    UNPLACED_YIELDS,
    SUMMARY_YIELDS,
    SAME_EVENT,
    RETOLD,
    PLACE_FROM_ARTICLE,
    ACTOR_FROM_SIBLING,
    ACTOR_FROM_CLAIM,
)


def share_casualties(incidents: list[Incident]) -> None:
    """One toll per sentence: it belongs to the clash if there is one, else to the first incident."""
    if len(incidents) < 2:
        return
    owner = next((i for i in incidents if i.event_type == lx.BATTLES), incidents[0])
    for inc in incidents:
        if inc is not owner:
            for key in ("fatalities", "injuries"):
                if inc.fields.get(key) is not None:
                    inc.shaped(SHARE_TOLL.id)
                inc.fields[key] = None
                inc.fields_evidence.pop(key, None)


_AND_LIST = re.compile(r"^\s*(?:،|,)?\s*و\s*$|^\s*(?:،|,)\s*$")


def split_coordinated(view: SentenceView, incidents: list[Incident]) -> list[Incident]:
    """`غارات على ديرلوك وحفطنين وخواكورك`: one incident per place of a coordinated list."""
    out: list[Incident] = []
    places = [e for e in view.entities if e.label == "LOC"]
    text = view.doc.text
    for inc in incidents:
        out.append(inc)
        loc = inc.fields_evidence.get("location")
        if loc is None:
            continue
        chain = [p for p in places if p.start == loc[0]]
        if not chain:
            continue
        current = chain[0]
        for nxt in places:
            if nxt.start <= current.end:
                continue
            if not _AND_LIST.match(text[current.end : nxt.start].replace("ال", "", 0)):
                break
            clone = replace(
                inc, fields=dict(inc.fields), fields_evidence=dict(inc.fields_evidence), rules=list(inc.rules)
            )
            clone.fields.update(place_fields(text, nxt))
            clone.fields_evidence["location"] = (nxt.start, nxt.end)
            clone.fields["fatalities"] = clone.fields["injuries"] = None
            clone.shaped(SPLIT_PLACES.id)
            inc.shaped(SPLIT_PLACES.id)
            out.append(clone)
            current = nxt
    return out


def _country_level(inc: Incident) -> bool:
    """The incident is placed only at a country or governorate (gazetteer ids `cty-`, `adm1-`)."""
    return str(inc.fields.get("location_id") or "").startswith(("cty-", "adm1-"))


def _within(detail: Incident, coarse: Incident) -> bool:
    """The detail lies in the coarse incident's area: its country, or its governorate when the
    coarse one is placed at a governorate (strikes in Zabadani do not detail strikes on Daraa)."""
    if str(coarse.fields.get("location_id") or "").startswith("adm1-"):
        return detail.fields.get("admin1") == coarse.fields.get("admin1")
    return True


def key_place(inc: Incident) -> str:
    return normalize_word(str(inc.fields.get("location") or ""))


def same_day(a: Incident, b: Incident) -> bool:
    """The two incidents may be on the same day: equal dates, or one of them undated."""
    da, db = a.fields.get("date"), b.fields.get("date")
    return da is None or db is None or da == db


def merge(incidents: list[Incident], article_rules: list[str]) -> list[Incident]:
    """One incident per event: same type, place and day merge; summaries yield to their details."""
    details = [i for i in incidents if not i.summary and not i.headline]
    kept: list[Incident] = []
    for inc in incidents:
        if (
            inc.fields.get("geo_precision") == 3
            and _country_level(inc)
            and any(
                d is not inc
                and d.sub_event_type == inc.sub_event_type
                and d.fields.get("geo_precision") in (1, 2)
                and d.fields.get("country") in (inc.fields.get("country"), None)
                and _within(d, inc)
                and inc.fields.get("fatalities") in (None, d.fields.get("fatalities"))
                for d in details
            )
        ):
            # "strikes in Iraq" when the strikes are told place by place; a country-level event
            # with a toll of its own ("37 killed on Friday in two bombings in Nigeria") stays
            inc.trace.drop(COUNTRY_DETAIL.id)
            continue
        if inc.headline and any(d.event_type == inc.event_type for d in details):
            inc.trace.drop(HEADLINE_YIELDS.id)
            continue
        placed = None
        if not inc.fields.get("location"):
            placed = next(
                (
                    d
                    for d in details
                    if d is not inc
                    and d.fields.get("location")
                    and d.event_type == inc.event_type
                    and same_day(d, inc)
                    and inc.fields.get("actor1") in (None, d.fields.get("actor1"))
                ),
                None,
            )
        if placed is not None:
            inc.trace.drop(UNPLACED_YIELDS.id)
            placed.shaped(UNPLACED_YIELDS.id)
            _take_missing(placed, inc)
            continue
        if inc.summary and any(
            d is not inc
            and d.fields.get("date") == inc.fields.get("date")
            and (d.fields.get("admin1") == inc.fields.get("admin1") or key_place(d) == key_place(inc))
            and d.event_type in VIOLENT
            for d in details
        ):
            inc.trace.drop(SUMMARY_YIELDS.id)
            continue
        kept.append(inc)
    out: list[Incident] = []
    for inc in kept:
        twin = next(
            (
                o
                for o in out
                if o.sub_event_type == inc.sub_event_type
                and o.event_type == inc.event_type
                and key_place(o)
                and key_place(o) == key_place(inc)
                and 3 not in (o.fields.get("geo_precision"), inc.fields.get("geo_precision"))
                and same_day(o, inc)
                and (
                    o.fields.get("actor1") is None
                    or inc.fields.get("actor1") is None
                    or o.fields.get("actor1") == inc.fields.get("actor1")
                )
            ),
            None,
        )
        if twin is None:
            out.append(inc)
            continue
        if twin.fields.get("date") is None and inc.fields.get("date") is not None:
            # Keep the fuller telling as the incident's evidence.
            out[out.index(twin)] = inc
            twin, inc = inc, twin
        inc.trace.drop(SAME_EVENT.id)
        twin.shaped(SAME_EVENT.id)
        for key, value in inc.fields.items():
            if twin.fields.get(key) is None and value is not None:
                twin.fields[key] = value
                if key in inc.fields_evidence:
                    twin.fields_evidence[key] = inc.fields_evidence[key]
        for key in ("fatalities", "injuries"):
            a, b = twin.fields.get(key), inc.fields.get(key)
            if a is not None and b is not None:
                twin.fields[key] = min(a, b)  # ACLED: the lowest reported figure
    if len(out) < len(incidents):
        article_rules.append(SAME_EVENT.id)
    return _merge_retold(out)


_RETELLING_KINDS = frozenset({"attack", "killing"})


def _contains(coarse: Incident, detail: Incident) -> bool:
    """The detail's place lies within the coarse one's: same place, or the coarse one is placed at a
    country or governorate that holds the detail."""
    if key_place(coarse) and key_place(coarse) == key_place(detail):
        return True
    if coarse.fields.get("geo_precision") != 3 or not _country_level(coarse):
        return False
    if coarse.fields.get("country") not in (detail.fields.get("country"), None):
        return False
    return _within(detail, coarse)


def _retells(later: Incident, earlier: Incident) -> bool:
    """Whether `later` is `earlier` told again (see `RETOLD`)."""
    # A generic word or death words may retell any violent event; a word retyped by its context
    # (an attack by aircraft is an air strike) tells its own kind.
    retelling = later.generic and later.trace.kind in _RETELLING_KINDS
    if later.another or (not retelling and later.sub_event_type != earlier.sub_event_type):
        return False
    if earlier.event_type not in VIOLENT or later.event_type not in VIOLENT:
        return False
    if later.event_type != earlier.event_type and not retelling:
        return False
    if later.own_place and not _contains(later, earlier):
        return False
    if not same_day(later, earlier):
        return False
    return not _disagree(earlier, later)  # a toll or an initiator of its own: another event


def _disagree(a: Incident, b: Incident, keys: tuple[str, ...] = ("fatalities", "injuries", "actor1")) -> bool:
    """Whether the two tellings give different values for one of `keys` (both given)."""
    return any(
        a.fields.get(k) is not None and b.fields.get(k) is not None and a.fields.get(k) != b.fields.get(k)
        for k in keys
    )


_TELLING_FIELDS = ("fatalities", "injuries", "actor1", "actor2", "date", "time_precision")


def _take_missing(kept: Incident, told: Incident) -> None:
    """`kept`, the incident another telling yields to, takes the telling's toll, actors and date
    where it has none, with their evidence (`RETOLD`, `UNPLACED_YIELDS`)."""
    for key in _TELLING_FIELDS:
        value = told.fields.get(key)
        if kept.fields.get(key) is None and value is not None:
            kept.fields[key] = value
            if key in told.fields_evidence:
                kept.fields_evidence[key] = told.fields_evidence[key]


_PLACE_FIELDS = ("location", "location_id", "admin1", "country", "latitude", "longitude", "geo_precision")
_DEFINITE = re.compile(r"^(?:[وف])?(?:[بل])?ال")


def completes(later: Incident, earlier: Incident, doc_text: str) -> bool:
    """Whether `later`, told in the unit right after `earlier`, gives the circumstances of the same
    event (see `CIRCUMSTANCES`): a definite generic word of violence, no toll or actor of its own
    that disagrees, and a place or a day `earlier` lacks."""
    if not later.generic or later.another or later.trace.kind not in _RETELLING_KINDS:
        return False
    if earlier.event_type not in VIOLENT or later.event_type not in VIOLENT:
        return False
    word = normalize_word(doc_text[later.trigger[0] : later.trigger[1]].split()[0])
    if not _DEFINITE.match(word) or _disagree(earlier, later):
        return False
    gives_place = later.own_place and not earlier.own_place
    gives_day = later.has_day and not earlier.has_day
    return gives_place or gives_day


def take_circumstances(earlier: Incident, later: Incident) -> float:
    """`earlier` takes the place and day `later` names; returns the evidence they add to its score
    (the weights of a place and a day named in its own sentence, less what it had for them)."""
    gain = 0.0
    if later.own_place and not earlier.own_place:
        for key in _PLACE_FIELDS:
            earlier.fields[key] = later.fields.get(key)
        if "location" in later.fields_evidence:
            earlier.fields_evidence["location"] = later.fields_evidence["location"]
        earlier.own_place = True
        gain += _weight("score.place.in_sentence") - _signal_gain(earlier, "score.place.elsewhere")
    if later.has_day and not earlier.has_day:
        for key in ("date", "time_precision"):
            earlier.fields[key] = later.fields.get(key)
        if "date" in later.fields_evidence:
            earlier.fields_evidence["date"] = later.fields_evidence["date"]
        earlier.has_day = True
        gain += _weight("score.date.day") - _signal_gain(earlier, "score.date.inherited")
    return gain


def _weight(signal_id: str) -> float:
    return next(s.weight for s in SIGNALS if s.id == signal_id)


def _signal_gain(inc: Incident, signal_id: str) -> float:
    return _weight(signal_id) * inc.signals.get(signal_id, 0.0)


def _merge_retold(incidents: list[Incident]) -> list[Incident]:
    out: list[Incident] = []
    for inc in incidents:
        earlier = next((o for o in reversed(out) if _retells(inc, o)), None)
        if earlier is None:
            out.append(inc)
            continue
        inc.trace.drop(RETOLD.id)
        earlier.shaped(RETOLD.id)
        _take_missing(earlier, inc)
    return out


def adopt_specific(incidents: list[Incident]) -> None:
    """A generic telling ("العمل الإرهابي الذي استهدف مسجدا في عسير") takes the kind of the one
    bombing the article tells at the same place and on a compatible day ("تفجير انتحاري في مسجد
    بعسير"), so that the two merge into one incident instead of a clash beside a bombing. A toll of
    its own (4 killed in an attack beside 13 in the bombing) keeps it a separate incident."""
    specific = [i for i in incidents if not i.generic and i.event_type == lx.EXPLOSIONS and key_place(i)]
    for inc in incidents:
        if not inc.generic or not key_place(inc):
            continue
        kinds = {
            (s.event_type, s.sub_event_type)
            for s in specific
            if key_place(s) == key_place(inc)
            and same_day(s, inc)
            and inc.fields.get("fatalities") in (None, s.fields.get("fatalities"))
        }
        if len(kinds) == 1:
            inc.event_type, inc.sub_event_type = kinds.pop()
            inc.shaped(ADOPT_SPECIFIC.id)


def article_names(doc: Document, incidents: list[Incident]) -> None:
    """Name each linked actor by the article's most used form for it (then the one with the most
    words, then the earliest), the same in every incident. Unlinked actors keep their words; the
    evidence span still points at the mention.

    The order was chosen on all 120 gold-dev articles against two others (actor1/actor2 accuracy on
    matched incidents, d-articles | first 15): the most words first .557/.557 | .543/.478; the most
    used first .588/.567 | .565/.500; the first mention .567/.577 | .543/.457."""
    forms: dict[str, dict[str, list[int]]] = {}
    for e in doc.layers.get("entities", []):
        key = e.attrs.get("canonical_id")
        if key is None or e.label not in ("ORG", "ACTOR", "PER"):
            continue
        form = actor_name(doc.text, e)
        seen = forms.setdefault(str(key), {}).setdefault(form, [0, e.start])
        seen[0] += 1
    # The name the article uses most for the actor (issue 15), then its most complete, then the earliest.
    preferred = {
        key: min(names.items(), key=lambda kv: (-kv[1][0], -len(kv[0].split()), kv[1][1]))[0]
        for key, names in forms.items()
    }
    for inc in incidents:
        for role in ("actor1", "actor2"):
            best = preferred.get(str(inc.fields.get(f"{role}_id")))
            if best is not None and inc.fields.get(role) is not None:
                if inc.fields[role] != best:
                    inc.shaped(ARTICLE_NAMES.id)
                inc.fields[role] = best


# --- initiators from the article -------------------------------------------------------------------

_GENERIC_ACTOR = ("gen-",)


def place_from_article(doc: Document, incidents: list[Incident]) -> None:
    """`PLACE_FROM_ARTICLE`: a country-level incident ("قتل 3 من الشرطة في جنوب شرق تركيا") takes the
    first specific place of that country the article names (ACLED codes the most specific place the
    report gives); an unplaced incident takes the article's specific place when there is only one.
    Places inside a name and places of another country are not candidates."""
    text = doc.text
    specific = [
        e
        for e in doc.layers.get("entities", [])
        if e.label == "LOC"
        and str(e.attrs.get("feature", "")) not in COARSE_FEATURES
        and not e.attrs.get("nested")
    ]
    if not specific:
        return
    distinct = {normalize_word(text[e.start : e.end]) for e in specific}
    for inc in incidents:
        country = inc.fields.get("country")
        place: Span | None = None
        if inc.fields.get("location") is None:
            place = specific[0] if len(distinct) == 1 else None
        elif str(inc.fields.get("location_id") or "").startswith("cty-"):
            place = next((e for e in specific if e.attrs.get("country") in (None, country)), None)
        if place is None:
            continue
        inc.fields.update(place_fields(text, place))
        if inc.fields.get("country") is None:
            inc.fields["country"] = country  # a village the gazetteer lacks: still in that country
        inc.fields["geo_precision"] = place_precision(place)
        inc.fields_evidence["location"] = (place.start, place.end)
        inc.shaped(PLACE_FROM_ARTICLE.id)


def claimed_groups(view: SentenceView) -> list[Span]:
    """Groups a unit says claimed an attack or were blamed for it without hedging."""
    out: list[Span] = []
    cues = view.find(lx.CLAIM)
    if not cues:
        return out
    hedges = view.find(lx.HEDGE)
    groups = [
        e
        for e in view.entities
        if e.label in ("ORG", "ACTOR")
        and not str(e.attrs.get("canonical_id") or "").startswith(_GENERIC_ACTOR)
        and e.attrs.get("actor_kind") not in ("media", "agency", "government")
    ]
    for c0, c1 in cues:
        near = [
            g
            for g in groups
            if (g.start >= c1 and view.words_between(c1, g.start) <= 8)
            or (g.end <= c0 and view.words_between(g.end, c0) <= 3)
        ]
        near = [
            g
            for g in near
            if not any(h[1] <= g.start and view.words_between(h[1], g.start) <= 6 for h in hedges)
        ]
        if near:
            out.append(min(near, key=lambda g: min(abs(g.start - c1), abs(c0 - g.end))))
    return out


def fill_actors(doc: Document, incidents: list[Incident], claims: list[Span]) -> None:
    """Initiators for incidents the text leaves without one in their sentence (`ACTOR_FROM_SIBLING`,
    `ACTOR_FROM_CLAIM`)."""
    for inc in incidents:
        if inc.fields.get("actor1") is not None or inc.event_type not in VIOLENT:
            continue
        siblings = {
            o.fields.get("actor1")
            for o in incidents
            if o is not inc and o.sub_event_type == inc.sub_event_type and o.fields.get("actor1")
        }
        if len(siblings) == 1:
            (name,) = siblings
            source = next(o for o in incidents if o.fields.get("actor1") == name)
            for key in ("actor1", "actor1_id", "actor1_canonical", "inter1"):
                if source.fields.get(key) is not None:
                    inc.fields[key] = source.fields[key]
            inc.shaped(ACTOR_FROM_SIBLING.id)
            continue
        named = {str(c.attrs.get("canonical_id") or actor_name(doc.text, c)) for c in claims}
        if len(named) == 1 and inc.fields.get("actor2_id") != claims[0].attrs.get("canonical_id"):
            c = claims[0]
            inc.fields["actor1"] = actor_name(doc.text, c)
            inc.fields["actor1_id"] = c.attrs.get("canonical_id")
            inc.fields["actor1_canonical"] = c.attrs.get("canonical")
            inc.fields["inter1"] = c.attrs.get("inter")
            inc.fields_evidence["actor1"] = (c.start, c.end)
            inc.shaped(ACTOR_FROM_CLAIM.id)
