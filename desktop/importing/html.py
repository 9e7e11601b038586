"""Main text and title of an HTML page with the stdlib parser: nothing is fetched or run.

Scripts, styles, navigation, headers, footers, asides, forms and similar chrome are dropped. The
text comes from the `<article>` element when there is one with real content, else from the block
element (div, section, main, td) whose own paragraphs hold the most Arabic letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIP = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "form",
        "button",
        "select",
        "svg",
        "iframe",
        "object",
        "embed",
        "menu",
    }
)
BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "td",
        "th",
        "tr",
        "table",
        "ul",
        "ol",
        "br",
        "pre",
        "figcaption",
        "dd",
        "dt",
    }
)
CONTAINERS = frozenset({"article", "main", "section", "div", "td", "body"})
VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "source", "wbr"})
_ARABIC = re.compile(r"[\u0621-\u064a]")


@dataclass
class _Node:
    tag: str
    parts: list[str] = field(default_factory=list)  # own text, with "\n" at block boundaries
    children: list[_Node] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.parts)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack: list[_Node] = [self.root]
        self.skip_tag: str | None = None  # the outermost dropped element being skipped
        self.skip_depth = 0
        self.title = ""
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.articles: list[_Node] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            d = {k: v or "" for k, v in attrs}
            key = d.get("property") or d.get("name") or ""
            if key and d.get("content"):
                self.meta[key.lower()] = d["content"]
            return
        if tag in VOID:
            if tag == "br" and self.skip_tag is None:
                self._write("\n")
            return
        if tag == "title":
            self.in_title = True
            return
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag in SKIP:
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag in BLOCKS:
            self._write("\n")
        if tag in CONTAINERS:
            node = _Node(tag)
            self.stack[-1].children.append(node)
            self.stack.append(node)
            if tag == "article":
                self.articles.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag == "title":
            self.in_title = False
            return
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.skip_tag = None
            return
        if tag in BLOCKS:
            self._write("\n")
        if tag in CONTAINERS and len(self.stack) > 1:
            # Close up to the matching container (tolerates sloppy HTML).
            for i in range(len(self.stack) - 1, 0, -1):
                if self.stack[i].tag == tag:
                    del self.stack[i:]
                    break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif self.skip_tag is None:
            self._write(data)

    def _write(self, s: str) -> None:
        self.stack[-1].parts.append(s)


def _full_text(node: _Node) -> str:
    """The node's own text then its children's, depth first (iterative: nesting has no limit)."""
    out: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n.text())
        stack.extend(reversed(n.children))
    return "".join(out)


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _all(node: _Node) -> list[_Node]:
    """The node and all its descendants, depth first (iterative)."""
    out: list[_Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _arabic_totals(root: _Node) -> dict[int, int]:
    """Arabic letters in the full text of every node (by id), in one pass over the tree: nested
    `<article>`s cost as much as flat ones."""
    own = {id(n): len(_ARABIC.findall(n.text())) for n in _all(root)}
    totals: dict[int, int] = {}
    for n in reversed(_all(root)):  # children before their parents
        totals[id(n)] = own[id(n)] + sum(totals[id(c)] for c in n.children)
    return totals


def extract_html(html: str) -> tuple[str, str, dict[str, str]]:
    """(title, main text, meta tags) of an HTML document."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    totals = _arabic_totals(parser.root) if parser.articles else {}
    candidates = [a for a in parser.articles if totals[id(a)] >= 20]
    if candidates:
        best = max(candidates, key=lambda n: totals[id(n)])
    else:
        nodes = _all(parser.root)
        # The container whose own direct text (not its children's) holds the most Arabic letters.
        best = max(nodes, key=lambda n: len(_ARABIC.findall(n.text())))
        if not _ARABIC.search(best.text()):
            best = parser.root
    text = _clean(_full_text(best))
    title = " ".join((parser.meta.get("og:title") or parser.title).split())
    return title, text, parser.meta
