"""The window's learning actions: mark the article reviewed, learn from the reviewed articles.

"Learn from my reviewed articles…" trains the project's own models on a background task (progress
and Cancel in the status bar, `desktop.learning.train`); when it ends, the analyst sees the
cross-validated score of each new model beside the bundled model's on the same reviewed articles
and chooses whether to use them. Re-extraction then uses the models in use.
"""

from __future__ import annotations

import threading
from typing import Any

from desktop.gui.i18n import tr
from desktop.gui.qt import QMessageBox, Qt, QWidget
from desktop.learning.train import TrainingError, TrainResult, train_project

ProgressFn = Any  # (done, total, label) -> None, as the task runner passes it


def train_job(ops: Any, progress: ProgressFn, cancel: threading.Event) -> TrainResult:
    """Background job: train on a connection of the task's own (raises InputError-like messages)."""
    from desktop.errors import InputError

    def report(stage: str, done: float) -> None:
        progress(int(done * 100), 100, tr(stage))

    with ops.worker_project() as project:
        try:
            return train_project(project, report, cancel)
        except TrainingError as exc:
            raise InputError(str(exc)) from exc


def result_text(result: TrainResult) -> str:
    """The comparison the analyst decides on, one line per model."""
    lines = [
        tr("Learned from {n} reviewed articles in {s} s.").format(n=result.articles, s=round(result.seconds))
    ]
    for kind, label in (("entities", tr("Names")), ("incidents", tr("Incidents"))):
        cv = result.cv.get(kind)
        if cv:
            lines.append(
                tr("{label}: bundled model F1 {b:.3f}, your project's model F1 {p:.3f}").format(
                    label=label, b=cv["bundled"]["f1"], p=cv["project"]["f1"]
                )
            )
    lines.append(tr("(cross-validated on your reviewed articles)"))
    return "\n".join(lines)


def ask_to_use(parent: QWidget, project: Any, result: TrainResult) -> QMessageBox:
    """Show the comparison and put the new models in use if the analyst says so."""
    box = QMessageBox(parent)
    box.setObjectName("learningResult")
    box.setWindowTitle(tr("Learn from my reviewed articles"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(result_text(result))
    box.setInformativeText(tr("Re-extraction of unreviewed articles will use the models in use."))
    use = box.addButton(tr("Use the new models"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(tr("Keep the bundled models"), QMessageBox.ButtonRole.RejectRole))

    def chosen(button: object) -> None:
        if button is use:
            for mid in (result.entity_model_id, result.incident_model_id):
                if mid is not None:
                    project.models.use(mid)

    box.buttonClicked.connect(chosen)
    box.finished.connect(lambda _r: box.deleteLater())
    box.open()
    return box
