"""Full-text search: Arabic normalization, clitics, phrases, booleans, filters, snippets, bad queries."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from rasid_stub import stub_extract, write_jsonl

from desktop.errors import QueryError
from desktop.ingest import import_paths, reextract
from desktop.store import ArticleFilter, Project
from desktop.store.search import parse_query

DOCS = [
    {
        "id": "m1",
        "date": "2024-01-10",
        "text": "سقطت قذيفة هاون في هجوم وبالموصل القديمة صباح اليوم وأصابت ثلاثة أشخاص.",
    },
    {"id": "m2", "date": "2024-02-11", "text": "وصل وفد حكومي إلى الموصل لتفقد مشاريع إعادة الإعمار."},
    {
        "id": "b1",
        "date": "2024-03-12",
        "text": "أعلنت الحكومة العراقية في بغداد عن إجراءات أمنية جديدة للمُدُن.",
    },
    {
        "id": "q1",
        "date": "2024-04-13",
        "text": "شهدت مدينة الرقـــة اشتباكات بين مسلحين، وقالت مصادر محلية إن الإمارة أُعلنت.",
    },
    {
        "id": "e1",
        "date": "2024-05-14",
        "text": "استقبل أمير المنطقة الشرقية وزير الداخلية في مقر الإمارة بالدمام.",
    },
]


@pytest.fixture
def corpus(project: Project, tmp_path: Path) -> Project:
    report = import_paths(project, [write_jsonl(tmp_path / "s.jsonl", DOCS)], jobs=1, extractor=stub_extract)
    assert report.imported == len(DOCS)
    return project


def ids(p: Project, q: str, filters: ArticleFilter | None = None) -> set[str]:
    return {h.external_id for h in p.search(q, filters, limit=50).hits}


def test_clitics_diacritics_tatweel_and_letter_variants(corpus: Project) -> None:
    assert ids(corpus, "الموصل") == {"m1", "m2"}  # finds وبالموصل
    assert ids(corpus, "المَوْصِل") == {"m1", "m2"}  # diacritics in the query
    assert ids(corpus, "الرقة") == {"q1"}  # tatweel in the text, teh marbuta
    assert ids(corpus, "الرقه") == {"q1"}
    assert ids(corpus, "الامارة") == {"q1", "e1"}  # alef with hamza below in the text, بالـ clitic
    assert ids(corpus, "المدن") == {"b1"}  # diacritics in the text
    assert ids(corpus, "بالدمام") == {"e1"}


def test_phrases_and_booleans(corpus: Project) -> None:
    assert ids(corpus, '"الموصل القديمة"') == {"m1"}
    assert ids(corpus, '"القديمة الموصل"') == set()
    assert ids(corpus, "الموصل AND حكومي") == {"m2"}
    assert ids(corpus, "الموصل حكومي") == {"m2"}
    assert ids(corpus, "بغداد OR الرقة") == {"b1", "q1"}
    assert ids(corpus, "الموصل NOT حكومي") == {"m1"}
    assert ids(corpus, "(بغداد OR الموصل) NOT وفد") == {"m1", "b1"}


def test_snippets_come_from_the_original_text(corpus: Project) -> None:
    [hit] = corpus.search("الموصل القديمة").hits
    article = corpus.articles.get(hit.article_id)
    spans = [article.text[s:e] for s, e in hit.matches]
    assert "وبالموصل" in spans and "القديمة" in spans
    assert article.text[hit.snippet_start : hit.snippet_start + len(hit.snippet)] == hit.snippet
    for s, e in hit.snippet_matches():
        assert hit.snippet[s:e] in spans
    [hit] = corpus.search("الرقة").hits
    assert [corpus.articles.get(hit.article_id).text[s:e] for s, e in hit.matches] == ["الرقـــة"]


def test_search_with_filters(corpus: Project) -> None:
    assert ids(corpus, "الموصل", ArticleFilter(date_from="2024-02-01")) == {"m2"}
    assert ids(corpus, "الموصل", ArticleFilter(has_incidents=False)) == {"m2"}
    m1 = corpus.articles.by_external_id("m1").id
    corpus.tags.set(m1, ["قصف"])
    assert ids(corpus, "الموصل", ArticleFilter(tag="قصف")) == {"m1"}
    assert ids(corpus, "", ArticleFilter(entity="بغداد")) == {"b1"}
    page = corpus.search("الموصل OR بغداد OR الرقة", limit=2, order_by="date")
    assert page.total == 4 and [h.external_id for h in page.hits] == ["m1", "m2"]
    page2 = corpus.search("الموصل OR بغداد OR الرقة", offset=2, limit=2, order_by="date")
    assert [h.external_id for h in page2.hits] == ["b1", "q1"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"الموصل', "quote"),
        ("", "empty"),
        ("   ", "empty"),
        ("الموصل AND", "ends with the operator AND"),
        ("OR الموصل", "OR is not followed"),
        ("NOT الموصل", "NOT needs a word before it"),
        ("الموصل OR OR بغداد", "OR is not followed"),
        ("(الموصل", "opening parenthesis"),
        ("الموصل)", "closing parenthesis"),
        ("()", "empty parentheses"),
        ('""', "empty phrase"),
        ("،؟!", "empty"),
    ],
)
def test_malformed_queries_raise_query_error(corpus: Project, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        corpus.search(query)


def test_fts_syntax_in_user_input_is_quoted(corpus: Project) -> None:
    for q in ["الموصل*", "full:الموصل", "NEAR(الموصل بغداد)", "الموصل^", "{base}", "a - b", "'"]:
        with contextlib.suppress(QueryError):  # a clear message is fine; an sqlite3 error is not
            corpus.search(q)
    assert parse_query("full:الموصل").expression.count('"') >= 2


def test_deleted_and_reindexed_articles_leave_the_index_consistent(corpus: Project) -> None:
    m1 = corpus.articles.by_external_id("m1").id
    corpus.articles.delete(m1)
    assert ids(corpus, "الموصل") == {"m2"}
    reextract(corpus, jobs=1, extractor=stub_extract)
    assert ids(corpus, "الموصل") == {"m2"}
    assert ids(corpus, "الرقة") == {"q1"}
    corpus.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    assert corpus.audit.entries()[0].action == "delete"
