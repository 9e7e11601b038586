"""The analyst report, in Arabic or English, as HTML (charts inline as SVG) and as PDF (WeasyPrint).

Contents: title, period and filters, headline figures (incidents, fatalities and injuries by event
type), the timeline, fatalities by governorate, the most active actors, the incident map on the
offline basemap, the incident table (right to left for Arabic: the browser or WeasyPrint mirrors
`dir="rtl"` tables, so columns read in order) and the chosen articles with their entities
highlighted. The PDF is rendered by WeasyPrint (Pango shaping, real text layer) with the bundled
Amiri font, so `pdftotext` finds the Arabic words as ordinary letters, chart labels included (they
are HTML text over the SVG shapes: `desktop.export.svg`).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import logging
import unicodedata
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import acled
from desktop.errors import InputError
from desktop.export import charts
from desktop.export.filters import ExportFilter, ExportSet, ProgressFn, collect
from desktop.export.records import ResolvedIncident, resolve
from desktop.export.svg import CHART_CSS, chart_html
from desktop.resources import resource_path
from desktop.store.entities import Entity
from desktop.store.event_ids import assign_event_ids

if TYPE_CHECKING:
    from desktop.store.project import Project

log = logging.getLogger(__name__)

MAX_ARTICLES = 50  # articles reproduced in full; the table still lists every incident

CSS = """
@font-face { font-family: "Amiri"; src: url("%(regular)s"); font-weight: normal; }
@font-face { font-family: "Amiri"; src: url("%(bold)s"); font-weight: bold; }
@page { size: A4; margin: 16mm 14mm; @bottom-center { content: counter(page) " / " counter(pages);
        font-family: "Amiri"; font-size: 9pt; color: #666; } }
body { font-family: "Amiri", serif; font-size: 11pt; line-height: 1.5; color: #222; }
h1 { font-size: 20pt; margin: 0 0 4pt; color: #1a3a5a; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; color: #1a3a5a; border-bottom: 1px solid #ccd; break-after: avoid; }
.meta { color: #555; font-size: 10pt; }
.figures { display: flex; gap: 8pt; margin: 8pt 0; }
.figure { flex: 1; border: 1px solid #ccd; border-radius: 4pt; padding: 6pt; text-align: center; }
.figure b { display: block; font-size: 18pt; color: #a93226; }
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; }
th, td { border: 1px solid #ccd; padding: 2pt 4pt; vertical-align: top; text-align: start; }
th { background: #eef2f7; }
tr { break-inside: avoid; }
td.num { text-align: end; white-space: nowrap; }
.pair { display: flex; gap: 8px; }
.article { margin: 10pt 0; padding: 6pt 8pt; border: 1px solid #dde; border-radius: 4pt; break-inside: auto; }
.article h3 { margin: 0 0 2pt; font-size: 12pt; }
mark { padding: 0 1pt; border-radius: 2pt; }
mark.PER { background: #fde2c8; } mark.ORG { background: #d6e9f8; } mark.LOC { background: #d8f0d2; }
mark.other { background: #eee2f5; }
.legend mark { margin: 0 4pt; }
"""

LABELS = {
    "title": ("تقرير الحوادث", "Incident report"),
    "period": ("الفترة", "Period"),
    "generated": ("أُنشئ في", "Generated"),
    "project": ("المشروع", "Project"),
    "filters": ("المرشّحات", "Filters"),
    "none": ("لا شيء", "none"),
    "headline": ("أرقام رئيسية", "Headline figures"),
    "incidents": ("الحوادث", "Incidents"),
    "fatalities": ("القتلى", "Fatalities"),
    "injuries": ("الجرحى", "Injuries"),
    "by_type": ("حسب نوع الحدث", "By event type"),
    "type": ("نوع الحدث", "Event type"),
    "charts": ("الرسوم البيانية", "Charts"),
    "map": ("الخريطة", "Map"),
    "table": ("جدول الحوادث", "Incident table"),
    "articles": ("المقالات", "Articles"),
    "id": ("المعرّف", "ID"),
    "date": ("التاريخ", "Date"),
    "sub": ("النوع الفرعي", "Sub-event type"),
    "actor1": ("الفاعل 1", "Actor 1"),
    "actor2": ("الفاعل 2", "Actor 2"),
    "location": ("المكان", "Location"),
    "admin1": ("المحافظة", "Governorate"),
    "status": ("المراجعة", "Review"),
    "source": ("المصدر", "Source"),
    "unknown": ("غير معروف", "unknown"),
    "more": ("مقالات أخرى غير معروضة", "more articles not shown"),
    "entities": ("الكيانات", "Entities"),
    "total": ("المجموع", "Total"),
}
STATUS_AR = {"new": "جديد", "accepted": "مقبول", "rejected": "مرفوض", "edited": "معدّل"}
ENTITY_LABELS = {"PER": ("أشخاص", "People"), "ORG": ("منظمات", "Organisations"), "LOC": ("أماكن", "Places")}


def _l(key: str, arabic: bool) -> str:
    return LABELS[key][0 if arabic else 1]


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _ltr(text: object) -> str:
    """Escaped text kept left-to-right inside Arabic lines (dates, times, ids)."""
    return f'<span dir="ltr">{_e(text)}</span>'


def highlight(text: str, entities: list[Entity]) -> str:
    """HTML of an article's text with its (non-rejected, non-overlapping) entities in `<mark>`s."""
    out: list[str] = []
    pos = 0
    for e in sorted((e for e in entities if e.status != "rejected"), key=lambda e: (e.start, -e.end)):
        if e.start < pos or e.end > len(text):
            continue
        cls = e.type if e.type in ENTITY_LABELS else "other"
        out.append(_e(text[pos : e.start]))
        out.append(f'<mark class="{cls}" title="{_e(e.type)}">{_e(text[e.start : e.end])}</mark>')
        pos = e.end
    out.append(_e(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def text_direction(text: str) -> str | None:
    """`rtl` or `ltr` by the first strong character (the Unicode bidi algorithm's rule P2), else None."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def _dir(text: str, default: str) -> str:
    return f' dir="{text_direction(text) or default}"'


def highlight_paragraphs(text: str, entities: list[Entity], default: str) -> str:
    """The article's text as `<p>`s, one per line, each with the direction of its own content (an
    Arabic paragraph stays right-to-left under a Latin title); entities highlighted within a line."""
    out: list[str] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        inside = [
            replace(e, start=e.start - start, end=e.end - start)
            for e in entities
            if start <= e.start and e.end <= end
        ]
        if line.strip():
            out.append(f"<p{_dir(line, default)}>{highlight(line, inside)}</p>")
        start = end + 1
    return "".join(out)


def _font_url(name: str, embed: bool) -> str:
    """The font as a data: URI (a report that can be sent on), or its file URL (PDF rendering here)."""
    path = resource_path("fonts", name)
    if not embed:
        return path.as_uri()
    return "data:font/ttf;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _headline(records: list[ResolvedIncident], arabic: bool) -> str:
    total_f = sum(r.fatalities or 0 for r in records)
    total_i = sum(r.injuries or 0 for r in records)
    parts = [
        '<div class="figures">',
        *(
            f'<div class="figure"><b>{v}</b>{_l(k, arabic)}</div>'
            for k, v in (("incidents", len(records)), ("fatalities", total_f), ("injuries", total_i))
        ),
        "</div>",
    ]
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in records:
        row = by[r.event_type or "?"]
        row[0] += 1
        row[1] += r.fatalities or 0
        row[2] += r.injuries or 0
    parts.append(
        f"<table><tr><th>{_l('type', arabic)}</th><th>{_l('incidents', arabic)}</th>"
        f"<th>{_l('fatalities', arabic)}</th><th>{_l('injuries', arabic)}</th></tr>"
    )
    order = [t for t in acled.EVENT_TYPE_NAMES if t in by] + [
        t for t in by if t not in acled.EVENT_TYPE_NAMES
    ]
    for t in order:
        n, f, i = by[t]
        parts.append(
            f"<tr><td>{_e(acled.event_label(t, arabic))}</td><td class='num'>{n}</td>"
            f"<td class='num'>{f}</td><td class='num'>{i}</td></tr>"
        )
    parts.append(
        f"<tr><th>{_l('total', arabic)}</th><th class='num'>{len(records)}</th>"
        f"<th class='num'>{total_f}</th><th class='num'>{total_i}</th></tr></table>"
    )
    return "\n".join(parts)


def _table(records: list[ResolvedIncident], ids: dict[int, str], arabic: bool) -> str:
    cols = (
        "id",
        "date",
        "type",
        "sub",
        "actor1",
        "actor2",
        "location",
        "admin1",
        "fatalities",
        "injuries",
        "status",
    )
    head = "".join(f"<th>{_l(c, arabic)}</th>" for c in cols)
    rows = []
    for r in records:
        status = STATUS_AR.get(r.status, r.status) if arabic else r.status
        cells = (
            ids[r.id],
            r.event_date,
            acled.event_label(r.event_type, arabic),
            acled.event_label(r.sub_event_type, arabic),
            r.actor1,
            r.actor2,
            r.location,
            r.admin1,
        )
        tds = "".join(f"<td>{_e(c)}</td>" for c in cells)
        fat = "" if r.fatalities is None else r.fatalities
        inj = "" if r.injuries is None else r.injuries
        rows.append(
            f"<tr>{tds}<td class='num'>{fat}</td><td class='num'>{inj}</td><td>{_e(status)}</td></tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _period(records: list[ResolvedIncident], flt: ExportFilter, arabic: bool) -> str:
    dates = sorted(r.event_date for r in records if r.event_date)
    start = flt.date_from or (dates[0] if dates else "")
    end = flt.date_to or (dates[-1] if dates else "")
    if not start and not end:
        return _l("unknown", arabic)
    return f"{_ltr(start)} – {_ltr(end)}" if not arabic else f"من {_ltr(start)} إلى {_ltr(end)}"


def build_html(
    project: Project,
    flt: ExportFilter | None = None,
    lang: str = "ar",
    title: str | None = None,
    data: ExportSet | None = None,
    progress: ProgressFn | None = None,
    embed_fonts: bool = True,
) -> str:
    """The report as one self-contained HTML document: the fonts embedded as data URIs (with
    `embed_fonts=False`, by file URL, for the PDF renderer on this machine), charts inline."""
    if lang not in ("ar", "en"):
        raise InputError(f"Unknown report language {lang!r}; use ar or en.")
    arabic = lang == "ar"
    flt = flt or ExportFilter()
    data = data or collect(project, flt, progress=progress)
    records = [resolve(i, arabic=arabic) for i in data.incidents]
    ids = assign_event_ids(
        project, [(r.id, resolve(i).iso3) for r, i in zip(records, data.incidents, strict=True)]
    )
    if progress:
        progress(0, 4, "charts")
    # Sizes in CSS pixels: the A4 text block is 182 mm = 688 px wide.
    figs = []
    for n, (fn, w, h) in enumerate(
        (
            (charts.timeline, 680, 270),
            (charts.fatalities_by_admin1, 336, 270),
            (charts.top_actors, 336, 270),
            (charts.incident_map, 680, 490),
        )
    ):
        figs.append(chart_html(fn(records, arabic, w, h), fn.__name__))
        if progress:
            progress(n + 1, 4, "charts")
    css = (
        CSS
        % {
            "regular": _font_url("Amiri-Regular.ttf", embed_fonts),
            "bold": _font_url("Amiri-Bold.ttf", embed_fonts),
        }
        + CHART_CSS
    )
    title = title or _l("title", arabic)
    filters = flt.describe(arabic)
    out = [
        f'<!DOCTYPE html><html lang="{lang}" dir="{"rtl" if arabic else "ltr"}"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{css}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_l("period", arabic)}: {_period(records, flt, arabic)}<br>'
        f"{_l('project', arabic)}: {_e(project.path.name)}<br>"
        f"{_l('filters', arabic)}: {_e(('؛ ' if arabic else '; ').join(filters)) or _l('none', arabic)}<br>"
        f"{_l('generated', arabic)}: {_ltr(dt.datetime.now().strftime('%Y-%m-%d %H:%M'))}</p>",
        f"<h2>{_l('headline', arabic)}</h2>",
        _headline(records, arabic),
        f"<h2>{_l('charts', arabic)}</h2>",
        figs[0],
        f'<div class="pair">{figs[1]}{figs[2]}</div>',
        f"<h2>{_l('map', arabic)}</h2>",
        figs[3],
        f"<h2>{_l('table', arabic)}</h2>",
        _table(records, ids, arabic),
        f"<h2>{_l('articles', arabic)}</h2>",
        '<p class="legend">'
        + "".join(f'<mark class="{k}">{v[0] if arabic else v[1]}</mark>' for k, v in ENTITY_LABELS.items())
        + "</p>",
    ]
    for a in data.articles[:MAX_ARTICLES]:
        meta = " · ".join(_ltr(x) if x != a.source else _e(x) for x in (a.date, a.source, a.external_id) if x)
        heading = a.title or a.external_id
        base = "rtl" if arabic else "ltr"
        body = highlight_paragraphs(a.text, data.entities.get(a.id, []), text_direction(a.text) or base)
        out.append(
            f'<div class="article"><h3{_dir(heading, base)}>{_e(heading)}</h3>'
            f'<p class="meta">{meta}</p>{body}</div>'
        )
    if len(data.articles) > MAX_ARTICLES:
        out.append(f"<p class='meta'>+{len(data.articles) - MAX_ARTICLES} {_l('more', arabic)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def write_html(
    project: Project,
    out: str | Path,
    flt: ExportFilter | None = None,
    lang: str = "ar",
    progress: ProgressFn | None = None,
) -> int:
    """Write the HTML report; returns the number of incidents."""
    data = collect(project, flt, progress=progress)
    Path(out).write_text(build_html(project, flt, lang, data=data, progress=progress), encoding="utf-8")
    return len(data.incidents)


def write_pdf(
    project: Project,
    out: str | Path,
    flt: ExportFilter | None = None,
    lang: str = "ar",
    progress: ProgressFn | None = None,
) -> int:
    """Render the report to PDF with WeasyPrint; returns the number of incidents."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise InputError(f"PDF reports need WeasyPrint and Pango ({exc}); export HTML instead.") from exc
    data = collect(project, flt, progress=progress)
    document = build_html(project, flt, lang, data=data, progress=progress, embed_fonts=False)
    if progress:
        progress(0, 1, "pdf")
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    HTML(string=document, base_url=str(resource_path("fonts"))).write_pdf(str(out))
    if progress:
        progress(1, 1, "pdf")
    return len(data.incidents)
