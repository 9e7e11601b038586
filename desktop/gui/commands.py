"""Undoable analyst edits: each `QUndoCommand` calls store operations and knows their inverse.

Each command's text says what it does in the interface language ("Relabel داعش as ORG"); the Edit
menu shows it on its Undo and Redo actions (`QUndoStack.undoText`/`redoText`). A command is given
its text as a function of the language (`Text`), so `retranslate()` renames it when the analyst
switches the interface language.

The `Controller` runs every step: `execute` applies a command (a refused edit shows a message and
never enters the stack), `undo`/`redo` run `revert`/`apply` in one transaction and only then move
the stack, which calls the command's `undo`/`redo` with nothing left to do. So the stack moves only
past steps that were written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop import acled
from desktop.gui.i18n import is_arabic, tr
from desktop.gui.qt import QUndoCommand
from desktop.gui.views import EntityView, IncidentView

if TYPE_CHECKING:
    from desktop.gui.controller import Controller
    from desktop.gui.operations import FieldState
    from desktop.store.views import NameGroup

log = logging.getLogger(__name__)

Text = str | Callable[[], str]  # a command's text, or a function giving it in the current language

MAX_QUOTED = 40  # characters of a name or value quoted in a command's text (the Edit menu's width)


def quoted(text: object) -> str:
    """A name or value as a command's text quotes it: on one line, at most `MAX_QUOTED` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= MAX_QUOTED else flat[: MAX_QUOTED - 1].rstrip() + "…"


def field_label(name: str) -> str:
    """An incident field's label in the interface language (`fatalities` -> Fatalities / القتلى)."""
    for field_name, english, arabic in acled.INCIDENT_FIELDS:
        if field_name == name:
            return arabic if is_arabic() else english
    return name


def set_field_text(name: str, value: Any) -> str:
    """`Set Fatalities to 7`, `Set Location to —` (a cleared value)."""
    shown = "—" if value is None or value == "" else quoted(value)
    return tr("Set {field} to {value}").format(field=field_label(name), value=shown)


class EditCommand(QUndoCommand):
    """Base: `apply()` does the edit, `revert()` undoes it; `article_id` is what to refresh."""

    def __init__(self, controller: Controller, text: Text, article_id: int | None) -> None:
        super().__init__(text() if callable(text) else text)
        self._text = text
        self.controller = controller
        self.ops = controller.ops
        self.article_id = article_id
        self.replayed = True  # QUndoStack calls redo() on push: the edit is already applied then

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Say the command's text again in the current interface language."""
        if callable(self._text):
            self.setText(self._text())

    # The stack's own calls: the Controller has already done the work (see the module docstring).
    def redo(self) -> None:
        if not self.replayed:
            log.warning("redo of %r outside the controller: ignored", self.text())
        self.replayed = False

    def undo(self) -> None:
        if not self.replayed:
            log.warning("undo of %r outside the controller: ignored", self.text())
        self.replayed = False

    broad = False  # True when the edit may touch other articles (dictionary entries)


class FunctionCommand(EditCommand):
    """An edit given as two closures (for simple setters whose inverse is the same setter)."""

    def __init__(
        self,
        controller: Controller,
        text: Text,
        article_id: int | None,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        broad: bool = False,
    ) -> None:
        super().__init__(controller, text, article_id)
        self._do, self._undo = do, undo
        self.broad = broad

    def apply(self) -> None:
        self._do()

    def revert(self) -> None:
        self._undo()


class HandleCommand(FunctionCommand):
    """An edit that makes something undo needs: `do()` returns a handle, `undo(handle)` reverts it.

    The handle is a new row's id, a dictionary entry or an edit record; undo forgets it, so redo
    makes a fresh one.
    """

    def __init__(
        self,
        controller: Controller,
        text: Text,
        article_id: int | None,
        do: Callable[[], Any],
        undo: Callable[[Any], Any],
        broad: bool = False,
    ) -> None:
        super().__init__(controller, text, article_id, do, lambda: undo(self.handle), broad)
        self.handle: Any = None

    def apply(self) -> None:
        self.handle = self._do()

    def revert(self) -> None:
        if self.handle is not None:
            self._undo()
            self.handle = None


class SetIncidentField(EditCommand):
    """Set one field; the state it replaces is read in the same transaction as the write (for undo)."""

    def __init__(self, controller: Controller, incident: IncidentView, name: str, value: Any) -> None:
        super().__init__(controller, lambda: set_field_text(name, value), incident.article_id)
        self.incident_id, self.name, self.value = incident.id, name, value
        self.before: FieldState | None = None

    def apply(self) -> None:
        self.before = self.ops.field_state(self.incident_id, self.name)
        self.ops.set_incident_field(self.incident_id, self.name, self.value)

    def revert(self) -> None:
        if self.before is not None:
            self.ops.restore_field(self.incident_id, self.name, self.before)


class SetIncidentFields(EditCommand):
    """Set a field with those that follow from it (a place and its province, country, coordinates
    and precision; an actor and its link and inter code) as one undoable step."""

    def __init__(
        self, controller: Controller, incident: IncidentView, values: dict[str, Any], text: Text
    ) -> None:
        super().__init__(controller, text, incident.article_id)
        self.incident_id, self.values = incident.id, dict(values)
        self.before: dict[str, FieldState] = {}

    def apply(self) -> None:
        self.before = self.ops.field_states(self.incident_id, self.values)
        self.ops.set_incident_fields(self.incident_id, self.values)

    def revert(self) -> None:
        for name, state in self.before.items():
            self.ops.restore_field(self.incident_id, name, state)


def set_incident_field(controller: Controller, incident: IncidentView, name: str, value: Any) -> EditCommand:
    return SetIncidentField(controller, incident, name, value)


def set_incident_status(controller: Controller, incidents: list[IncidentView], status: str) -> EditCommand:
    ops = controller.ops
    olds = [(i.id, i.status) for i in incidents]
    article_id = incidents[0].article_id if len({i.article_id for i in incidents}) == 1 else None

    def do() -> None:
        for iid, _ in olds:
            ops.set_incident_status(iid, status)

    def undo() -> None:
        for iid, old in olds:
            ops.set_incident_status(iid, old)

    def text() -> str:
        if len(olds) == 1:
            return tr("Accept incident") if status == "accepted" else tr("Reject incident")
        several = tr("Accept {n} incidents") if status == "accepted" else tr("Reject {n} incidents")
        return several.format(n=len(olds))

    return FunctionCommand(controller, text, article_id, do, undo, broad=article_id is None)


class CreateIncident(HandleCommand):
    """A new analyst incident (from a selection, or a copy when splitting); the handle is its id."""

    def __init__(
        self,
        controller: Controller,
        article_id: int,
        fields: dict[str, Any],
        evidence: tuple[int, int] | None,
    ) -> None:
        ops = controller.ops
        super().__init__(
            controller,
            lambda: tr("Create incident"),
            article_id,
            lambda: ops.create_incident(article_id, fields, evidence).id,
            lambda incident_id: ops.delete_incident(incident_id),
        )


class DeleteIncidents(EditCommand):
    """Delete incidents (an analyst's are removed, a machine's rejected); undo puts each back as it was,
    under its own id, so the commands below it on the stack still find it."""

    def __init__(self, controller: Controller, incidents: list[IncidentView]) -> None:
        article_ids = {i.article_id for i in incidents}
        n = len(incidents)
        super().__init__(
            controller,
            lambda: tr("Delete incident") if n == 1 else tr("Delete {n} incidents").format(n=n),
            next(iter(article_ids)),
        )
        self.broad = len(article_ids) > 1
        self.incidents = list(incidents)
        self.dumped: list[tuple[int, dict[str, Any]]] = []

    def apply(self) -> None:
        self.dumped = [(i.article_id, self.ops.delete_incident(i.id)) for i in self.incidents]

    def revert(self) -> None:
        for article_id, dumped in reversed(self.dumped):
            self.ops.undelete_incident(article_id, dumped)
        self.dumped = []


class SplitIncident(HandleCommand):
    """Cut an incident's evidence at `at`: a second incident gets the rest and a copy of the fields."""

    def __init__(self, controller: Controller, incident: IncidentView, at: int) -> None:
        ops = controller.ops
        super().__init__(
            controller,
            lambda: tr("Split incident"),
            incident.article_id,
            lambda: ops.split_incident(incident.id, at),
            lambda second_id: ops.unsplit_incident(incident.id, second_id, incident.status),
        )


class MergeIncidents(EditCommand):
    """Merge `other` into `keep`: empty fields of `keep` take `other`'s values; `other` is rejected.

    Done with field edits and a status change (not the store's destructive merge) so that undo
    restores both incidents exactly.
    """

    def __init__(self, controller: Controller, keep: IncidentView, other: IncidentView) -> None:
        super().__init__(controller, lambda: tr("Merge incidents"), keep.article_id)
        self.keep, self.other = keep, other
        self.filled: dict[str, Any] = {
            k: v for k, v in other.fields.items() if v not in (None, "") and keep.get(k) in (None, "")
        }
        self.before: dict[str, FieldState] = {}

    def apply(self) -> None:
        self.before = {name: self.ops.field_state(self.keep.id, name) for name in self.filled}
        for name, value in self.filled.items():
            self.ops.set_incident_field(self.keep.id, name, value)
        self.ops.set_incident_status(self.other.id, "rejected")

    def revert(self) -> None:
        for name, state in self.before.items():
            self.ops.restore_field(self.keep.id, name, state)
        self.ops.set_incident_status(self.keep.id, self.keep.status)
        self.ops.set_incident_status(self.other.id, self.other.status)


class AddEntity(HandleCommand):
    """Tag `start`-`end` (the words `surface`) as an entity of `type_`; the handle is the new entity's id."""

    def __init__(
        self, controller: Controller, article_id: int, start: int, end: int, type_: str, surface: str = ""
    ) -> None:
        ops = controller.ops
        super().__init__(
            controller,
            lambda: (
                tr("Tag {text} as {type}").format(text=quoted(surface), type=tr(type_))
                if surface
                else tr("Tag entity")
            ),
            article_id,
            lambda: ops.add_entity(article_id, start, end, type_).id,
            lambda entity_id: ops.delete_entity(entity_id),
        )


class DeleteEntity(EditCommand):
    def __init__(self, controller: Controller, entity: EntityView, article_id: int) -> None:
        super().__init__(
            controller, lambda: tr("Delete entity {text}").format(text=quoted(entity.text)), article_id
        )
        self.entity = entity
        self.entity_id = entity.id

    def apply(self) -> None:
        self.ops.delete_entity(self.entity_id)

    def revert(self) -> None:
        self.entity_id = self.ops.restore_entity(self.entity, self.article_id or 0)


def relabel_entity(controller: Controller, entity: EntityView, article_id: int, new_type: str) -> EditCommand:
    ops = controller.ops
    return FunctionCommand(
        controller,
        lambda: tr("Relabel {text} as {type}").format(text=quoted(entity.text), type=tr(new_type)),
        article_id,
        lambda: ops.update_entity(entity.id, type_=new_type),
        lambda: ops.revert_entity(entity),
    )


def resize_entity(
    controller: Controller, entity: EntityView, article_id: int, start: int, end: int
) -> EditCommand:
    """Give an entity a new span (code points): the analyst's correction of where a name ends."""
    ops = controller.ops
    return FunctionCommand(
        controller,
        lambda: tr("Resize {text}").format(text=quoted(entity.text)),
        article_id,
        lambda: ops.update_entity(entity.id, span=(start, end)),
        lambda: ops.revert_entity(entity),
    )


def accept_entity(controller: Controller, entity: EntityView, article_id: int) -> EditCommand:
    ops = controller.ops
    return FunctionCommand(
        controller,
        lambda: tr("Accept entity {text}").format(text=quoted(entity.text)),
        article_id,
        lambda: ops.set_entity_status(entity.id, "accepted"),
        lambda: ops.set_entity_status(entity.id, entity.status),
    )


def link_entity(
    controller: Controller, entity: EntityView, article_id: int, canonical: str, kind: str
) -> EditCommand:
    ops = controller.ops
    return FunctionCommand(
        controller,
        lambda: tr("Link {text} to {name}").format(text=quoted(entity.text), name=quoted(canonical)),
        article_id,
        lambda: ops.link_entity(entity.id, canonical, kind),
        lambda: ops.revert_entity(entity),
    )


class AddDictionaryEntry(HandleCommand):
    """A project dictionary entry; the store applies it to every article (so it is a broad edit)."""

    def __init__(self, controller: Controller, article_id: int, surface: str, type_: str, name: str) -> None:
        ops = controller.ops
        super().__init__(
            controller,
            lambda: tr("Add {text} to the project dictionary").format(text=quoted(surface)),
            article_id,
            lambda: ops.add_dictionary_entry(surface, type_, name),
            lambda entry: ops.remove_dictionary_entry(entry),
            broad=True,
        )


def set_tags(controller: Controller, article_id: int, old: list[str], new: list[str]) -> EditCommand:
    ops = controller.ops
    return FunctionCommand(
        controller,
        lambda: tr("Edit tags"),
        article_id,
        lambda: ops.set_tags(article_id, new),
        lambda: ops.set_tags(article_id, old),
    )


def set_note(controller: Controller, article_id: int, old: str, new: str) -> EditCommand:
    ops = controller.ops
    return FunctionCommand(
        controller,
        lambda: tr("Edit note"),
        article_id,
        lambda: ops.set_note(article_id, new),
        lambda: ops.set_note(article_id, old),
    )


class NameEditCommand(HandleCommand):
    """Rename, merge or type an actor or place: its dictionary entry and all its mentions (broad)."""

    def __init__(self, controller: Controller, text: Text, do: Callable[[], Any]) -> None:
        ops = controller.ops
        super().__init__(controller, text, None, do, lambda edit: ops.undo_name_edit(edit), broad=True)


def rename_name(controller: Controller, group: NameGroup, name: str) -> EditCommand:
    ops = controller.ops

    def text() -> str:
        return tr("Rename {old} to {new}").format(old=quoted(group.name), new=quoted(name))

    return NameEditCommand(controller, text, lambda: ops.rename_name(group, name))


def merge_names(controller: Controller, keep: NameGroup, other: NameGroup) -> EditCommand:
    ops = controller.ops

    def text() -> str:
        return tr("Merge {other} into {keep}").format(other=quoted(other.name), keep=quoted(keep.name))

    return NameEditCommand(controller, text, lambda: ops.merge_names(keep, other))


def set_actor_type(controller: Controller, group: NameGroup, inter: int | None) -> EditCommand:
    ops = controller.ops

    def text() -> str:
        return tr("Set the actor type of {name}").format(name=quoted(group.name))

    return NameEditCommand(controller, text, lambda: ops.set_actor_type(group, inter))
