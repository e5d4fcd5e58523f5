"""Workshop mode: the editor as the room uses it.

    workshop = install_workshop(context)   # the window's EditorContext

- room view (F11): the map alone in the window, docks and tool bars hidden until F11 again
  (`room_view.py`);
- presentation mode (F5; Esc leaves), projector theme, zoom to a phase (1–9) or lane (Alt+1–9),
  and the projector on a second screen (`presentation.py`, `presenter.py`, `framing.py`);
- quick capture: Enter, Ctrl+Down / Ctrl+Up, Tab on the canvas (`capture.py`);
- sticky notes Ctrl+Alt+1..5, votes Ctrl+Alt+= / Ctrl+Alt+-, View > Notes filter, and the
  "Who is speaking?" fields in the Workshop tool bar (`notes.py`);
- Arrange > Tidy up (Ctrl+Alt+L), one undo step (`commands.tidy`);
- Find (Ctrl+F, F3, Shift+F3) (`find.py`).

The keys of presenting and of quick capture are tables of the context's key router; a note
added while the comments dock shows a note goes where that note is (the dock is optional).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QToolBar

from pathmapper.commands.tidy import tidy_up
from pathmapper.ui.context import EditorContext
from pathmapper.ui.workshop.capture import QuickCapture
from pathmapper.ui.workshop.find import FindBar
from pathmapper.ui.workshop.notes import StickyNotes
from pathmapper.ui.workshop.presentation import PresentationMode
from pathmapper.ui.workshop.presenter import PresenterWindow, second_screen
from pathmapper.ui.workshop.room_view import RoomView

__all__ = ["Workshop", "install_workshop"]

TIDY_KEY = "Ctrl+Alt+L"


@dataclass
class Workshop:
    """Everything `install_workshop` made, by name (the window keeps it; the tests use it)."""

    context: EditorContext
    presentation: PresentationMode
    room_view: RoomView
    capture: QuickCapture
    notes: StickyNotes
    find_bar: FindBar
    tidy_action: QAction
    second_screen_action: QAction
    toolbar: QToolBar
    speaker_field: QLineEdit
    organisation_field: QLineEdit
    presenter: PresenterWindow | None = None

    def tidy(self) -> bool:
        command = tidy_up(self.context.document.path_map)
        if command is None:
            self.context.say("The map is already tidy")
            return False
        return self.context.scene.execute(command)

    def toggle_second_screen(self, checked: bool) -> None:
        if checked and self.presenter is None:
            self.presenter = PresenterWindow(self.context.scene, self.context.view)
            self.presenter.show_on(second_screen())
        elif not checked and self.presenter is not None:
            self.presenter.close()
            self.presenter.deleteLater()
            self.presenter = None


def _speaker_fields(toolbar: QToolBar, notes: StickyNotes) -> tuple[QLineEdit, QLineEdit]:
    role = QLineEdit(toolbar)
    role.setObjectName("speaker-role")
    role.setPlaceholderText("Who is speaking? (role)")
    role.setToolTip("Kept for this session and put on each new note: a role, not a name")
    role.setMaximumWidth(220)
    organisation = QLineEdit(toolbar)
    organisation.setObjectName("speaker-organisation")
    organisation.setPlaceholderText("Organisation")
    organisation.setMaximumWidth(200)
    role.textChanged.connect(lambda text: setattr(notes.speaker, "role", text))
    organisation.textChanged.connect(lambda text: setattr(notes.speaker, "organisation", text))
    toolbar.addWidget(role)
    toolbar.addWidget(organisation)
    return role, organisation


def install_workshop(context: EditorContext) -> Workshop:
    """Add workshop mode to a main window: actions, menus, the Workshop tool bar, find bar."""
    window, scene, view, say = context.window, context.scene, context.view, context.say
    menus = context.menus
    presentation = PresentationMode(window, scene, view, context.keys)
    room_view = RoomView(window)
    capture = QuickCapture(scene, view, say, context.keys, window)
    notes = StickyNotes(scene, say, window, context.comments)
    for action in notes.all_actions():
        window.addAction(action)
    find_bar = FindBar(window, scene, view)

    tidy_action = QAction("&Tidy up (lay out left to right)", window)
    tidy_action.setShortcut(QKeySequence(TIDY_KEY))
    window.addAction(tidy_action)
    second_action = QAction("Present on &second screen", window)
    second_action.setCheckable(True)
    second_action.setEnabled(second_screen() is not None)
    second_action.setToolTip("The projector shows the map, live; the editor stays here")

    toolbar = context.toolbars.workshop
    toolbar.addAction(presentation.toggle_action)
    toolbar.addSeparator()
    role, organisation = _speaker_fields(toolbar, notes)
    toolbar.addActions(list(notes.add_actions.values()))
    toolbar.addAction(notes.vote_action)
    toolbar.addSeparator()
    toolbar.addAction(tidy_action)

    menus.insert.addSeparator()
    notes_menu = menus.insert.addMenu("&Note")
    notes_menu.addActions(list(notes.add_actions.values()))
    notes_menu.addSeparator()
    notes_menu.addActions([notes.vote_action, notes.unvote_action])
    menus.view.addSeparator()
    menus.view.addActions([room_view.action, presentation.toggle_action, second_action])
    filter_menu = menus.view.addMenu("&Notes")
    filter_menu.addActions(list(notes.filter_actions.values()))
    filter_menu.addSeparator()
    filter_menu.addAction(notes.show_all_action)
    menus.arrange.addSeparator()
    menus.arrange.addAction(tidy_action)
    menus.edit.addSeparator()
    menus.edit.addActions([find_bar.open_action, find_bar.next_action, find_bar.previous_action])

    workshop = Workshop(
        context=context,
        presentation=presentation,
        room_view=room_view,
        capture=capture,
        notes=notes,
        find_bar=find_bar,
        tidy_action=tidy_action,
        second_screen_action=second_action,
        toolbar=toolbar,
        speaker_field=role,
        organisation_field=organisation,
    )
    tidy_action.triggered.connect(workshop.tidy)
    second_action.toggled.connect(workshop.toggle_second_screen)
    return workshop
