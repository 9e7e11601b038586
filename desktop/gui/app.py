"""Application start-up: settings, language, font, crash handler, the window, and `--screenshot`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import settings as settings_mod
from desktop.errors import RasidError
from desktop.gui import i18n

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow
    from desktop.gui.qt import QApplication, QTranslator

log = logging.getLogger(__name__)


def make_application(language: str) -> QApplication:
    """The QApplication (created once), with the interface language and its layout direction."""
    from desktop.gui import theme
    from desktop.gui.qt import QApplication, QFont, Qt

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Rasid")
    app.setOrganizationName("Rasid")
    i18n.set_language(language)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )
    _install_qt_translator(app, language)
    family = theme.register_fonts()
    if family:  # Arabic in the bundled family first; taken out again when the language changes back
        font = QFont(app.font())
        families = font.families()
        if language == "ar" and family not in families:
            font.setFamilies([family, *families])
            app.setFont(font)
        elif language != "ar" and family in families:
            font.setFamilies([f for f in families if f != family] or [font.defaultFamily()])
            app.setFont(font)
    return app


_qt_translator: QTranslator | None = None
_qt_supplement: QTranslator | None = None

# Qt 6 strings missing from PySide6's qtbase_ar.qm (its catalogue has the Qt 5 wording "Look in:",
# "Files of type:"), and a full-word Cancel where the catalogue's "ألغِ" is cut to "إلغ" by styles.
QT_SUPPLEMENT_AR: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "ا&بحث في:",
    ("QFileDialog", "Files of &type:"): "الملفّات من ال&نوع:",
    ("QFileDialog", "&Choose"): "ا&ختر",
    ("QPlatformTheme", "Cancel"): "إلغاء",
    ("QPlatformTheme", "&Yes"): "&نعم",
    ("QPlatformTheme", "&No"): "&لا",
}


def _supplement_translator(app: QApplication, table: dict[tuple[str, str], str]) -> QTranslator:
    """A translator answering the strings of `table` (installed after qtbase, so asked first)."""
    from desktop.gui.qt import QTranslator

    class Supplement(QTranslator):
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            # None is a null QString: Qt then asks the next translator (an empty string would win)
            return table.get((context, source)) or None  # type: ignore[return-value]

        def isEmpty(self) -> bool:
            return not table

    return Supplement(app)


def _install_qt_translator(app: QApplication, language: str) -> None:
    """Qt's own strings (standard dialog buttons, context menus of text fields) in the interface
    language, from the `qtbase_<lang>.qm` catalogue that PySide6 ships (the bundle keeps ar and en).
    A missing catalogue leaves Qt's English strings: logged, never an error."""
    from desktop.gui.qt import QLibraryInfo, QTranslator

    global _qt_translator, _qt_supplement
    for old in (_qt_translator, _qt_supplement):
        if old is not None:
            app.removeTranslator(old)
    _qt_translator = _qt_supplement = None
    if language == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        log.warning("no Qt translation qtbase_%s in %s", language, folder)
    if language == "ar":
        _qt_supplement = _supplement_translator(app, QT_SUPPLEMENT_AR)
        app.installTranslator(_qt_supplement)


def sample_project() -> Path:
    """The user's copy of the bundled sample project, made on first use so that edits never touch
    the installation (`rasid gui --sample`, `make run`)."""
    import shutil

    from desktop.logs import data_dir
    from desktop.resources import resource_path

    target = data_dir() / "sample.rasid"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".rasid.part")
        shutil.copyfile(resource_path("sample", "sample.rasid"), partial)
        partial.replace(target)
    return target


def build_window(
    args: argparse.Namespace, quiet: bool = False
) -> tuple[QApplication, MainWindow, settings_mod.Settings]:
    """The application and its window on the project of `args`; `quiet` sends errors to the status
    bar (and `window.last_error`) instead of a modal dialog that nobody would be there to close."""
    settings = settings_mod.load()
    language = getattr(args, "lang", None) or settings.effective_language
    app = make_application(language)
    from desktop.gui.main_window import MainWindow

    window = MainWindow(settings)
    window.quiet_errors = quiet
    project = getattr(args, "project", None)
    if getattr(args, "sample", False) and not project:
        try:
            project = str(sample_project())
        except OSError as exc:
            window.show_error(f"The sample project cannot be copied to your data folder ({exc}).")
    if project and window.open_project(project) and getattr(args, "article", None):
        try:
            assert window.ops is not None
            window.select_article(window.ops.article_id_for(str(args.article)))
        except RasidError as exc:
            window.show_error(str(exc))
    if project and getattr(args, "view", None):
        window.show_view_named(str(args.view))
    return app, window, settings


def run_gui(args: argparse.Namespace) -> int:
    """`rasid gui`: open the window (or, with --screenshot, render it to a PNG and exit)."""
    screenshot = getattr(args, "screenshot", None)
    if (
        screenshot
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and sys.platform.startswith("linux")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.gui.crash import install_excepthook

    started = time.perf_counter()
    app, window, _settings = build_window(args, quiet=bool(screenshot))
    install_excepthook()
    if screenshot:
        rc = save_screenshot(app, window, Path(screenshot))
        if window.last_error:  # e.g. a damaged project: said in one sentence, not a hidden dialog
            print(f"rasid: {window.last_error}", file=sys.stderr)
            return 1
        return rc
    window.show()
    log.info("window shown after %.2f s", time.perf_counter() - started)
    return int(app.exec())


def save_screenshot(app: QApplication, window: MainWindow, path: Path) -> int:
    """Show the window, let it lay out and paint, then save `window.grab()` as a PNG."""
    from desktop.gui.qt import QApplication, QEventLoop, QTimer

    def pump(msec: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(msec, loop.quit)
        loop.exec()
        QApplication.processEvents()

    window.show()
    pump(300)
    window.wait_for_reads()  # the article, its highlights and the lists are in
    pump(100)  # and the layout they changed (a wrapped "why" line) is redone
    pixmap = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(path), "PNG"):
        raise RasidError(f"Cannot write the screenshot {path}.")
    window.close()
    return 0
