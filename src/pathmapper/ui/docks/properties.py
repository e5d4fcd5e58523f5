"""The properties dock: edit the fields of what is selected (or of the map when nothing is).

The form is built from `FIELD_TABLE` for the kind of the element shown. It reads the model on
every document change and writes each finished edit as one `SetFields` through the undo stack;
an edit the model refuses (or text that is not a duration) shows an inline error under the field
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pathmapper.commands import Change, MapDocument, SetFields
from pathmapper.commands.document import kind_of
from pathmapper.layout.style import VERMILLION
from pathmapper.model import PathMap
from pathmapper.ui.docks.property_fields import FIELD_TABLE, FieldEditor, make_editor
from pathmapper.ui.undo import push

KIND_TITLES = {
    "map": "Map",
    "lane": "Lane",
    "phase": "Phase",
    "step": "Step",
    "flow": "Arrow",
    "comment": "Comment",
}


class PropertiesDock(QDockWidget):
    """Shows one element's fields; `show_selection(ids)` decides which."""

    def __init__(
        self,
        document: MapDocument,
        undo_stack: QUndoStack,
        report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Properties", parent)
        self.setObjectName("properties-dock")
        self.document = document
        self.undo_stack = undo_stack
        self.report = report
        self.element_id: str | None = None  # None: the map itself (or several things)
        self.several = 0
        self.shown_kind = ""
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}

        self.heading = QLabel(self)
        self.heading.setObjectName("properties-heading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.heading.setWordWrap(True)  # a long label must not widen the dock
        self.form_holder = QWidget(self)
        self.form = QFormLayout()
        outer = QVBoxLayout(self.form_holder)
        outer.addLayout(self.form)
        outer.addStretch(1)  # fields sit at the top, however tall the dock
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_holder)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.heading)
        column.addWidget(scroll, 1)
        self.setWidget(body)
        self._unsubscribe = document.subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.show_selection([])

    # ------------------------------------------------------------------------- showing

    def show_selection(self, ids: list[str]) -> None:
        path_map = self.document.path_map
        present = [element_id for element_id in ids if path_map.element(element_id) is not None]
        self.several = len(present) if len(present) > 1 else 0
        self.element_id = present[0] if len(present) == 1 else None
        self.refresh()

    def _target(self) -> tuple[str, Any]:
        path_map = self.document.path_map
        if self.element_id is not None:
            element = path_map.element(self.element_id)
            if element is not None:
                return kind_of(element), element
            self.element_id = None
        return "map", path_map

    def refresh(self) -> None:
        kind, target = self._target()
        if self.several:
            self._rebuild("")
            self.heading.setText(f"{self.several} items selected")
            self.form.addRow(QLabel("Select one item to edit its properties.", self.form_holder))
            return
        if kind != self.shown_kind:
            self._rebuild(kind)
        self.heading.setText(self._heading(kind, target))
        for name, editor in self.editors.items():
            applies = editor.spec.applies
            offered = applies is None or applies(target, self.document.path_map)
            self.form.setRowVisible(self.rows[name], offered)
            shown = editor.spec.shown
            value = shown(target) if shown is not None else getattr(target, name, None)
            editor.show(value, self.document.path_map)

    def _heading(self, kind: str, target: Any) -> str:
        if isinstance(target, PathMap):
            return "Map" + (f": {target.title}" if target.title else "")
        name = getattr(target, "label", None) or getattr(target, "name", None) or ""
        return KIND_TITLES[kind] + (f": {name}" if name else "")

    def _rebuild(self, kind: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors.clear()
        self.errors.clear()
        self.rows.clear()
        self.shown_kind = kind
        for spec in FIELD_TABLE.get(kind, ()):
            editor = make_editor(spec, self.form_holder)
            editor.edited.connect(lambda entered, name=spec.name: self._edited(name, entered))
            error = QLabel(self.form_holder)
            error.setObjectName(f"error-{spec.name}")
            error.setWordWrap(True)
            error.setStyleSheet(f"color: {VERMILLION};")
            error.hide()
            holder = QWidget(self.form_holder)
            stack = QVBoxLayout(holder)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(editor.widget)
            stack.addWidget(error)
            label = "" if spec.editor == "bool" else spec.label
            self.form.addRow(label, holder)
            self.editors[spec.name] = editor
            self.errors[spec.name] = error
            self.rows[spec.name] = holder

    # ------------------------------------------------------------------------- editing

    def _edited(self, name: str, entered: Any) -> None:
        editor = self.editors.get(name)
        if editor is None:
            return
        try:
            value = editor.to_model(entered)
        except ValueError as problem:
            self._show_error(name, str(problem))
            return
        _kind, target = self._target()
        if getattr(target, name, None) == value:
            self._show_error(name, "")
            editor.show(value, self.document.path_map)  # tidy the text ("6 w" -> "6w")
            return
        element_id = target.id
        refused: list[str] = []
        push(
            self.undo_stack,
            self.document,
            SetFields(element_id, {name: value}),
            on_refused=refused.append,
        )
        self._show_error(name, refused[0] if refused else "")
        if refused:
            self.report(f"Not changed: {refused[0]}")

    def _show_error(self, name: str, message: str) -> None:
        label = self.errors.get(name)
        if label is None:
            return
        label.setText(message)
        label.setVisible(bool(message))

    def error_text(self, name: str) -> str:
        """The inline error under a field ("" when none), for tests and accessibility."""
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]

    def offers(self, name: str) -> bool:
        """Whether the field is shown for the element now (a branch's share only on a branch)."""
        row = self.rows.get(name)
        return row is not None and self.form.isRowVisible(row)

    # ------------------------------------------------------------------------ listening

    def _on_change(self, change: Change) -> None:
        if change.action == "reset":
            self.element_id = None
            self.several = 0
            self.shown_kind = ""
        shown = self.element_id or self.document.path_map.id
        relevant = (
            change.element_id == shown
            or change.kind in ("map", "lane", "phase")  # names in the lane and phase choices
            or change.action == "removed"
            # a branch's share is offered once its step has a second arrow out
            or (self.shown_kind == "flow" and change.kind == "flow")
        )
        if relevant:
            self.refresh()


def first_focus(dock: PropertiesDock) -> None:
    """Put the keyboard in the dock's first field (F4 in the window)."""
    for editor in dock.editors.values():
        editor.widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
