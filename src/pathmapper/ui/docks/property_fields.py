"""The properties form as a table: for each kind of element, its fields and how each is edited.

A field editor shows one model value (`show`) and, when the person finishes an edit, offers the
new model value (`edited`); text that cannot become a value (a duration like "3 months") raises
ValueError in `to_model` with a message for the inline error. Editors never keep a copy of the
model: the dock reads the model on every refresh and writes through SetFields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from pathmapper.model import (
    COMMENT_KIND_NAMES,
    KIND_NAMES,
    STATE_NAMES,
    Arrivals,
    Capacity,
    Flow,
    Lane,
    PathMap,
    Step,
    describe_minutes,
    iso_to_minutes,
    parse_human,
)
from pathmapper.model.quantities import (
    format_arrivals,
    format_servers,
    format_share,
    parse_arrivals,
    parse_servers,
    parse_share,
)

EditorKind = Literal[
    "line",
    "text",
    "choice",
    "bool",
    "duration",
    "tags",
    "colour",
    "number",
    "arrivals",
    "servers",
    "share",
]
ChoiceSource = Callable[[PathMap], list[tuple[Any, str]]]
NO_PHASE = "(no phase)"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    editor: EditorKind
    choices: ChoiceSource | None = None
    hint: str = ""
    optional: bool = field(default=False)  # blank text means "not set" (None)
    # What the editor shows when it is not the stored field itself: the lane's `patient` field
    # is often absent, and the box then shows what the lane's name decides.
    shown: Callable[[Any], Any] | None = None
    # When the field is offered for this element (None: always): demand only on a start step,
    # a branch's share only on an arrow out of a step with several.
    applies: Callable[[Any, PathMap], bool] | None = None


def _is_patient(lane: Lane) -> bool:
    return lane.is_patient


def _takes_arrivals(step: Step, _path_map: PathMap) -> bool:
    return step.kind == "start" or step.arrivals is not None  # stated ones can be cleared


def _is_a_branch(flow: Flow, path_map: PathMap) -> bool:
    if flow.probability is not None:
        return True
    return sum(1 for other in path_map.flows if other.source == flow.source) > 1


def _fixed(names: dict[str, str]) -> ChoiceSource:
    return lambda _map: list(names.items())


def _lanes(path_map: PathMap) -> list[tuple[Any, str]]:
    return [(lane.id, lane.name or "(lane without a name)") for lane in path_map.lanes]


def _phases(path_map: PathMap) -> list[tuple[Any, str]]:
    return [(None, NO_PHASE)] + [
        (p.id, p.name or "(phase without a name)") for p in path_map.phases
    ]


FIELD_TABLE: dict[str, tuple[FieldSpec, ...]] = {
    "map": (
        FieldSpec("title", "Title", "line"),
        FieldSpec("state", "State", "choice", _fixed(STATE_NAMES)),
        FieldSpec("description", "Description", "text"),
    ),
    "lane": (
        FieldSpec("name", "Name", "line"),
        FieldSpec(
            "organisation", "Organisation", "line", hint="blank: same as the name", optional=True
        ),
        FieldSpec(
            "patient",
            "This is the patient's lane",
            "bool",
            hint="the patient, carer or family: not an organisation in the findings and figures",
            shown=_is_patient,
        ),
        FieldSpec("colour", "Colour", "colour"),
        FieldSpec("height", "Height", "number", hint="points; blank: fit the steps", optional=True),
    ),
    "phase": (
        FieldSpec("name", "Name", "line"),
        FieldSpec("width", "Width", "number", hint="points; blank: fit the steps", optional=True),
    ),
    "step": (
        FieldSpec("kind", "Kind", "choice", _fixed(KIND_NAMES)),
        FieldSpec("label", "Label", "text"),
        FieldSpec("lane", "Lane", "choice", _lanes),
        FieldSpec("phase", "Phase", "choice", _phases),
        FieldSpec("duration", "Duration", "duration", hint="e.g. 30m, 2h, 2d 4h; blank: unknown"),
        FieldSpec("wait", "Wait before", "duration", hint="e.g. 6w, 2d; blank: unknown"),
        FieldSpec("value_added", "Value-adding for the patient", "bool"),
        FieldSpec("patient_contact", "Patient contact", "bool"),
        FieldSpec("owner", "Owner (role)", "line"),
        FieldSpec("notes", "Notes", "text"),
        FieldSpec("tags", "Tags", "tags", hint="comma separated"),
        FieldSpec(
            "arrivals",
            "Arrivals",
            "arrivals",
            hint="patients arriving, e.g. 150 a week, 30 a day; blank: none (what-if)",
            applies=_takes_arrivals,
        ),
        FieldSpec(
            "capacity",
            "Capacity",
            "servers",
            hint="patients served at once, e.g. 2 physios; blank: no limit (what-if)",
        ),
    ),
    "flow": (
        FieldSpec("label", "Label", "line", hint="e.g. yes / no out of a decision"),
        FieldSpec("expected_loop", "Expected loop (planned repeat)", "bool"),
        FieldSpec(
            "probability",
            "Share of patients",
            "share",
            hint="of those leaving the step, e.g. 30%; blank: an equal share of the rest",
            applies=_is_a_branch,
        ),
    ),
    "comment": (
        FieldSpec("kind", "Kind", "choice", _fixed(COMMENT_KIND_NAMES)),
        FieldSpec("text", "Text", "text"),
        FieldSpec("author", "Author (role)", "line"),
        FieldSpec("organisation", "Organisation", "line"),
    ),
}


class FieldEditor(QObject):
    """One field's widget. `edited` carries the text or value the person entered."""

    edited = Signal(object)

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.widget = self._build(parent)

    def _build(self, parent: QWidget) -> QWidget:
        raise NotImplementedError

    def show(self, value: Any, path_map: PathMap) -> None:
        raise NotImplementedError

    def to_model(self, entered: Any) -> Any:
        return entered


class LineEditor(FieldEditor):
    def _build(self, parent: QWidget) -> QWidget:
        self.line = QLineEdit(parent)
        self.line.setPlaceholderText(self.spec.hint)
        self.line.editingFinished.connect(self._finished)
        return self.line

    def _finished(self) -> None:
        self.line.setModified(False)
        self.edited.emit(self.line.text())

    def show(self, value: Any, path_map: PathMap) -> None:
        text = self.display(value)
        if self.line.text() != text and not (self.line.hasFocus() and self.line.isModified()):
            self.line.setText(text)
            self.line.setModified(False)

    def display(self, value: Any) -> str:
        return "" if value is None else str(value)

    def to_model(self, entered: Any) -> Any:
        text = str(entered).strip() if self.spec.optional else str(entered)
        return None if self.spec.optional and not text else text


class DurationEditor(LineEditor):
    def display(self, value: Any) -> str:
        return "" if value is None else describe_minutes(iso_to_minutes(str(value)))

    def to_model(self, entered: Any) -> Any:
        return parse_human(str(entered))  # DurationError is a ValueError with a message


class NumberEditor(LineEditor):
    def display(self, value: Any) -> str:
        return "" if value is None else f"{float(value):g}"

    def to_model(self, entered: Any) -> Any:
        text = str(entered).strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number of points (e.g. 150)") from None
        if number <= 0:
            raise ValueError("give a size above 0, or leave it blank to fit the steps")
        return number


class TagsEditor(LineEditor):
    def display(self, value: Any) -> str:
        return ", ".join(value or [])

    def to_model(self, entered: Any) -> Any:
        return [tag.strip() for tag in str(entered).split(",") if tag.strip()]


class ArrivalsEditor(LineEditor):
    """Demand at a start step, typed as people say it ("150 a week", "30 a day")."""

    def display(self, value: Any) -> str:
        return format_arrivals(value.per_week) if isinstance(value, Arrivals) else ""

    def to_model(self, entered: Any) -> Any:
        per_week = parse_arrivals(str(entered))  # QuantityError is a ValueError with a message
        return None if per_week is None else Arrivals(per_week=per_week)


class ServersEditor(LineEditor):
    """A step's capacity as the number serving at once ("2 physios"). The rest of the step's
    capacity (its queue at the start, how service times vary) is kept as it was."""

    def _build(self, parent: QWidget) -> QWidget:
        self.stated: Capacity | None = None
        return super()._build(parent)

    def display(self, value: Any) -> str:
        self.stated = value if isinstance(value, Capacity) else None
        return format_servers(self.stated.servers if self.stated is not None else None)

    def to_model(self, entered: Any) -> Any:
        servers = parse_servers(str(entered))
        if servers is None:
            return None
        if self.stated is None:
            return Capacity(servers=servers)
        return self.stated.model_copy(update={"servers": servers})


class ShareEditor(LineEditor):
    """The share of patients an arrow out of a branching step takes ("30%")."""

    def display(self, value: Any) -> str:
        return format_share(value)

    def to_model(self, entered: Any) -> Any:
        return parse_share(str(entered))


class TextEditor(FieldEditor):
    """Several lines; every keystroke is an edit (SetFields merges them into one undo step)."""

    def _build(self, parent: QWidget) -> QWidget:
        self.text = QPlainTextEdit(parent)
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.text.setPlaceholderText(self.spec.hint)
        self._showing = False
        self.text.textChanged.connect(self._changed)
        return self.text

    def _changed(self) -> None:
        if not self._showing:
            self.edited.emit(self.text.toPlainText())

    def show(self, value: Any, path_map: PathMap) -> None:
        if self.text.toPlainText() != (value or ""):
            self._showing = True
            self.text.setPlainText(value or "")
            self._showing = False


class ChoiceEditor(FieldEditor):
    def _build(self, parent: QWidget) -> QWidget:
        self.combo = QComboBox(parent)
        self.combo.activated.connect(lambda index: self.edited.emit(self.combo.itemData(index)))
        return self.combo

    def show(self, value: Any, path_map: PathMap) -> None:
        assert self.spec.choices is not None
        choices = self.spec.choices(path_map)
        current = [
            (self.combo.itemData(i), self.combo.itemText(i)) for i in range(self.combo.count())
        ]
        if current != choices:
            self.combo.clear()
            for data, text in choices:
                self.combo.addItem(text, data)
        index = next((i for i, (data, _text) in enumerate(choices) if data == value), -1)
        self.combo.setCurrentIndex(index)


class BoolEditor(FieldEditor):
    def _build(self, parent: QWidget) -> QWidget:
        self.check = QCheckBox(self.spec.label, parent)
        self.check.setToolTip(self.spec.hint)
        self.check.clicked.connect(lambda checked: self.edited.emit(bool(checked)))
        return self.check

    def show(self, value: Any, path_map: PathMap) -> None:
        self.check.setChecked(bool(value))


class ColourEditor(FieldEditor):
    """A swatch button that opens a colour chooser (`choose_colour`, replaceable in tests), and
    a button to go back to the automatic colour."""

    def _build(self, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton("Choose…", holder)
        self.clear = QPushButton("Automatic", holder)
        row.addWidget(self.button, 1)
        row.addWidget(self.clear)
        self.value: str | None = None
        self.choose_colour: Callable[[QColor], QColor | None] = _dialog_colour
        self.button.clicked.connect(self._choose)
        self.clear.clicked.connect(lambda: self.edited.emit(None))
        return holder

    def _choose(self) -> None:
        chosen = self.choose_colour(QColor(self.value or "#FFFFFF"))
        if chosen is not None and chosen.isValid():
            self.edited.emit(chosen.name().upper())

    def show(self, value: Any, path_map: PathMap) -> None:
        self.value = value
        self.button.setText(value or "Automatic")
        if not value:
            self.button.setStyleSheet("")  # the platform's own button
            return
        text = "#000000" if QColor(value).lightness() > 120 else "#FFFFFF"
        self.button.setStyleSheet(f"background: {value}; color: {text};")


def _dialog_colour(initial: QColor) -> QColor | None:
    from PySide6.QtWidgets import QColorDialog

    chosen = QColorDialog.getColor(initial, None, "Lane colour")
    return chosen if chosen.isValid() else None


EDITOR_CLASSES: dict[EditorKind, type[FieldEditor]] = {
    "line": LineEditor,
    "text": TextEditor,
    "choice": ChoiceEditor,
    "bool": BoolEditor,
    "duration": DurationEditor,
    "tags": TagsEditor,
    "colour": ColourEditor,
    "number": NumberEditor,
    "arrivals": ArrivalsEditor,
    "servers": ServersEditor,
    "share": ShareEditor,
}


def make_editor(spec: FieldSpec, parent: QWidget) -> FieldEditor:
    editor = EDITOR_CLASSES[spec.editor](spec, parent)
    editor.widget.setObjectName(f"field-{spec.name}")
    if spec.hint:
        editor.widget.setToolTip(spec.hint)
    return editor
