"""GUI timings: cold start, switching to a big article, paging/searching a large list, import stalls.

Reads run on the window's read executor: each timing waits until the result is shown.

Prints numbers, asserts nothing. Goals: start < 1.5 s, switch < 100 ms, stalls < 100 ms.
Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--articles 31000]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.store.entities import insert_entity
from desktop.store.project import Project
from desktop.store.search import index_article, search_text

SENTENCE = "قالت مصادر محلية إن قوات {x} اشتبكت مع مسلحين قرب مدينة حلب وقتل 3 عناصر في الهجوم"
WORDS = "قالت مصادر محلية إن القوات اشتبكت مع مسلحين قرب مدينة حلب وقتل عناصر في الهجوم".split()


def no_nlp(doc: object) -> object:
    """The import's extractor here: the GUI's responsiveness is measured, not the NLP."""
    return doc


def big_article(words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(words))


def make_project(path: Path, n_articles: int) -> int:
    """A project with `n_articles` short articles plus one 5,000-word article with 300 entities."""
    with Project.create(path) as project, project.transaction() as conn:
        for i in range(n_articles):
            text = SENTENCE.format(x=i)
            aid = project.articles.insert(
                conn,
                external_id=f"a{i}",
                text=text,
                title=f"تقرير رقم {i}",
                date=f"2024-{1 + i % 12:02d}-01",
                source="bench",
                content_hash=hashlib.sha1(text.encode()).hexdigest(),
            )
            index_article(conn, aid, search_text(f"تقرير رقم {i}", text))
        text = "\U0001f4f0 " + big_article(5000)
        big = project.articles.insert(
            conn,
            external_id="big",
            text=text,
            title="مقال طويل",
            date="2030-01-01",
            source="bench",
            content_hash="big",
        )
        starts = [i for i, ch in enumerate(text) if ch == " "][::16][:300]
        for k, s in enumerate(starts):
            insert_entity(
                conn, big, text, s + 1, s + 5, ("PER", "ORG", "LOC", "NUM")[k % 4], {}, "auto", "new"
            )
    return big


def cold_start(path: Path) -> float:
    code = (
        "import time; t=time.perf_counter()\n"
        "import argparse\n"
        "from desktop.gui.app import build_window\n"
        f"app, w, _ = build_window(argparse.Namespace(project={str(path)!r}, article=None, lang='en'))\n"
        "w.show(); app.processEvents()\n"
        "print(time.perf_counter() - t)\n"
    )
    env = dict(os.environ, RASID_HOME=tempfile.mkdtemp())
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=31000)
    parser.add_argument("--import-articles", type=int, default=150)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    os.environ["RASID_HOME"] = str(tmp / "home")
    path = tmp / "bench.rasid"
    t = time.perf_counter()
    big = make_project(path, args.articles)
    print(f"build project ({args.articles} articles): {time.perf_counter() - t:.1f} s")

    print(f"cold start to visible window (process start, imports included): {cold_start(path):.2f} s")

    from desktop.gui.app import make_application
    from desktop.gui.main_window import MainWindow
    from desktop.gui.qt import QApplication, QElapsedTimer, QModelIndex, QTimer
    from desktop.settings import Settings

    app = make_application("en")
    w = MainWindow(Settings(language="en"))
    w.quiet_errors = True
    w.show()
    t = time.perf_counter()
    w.open_project(path)
    w.wait_for_reads()  # the first page of the list and its first article are shown
    print(f"open project with {args.articles} articles: {(time.perf_counter() - t) * 1000:.0f} ms")

    small = w.article_model.article_id(1)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        w.show_article(big)
        w.wait_for_reads()  # read off the GUI thread, then shown
        QApplication.processEvents()
        times.append(time.perf_counter() - t)
        w.show_article(small)
        w.wait_for_reads()
    print(
        f"switch to 5,000-word article with 300 entities: best {min(times) * 1000:.0f} ms, "
        f"worst {max(times) * 1000:.0f} ms"
    )

    t = time.perf_counter()
    pages = 0
    first = w.article_model.rowCount()
    while pages < 20:
        if w.article_model.canFetchMore(QModelIndex()):
            w.article_model.fetchMore(QModelIndex())
        w.wait_for_reads()
        w.article_view.scrollToBottom()
        QApplication.processEvents()
        w.wait_for_reads()  # a page the view asked for itself while scrolling
        pages = (w.article_model.rowCount() - first) // w.settings.article_page_size
    n = w.article_model.rowCount()
    per_page = (time.perf_counter() - t) * 1000 / max(pages, 1)
    print(f"scroll list: {pages} pages to {n} rows, {per_page:.0f} ms/page")

    for query in ("حلب", '"قوات 1234"'):
        w.search_box.setText(query)
        t = time.perf_counter()
        w._apply_filter()
        w.wait_for_reads()  # the count, the first page and the first hit's article
        print(f"search {query!r}: {w.article_model.total} hits, {(time.perf_counter() - t) * 1000:.0f} ms")
    w.search_box.setText("")
    w._apply_filter()
    w.wait_for_reads()

    # longest event-loop stall during a background import
    source = tmp / "import.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for i in range(args.import_articles):
            fh.write(
                json.dumps(
                    {
                        "id": f"imp{i}",
                        "title": f"استيراد {i}",
                        "date": "2024-05-01",
                        "text": SENTENCE.format(x=f"imp{i}") + f" {i}",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    worst = [0]

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(tick)
    done: list[object] = []
    task = w.start_import([str(source)], extractor=no_nlp)
    assert task is not None
    task.finished.connect(done.append)
    task.failed.connect(lambda m, _b: done.append(m))
    probe.start()
    t = time.perf_counter()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    probe.stop()
    print(
        f"background import of {args.import_articles} articles (no NLP): {time.perf_counter() - t:.1f} s, "
        f"longest event-loop stall {worst[0]} ms; result: {done[0]}"
    )
    w.close()


if __name__ == "__main__":
    main()
