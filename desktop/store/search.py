"""Full-text search that ignores diacritics, tatweel, letter variants and attached clitics.

Each article is indexed as a derived search text in two token-aligned FTS5 columns: `full` holds
every word normalized (`normalize_word`), `base` the same word without its proclitics (`وبالموصل`
→ `الموصل`, `للموصل` → `الموصل`). A query term matches either column, so `الموصل` finds
`وبالموصل`, and a phrase matches in either column because the columns stay aligned.

User queries (words, "phrases", AND/OR/NOT, parentheses; adjacent terms mean AND) are parsed here
and rebuilt as an FTS5 expression with every term quoted: raw user syntax never reaches MATCH, and a
malformed query raises `QueryError` with one sentence. Snippets and match offsets (code points) are
taken from the original text.
"""

from __future__ import annotations

import re
import sqlite3
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.errors import QueryError
from desktop.store.articles import ArticleFilter
from desktop.text.clitics import get_segmenter
from desktop.text.normalize import normalize, normalize_word
from desktop.text.tokens import tokenize

if TYPE_CHECKING:
    from desktop.store.project import Project

OPERATORS = ("AND", "OR", "NOT")
_WORD_KINDS = ("ar", "num", "latin")


# --- indexing -------------------------------------------------------------------------------------

_FORMS: dict[str, tuple[str, str]] = {}


def word_forms(token: str) -> tuple[str, str]:
    """The normalized form of a word and its form without proclitics (both lower-cased; cached)."""
    hit = _FORMS.get(token)
    if hit is None:
        hit = _word_forms(token)
        if len(_FORMS) < 300_000:
            _FORMS[token] = hit
    return hit


def _word_forms(token: str) -> tuple[str, str]:
    full = normalize_word(token).lower()
    seg = get_segmenter().segment(token)
    if not seg.base and not seg.core:
        return full, full
    if seg.definite:
        base = "ال" + normalize_word(token[seg.core :])
    else:
        base = normalize_word(token[seg.base :])
    return full, (base or full).lower()


def search_text(title: str, text: str) -> tuple[str, str]:
    """The two aligned search columns (`full`, `base`) for an article's title and text."""
    full: list[str] = []
    base: list[str] = []
    for part in (title, text):
        for tok in tokenize(part):
            if tok.label not in _WORD_KINDS:
                continue
            word = part[tok.start : tok.end]
            if tok.label == "ar":
                f, b = word_forms(word)
            else:
                f = b = word.lower()
            if not f:
                continue
            full.append(f)
            base.append(b)
    return " ".join(full), " ".join(base)


def unindex_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article from the (contentless) full-text index, using the text it was indexed with."""
    row = conn.execute("SELECT data FROM article_search WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return
    full, _, base = zlib.decompress(row[0]).decode("utf-8").partition("\x00")
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, full, base) VALUES ('delete', ?, ?, ?)",
        (article_id, full, base),
    )
    conn.execute("DELETE FROM article_search WHERE article_id = ?", (article_id,))


def index_article(conn: sqlite3.Connection, article_id: int, columns: tuple[str, str]) -> None:
    """(Re-)index an article's search text."""
    unindex_article(conn, article_id)
    conn.execute("INSERT INTO articles_fts (rowid, full, base) VALUES (?, ?, ?)", (article_id, *columns))
    data = zlib.compress(f"{columns[0]}\x00{columns[1]}".encode(), 6)
    conn.execute("INSERT INTO article_search (article_id, data) VALUES (?, ?)", (article_id, data))


def warm_up() -> None:
    """Load the normalization tables and the clitic segmenter now (e.g. on a background thread at
    start-up), so that the first search or import does not pay for it."""
    word_forms("وبالموصل")


# --- query parsing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word or a phrase of the query: its words as (normalized, clitic-stripped) pairs."""

    words: tuple[tuple[str, str], ...]

    def fts(self) -> str:
        full = '"' + " ".join(w[0] for w in self.words).replace('"', '""') + '"'
        base = '"' + " ".join(w[1] for w in self.words).replace('"', '""') + '"'
        return full if full == base else f"({full} OR {base})"


@dataclass(frozen=True)
class Node:
    op: str  # AND, OR, NOT
    left: Any
    right: Any

    def fts(self) -> str:
        """Flat for a left-leaning chain of one operator (`(a AND b AND c)`, FTS5 reads its binary
        operators left to right): FTS5 limits the depth of its tree and its parser's stack."""
        rights = [self.right]
        left = self.left
        while isinstance(left, Node) and left.op == self.op:
            rights.append(left.right)
            left = left.left
        parts = [left.fts(), *(r.fts() for r in reversed(rights))]
        return "(" + f" {self.op} ".join(parts) + ")"


@dataclass
class ParsedQuery:
    """A parsed user query: the FTS5 expression and the positive terms (for highlighting)."""

    expression: str
    terms: list[Term] = field(default_factory=list)


# A query longer or deeper than this is refused in one sentence: no analyst types more, and FTS5
# caps its expression tree at a depth of 256 (a flat AND/OR chain counts once).
MAX_TERMS = 200
MAX_DEPTH = 20

_LEX_RE = re.compile(r'"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"()]+)|(?P<quote>")')


_TOO_LONG = f"The query is too long (more than {MAX_TERMS} words); shorten it or use filters."


def _lex(query: str) -> list[tuple[str, Any]]:
    if len(query) > MAX_TERMS * 30:
        raise QueryError(_TOO_LONG)
    items: list[tuple[str, Any]] = []
    depth = n_words = 0
    for m in _LEX_RE.finditer(query):
        kind = m.lastgroup
        seen = len(items)
        if kind == "quote":
            raise QueryError('The query has an opening quote (") without a closing one; close the phrase.')
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryError(f"The query nests parentheses more than {MAX_DEPTH} deep; simplify it.")
            items.append(("(", None))
        elif kind == "close":
            depth -= 1
            items.append((")", None))
        elif kind == "phrase":
            words = _words(m.group("phrase"))
            if not words:
                raise QueryError('The query has an empty phrase ""; put words between the quotes.')
            items.append(("term", Term(tuple(words))))
        else:
            word = m.group("word")
            if word in OPERATORS:
                items.append((word, None))
                continue
            words = _words(word)
            if words:
                items.append(("term", Term(tuple(words))))
        if len(items) > seen and items[-1][0] == "term":
            n_words += len(items[-1][1].words)
            if n_words > MAX_TERMS:
                raise QueryError(_TOO_LONG)
    return items


def _words(text: str) -> list[tuple[str, str]]:
    out = []
    for tok in tokenize(text):
        if tok.label in _WORD_KINDS:
            word = text[tok.start : tok.end]
            forms = word_forms(word) if tok.label == "ar" else (word.lower(), word.lower())
            if forms[0]:
                out.append(forms)
    return out


class _Parser:
    """expr := and (OR and)* ; and := not (AND? not)* ; not := atom (NOT atom)* ; atom := term | ( expr )"""

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        self.items = items
        self.i = 0
        self.positive: list[Term] = []
        self._negated = 0

    def peek(self) -> str | None:
        return self.items[self.i][0] if self.i < len(self.items) else None

    def parse(self) -> Any:
        if not self.items:
            raise QueryError("The query is empty; type a word or a phrase to search for.")
        node = self.expr()
        if self.peek() == ")":
            raise QueryError("The query has a closing parenthesis without an opening one.")
        return node

    def expr(self) -> Any:
        node = self.conj()
        while self.peek() == "OR":
            self.i += 1
            node = Node("OR", node, self.conj())
        return node

    def conj(self) -> Any:
        node = self.neg()
        while self.peek() in ("AND", "term", "("):
            if self.peek() == "AND":
                self.i += 1
            node = Node("AND", node, self.neg())
        return node

    def neg(self) -> Any:
        node = self.atom()
        while self.peek() == "NOT":
            self.i += 1
            self._negated += 1
            right = self.atom()
            self._negated -= 1
            node = Node("NOT", node, right)
        return node

    def atom(self) -> Any:
        kind = self.peek()
        if kind == "term":
            term = self.items[self.i][1]
            self.i += 1
            if not self._negated:
                self.positive.append(term)
            return term
        if kind == "(":
            self.i += 1
            if self.peek() == ")":
                raise QueryError("The query has empty parentheses; put a word inside them.")
            node = self.expr()
            if self.peek() != ")":
                raise QueryError("The query has an opening parenthesis without a closing one.")
            self.i += 1
            return node
        if kind == "NOT" and (self.i == 0 or self.items[self.i - 1][0] in ("(", "AND", "OR")):
            raise QueryError("NOT needs a word before it, as in: الموصل NOT بغداد.")
        if kind in OPERATORS:
            raise QueryError(f"The operator {kind} is not followed by a word to search for.")
        if kind == ")":
            raise QueryError("The query has a closing parenthesis without an opening one.")
        prev = self.items[self.i - 1][0] if self.i else None
        if prev in OPERATORS:
            raise QueryError(f"The query ends with the operator {prev}; add a word after it.")
        raise QueryError("The query is empty; type a word or a phrase to search for.")


def parse_query(query: str) -> ParsedQuery:
    """The safe FTS5 expression of a user query; raises QueryError when it is malformed."""
    parser = _Parser(_lex(query))
    node = parser.parse()
    return ParsedQuery(node.fts(), parser.positive)


# --- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    """One matching article with a snippet of its original text and the matches' code-point offsets."""

    article_id: int
    external_id: str
    title: str
    date: str | None
    source: str
    score: float
    snippet: str
    snippet_start: int
    matches: list[tuple[int, int]]

    def snippet_matches(self) -> list[tuple[int, int]]:
        """Match offsets relative to the snippet."""
        s, e = self.snippet_start, self.snippet_start + len(self.snippet)
        return [(a - s, b - s) for a, b in self.matches if a >= s and b <= e]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.external_id,
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "score": self.score,
            "snippet": self.snippet,
            "snippet_start": self.snippet_start,
            "matches": [list(m) for m in self.matches],
        }


@dataclass(frozen=True)
class SearchPage:
    total: int
    offset: int
    hits: list[SearchHit]


_ORDERS = {
    "rank": "rank",
    "date": "a.date IS NULL, a.date, a.id",
    "-date": "a.date IS NULL, a.date DESC, a.id DESC",
}
SNIPPET_CHARS = 160


def search(
    project: Project,
    query: str,
    filters: ArticleFilter | None = None,
    offset: int = 0,
    limit: int = 20,
    order_by: str = "rank",
) -> SearchPage:
    """One page of articles matching `query` (may be empty when filters are given) and `filters`."""
    if order_by not in _ORDERS:
        raise QueryError(f"Cannot sort results by {order_by!r}; use rank, date or -date.")
    where, params = (filters or ArticleFilter()).where("a")
    conn = project.conn
    filtered = filters is not None and where != "1"
    if not query.strip():
        if filters is None:
            raise QueryError("The query is empty; type a word or a phrase, or choose a filter.")
        order = _ORDERS["-date" if order_by == "rank" else order_by]
        total = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
        ranked = conn.execute(
            f"SELECT a.id, 0.0 FROM articles a WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return SearchPage(int(total), offset, _hits(conn, ranked, []))
    parsed = parse_query(query)
    # Rank ids first (only the FTS index and, when filtering, the articles' small columns), then read
    # the page's texts: sorting thousands of matches with their texts attached is what costs.
    source = (
        "articles_fts f JOIN articles a ON a.id = f.rowid"
        if filtered or order_by != "rank"
        else "articles_fts f"
    )
    cond = f"articles_fts MATCH ? AND {where}" if filtered else "articles_fts MATCH ?"
    args = [parsed.expression, *params] if filtered else [parsed.expression]
    order = "f.rank" if order_by == "rank" else _ORDERS[order_by]
    try:
        total = conn.execute(f"SELECT count(*) FROM {source} WHERE {cond}", args).fetchone()[0]
        ranked = conn.execute(
            f"SELECT f.rowid, f.rank FROM {source} WHERE {cond} ORDER BY {order} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
    except sqlite3.OperationalError as exc:  # defensive: our expression should always be valid
        raise QueryError(f"The query could not be run ({exc}); simplify it and try again.") from exc
    return SearchPage(int(total), offset, _hits(conn, ranked, parsed.terms))


def _hits(conn: sqlite3.Connection, ranked: list[Any], terms: list[Term]) -> list[SearchHit]:
    if not ranked:
        return []
    ids = [int(r[0]) for r in ranked]
    rows = {
        r[0]: r
        for r in conn.execute(
            "SELECT id, external_id, title, date, source, text FROM articles "
            f"WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )
    }
    return [_hit((*rows[i], score), terms) for i, score in zip(ids, (r[1] for r in ranked), strict=True)]


def _hit(row: Any, terms: list[Term]) -> SearchHit:
    text: str = row[5]
    matches = find_matches(text, terms) if terms else []
    snippet, start = _snippet(text, matches[0] if matches else None)
    return SearchHit(row[0], row[1], row[2], row[3], row[4], float(row[6] or 0.0), snippet, start, matches)


_PROCLITICS = "(?:[وف]?(?:[بلك]|س)?)"


def _term_pattern(term: Term) -> str:
    words = []
    for full, base in term.words:
        alts = {re.escape(full), re.escape(base)}
        for w in (full, base):
            if w.startswith("ال") and len(w) > 3:
                alts.add("ل" + re.escape(w[2:]))  # للموصل = ل + الموصل
        words.append(_PROCLITICS + "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")")
    return r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)"


def find_matches(text: str, terms: list[Term], cap: int = 200) -> list[tuple[int, int]]:
    """Code-point spans of `text` where the terms occur (normalized comparison, clitics allowed)."""
    if not terms:
        return []
    norm = normalize(text)
    haystack = norm.text.lower()
    pattern = re.compile("|".join(_term_pattern(t) for t in terms))
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(haystack):
        out.append(norm.span_to_original(m.start(), m.end()))
        if len(out) >= cap:
            break
    return out


def _snippet(text: str, match: tuple[int, int] | None) -> tuple[str, int]:
    if match is None:
        end = min(len(text), SNIPPET_CHARS)
        while end < len(text) and end < SNIPPET_CHARS + 20 and not text[end].isspace():
            end += 1
        return text[:end].replace("\n", " "), 0
    start = max(0, match[0] - SNIPPET_CHARS // 2)
    while start > 0 and not text[start - 1].isspace() and match[0] - start < SNIPPET_CHARS:
        start -= 1
    end = min(len(text), max(match[1], start + SNIPPET_CHARS))
    while end < len(text) and not text[end].isspace() and end - match[1] < SNIPPET_CHARS:
        end += 1
    return text[start:end].replace("\n", " "), start
