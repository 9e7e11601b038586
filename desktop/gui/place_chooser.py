"""Correcting an incident's place or actor: look the typed name up, ask when it is ambiguous, write all.

The analyst types a place in the incident editor; `CorrectionFlow` reads what it can be (project
dictionary, then gazetteer) on the read executor, asks with a `PlaceChooser` when several places
share the name, tells the analyst when none is known, and runs one undoable command that writes the
place with its province, country, coordinates and precision. A typed actor is linked the same way
to its canonical actor and ACLED inter code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.corrections import DEPENDENT_FIELDS, PlaceChoice, place_values
from desktop.gui import commands
from desktop.gui.controller import Controller
from desktop.gui.i18n import is_arabic, tr
from desktop.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop.gui.reads import ReadExecutor
from desktop.gui.views import IncidentView

Run = Callable[[commands.EditCommand], bool]


def corrected_fields() -> frozenset[str]:
    """The incident fields whose edit is looked up and carries other fields with it."""
    return frozenset(DEPENDENT_FIELDS)


class PlaceChooser(QDialog):
    """Which of several same-named places the analyst means (or none of them: an unknown place)."""

    chosen = Signal(object)  # PlaceChoice | None (unknown place)

    def __init__(self, name: str, choices: list[PlaceChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeChooser")
        self.setWindowTitle(tr("Which place?"))
        self.choices = choices
        layout = QVBoxLayout(self)
        label = QLabel(
            tr("Several places are called {name}. Choose the one the article means:").format(name=name)
        )
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        arabic = is_arabic()
        for choice in choices:
            item = QListWidgetItem(choice.label(arabic))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Use this place"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Cancel"))
        self.unknown_button = QPushButton(tr("None of these (unknown place)"))
        buttons.addButton(self.unknown_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unknown_button.clicked.connect(self._unknown)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 320)
        self._unknown_chosen = False

    def current_choice(self) -> PlaceChoice | None:
        row = self.list.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None

    def choose(self, row: int) -> None:
        """Pick row `row` and accept (keyboard users and tests)."""
        self.list.setCurrentRow(row)
        self.accept()

    def _unknown(self) -> None:
        self._unknown_chosen = True
        self.accept()

    def accept(self) -> None:
        self.chosen.emit(None if self._unknown_chosen else self.current_choice())
        super().accept()


class CorrectionFlow(QObject):
    """An analyst's edit of the place or an actor, resolved and written with every linked field."""

    def __init__(
        self, parent: QWidget, run: Run, tell: Callable[[str], None], restore: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self._parent, self._run, self._tell, self._restore = parent, run, tell, restore
        self.chooser: PlaceChooser | None = None

    def edit(
        self, reads: ReadExecutor, controller: Controller, incident: IncidentView, name: str, value: Any
    ) -> None:
        """Look `value` up off the GUI thread, then write it (after a choice when it is ambiguous)."""
        text = "" if value is None else str(value).strip()
        if name == "location":
            country = incident.get("country")
            prefer = str(country) if country else None
            reads.submit(
                lambda ops: ops.place_choices(text, prefer),
                lambda choices: self._places_found(controller, incident, text, choices),
                key="place-choices",
            )
        else:
            reads.submit(
                lambda ops: ops.actor_link(name, text),
                lambda values: self._write_actor(controller, incident, values, text, name),
                key="actor-link",
            )

    def _places_found(
        self, controller: Controller, incident: IncidentView, text: str, choices: list[PlaceChoice]
    ) -> None:
        if not text or len(choices) == 1:
            self._write_place(controller, incident, text, choices[0] if choices else None)
            return
        if not choices:
            self._write_place(controller, incident, text, None)
            return
        chooser = PlaceChooser(text, choices, self._parent)
        chooser.chosen.connect(lambda choice: self._write_place(controller, incident, text, choice))
        chooser.rejected.connect(self._restore)
        chooser.finished.connect(lambda _r: chooser.deleteLater())
        self.chooser = chooser
        chooser.open()

    def _write_place(
        self, controller: Controller, incident: IncidentView, text: str, choice: PlaceChoice | None
    ) -> None:
        self.chooser = None
        values = place_values(text, choice)
        written = self._write(controller, incident, values, "Set {field} to {value}", text, "location")
        if written and text and choice is None:
            self._tell(
                tr(
                    "{name} is in neither the gazetteer nor the project dictionary: its province and "
                    "coordinates are left empty. Add it to the project dictionary to place it on the map."
                ).format(name=text)
            )

    def _write_actor(
        self, controller: Controller, incident: IncidentView, values: dict[str, Any], text: str, slot: str
    ) -> None:
        self._write(controller, incident, values, "Set {field} to {value}", text, slot)

    def _write(
        self,
        controller: Controller,
        incident: IncidentView,
        values: dict[str, Any],
        text: str,
        value: str,
        field: str,
    ) -> bool:
        def describe() -> str:  # `text` is the English key: said again in the language in use
            return tr(text).format(field=commands.field_label(field), value=value or "—")

        command = commands.SetIncidentFields(controller, incident, values, describe)
        return self._run(command)
