"""Save a copy to send, then File > Merge returned copy: changes left out when unticked,
conflicts settled as chosen, the merge one undo step that undo takes back exactly, and every
comment kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pathmapper.io import load_map, save_map
from pathmapper.model import Comment, PathMap
from pathmapper.ui.roundtrip import USE_OPEN_MAP, MergeDialog
from pathmapper.ui.roundtrip.controller import MINE_LABEL
from tests.conftest import SMALL_MAP
from tests.ui.roundtrip_harness import roundtrip_window


def write_copy(path: Path, edit: Any) -> Path:
    path_map = PathMap.model_validate(json.loads(json.dumps(SMALL_MAP)))
    edit(path_map)
    save_map(path_map, path)
    return path


def first_copy(path_map: PathMap) -> None:
    path_map.step("s2").label = "Echo scan"  # type: ignore[union-attr]
    path_map.step("s3").label = "Results letter to GP"  # type: ignore[union-attr]
    path_map.comments.append(
        Comment(id="c-nurse", target="s2", kind="idea", text="Book echo at referral",
                author="Practice nurse")
    )  # fmt: skip


def second_copy(path_map: PathMap) -> None:
    path_map.step("s2").label = "Echocardiogram"  # type: ignore[union-attr]
    path_map.comments.append(
        Comment(id="c-cardio", target=None, kind="question", text="Who reads the echo?",
                author="Cardiologist")
    )  # fmt: skip


def setup(qtbot: Any, tmp_path: Path) -> Any:
    window, _answers, controller, asked = roundtrip_window(qtbot, tmp_path)
    opened = write_copy(tmp_path / "breathlessness.pathmap.json", lambda _m: None)
    assert window.open_path(opened)
    return window, controller, asked


def test_save_a_copy_to_send_remembers_the_base(qtbot: Any, tmp_path: Path) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.send_path = str(tmp_path / "sent" / "breathlessness-sent")
    (tmp_path / "sent").mkdir()
    unsaved, depth = window.files.is_unsaved, window.undo_stack.count()
    written = controller.save_copy_to_send()
    assert written == (tmp_path / "sent" / "breathlessness-sent.pathmap.json").resolve()
    assert load_map(written).to_document() == window.document.path_map.to_document()
    assert controller.sent_copies.base_for("map-1") == written
    # The open map and its file stay as they were: sending is not saving.
    assert (window.files.is_unsaved, window.undo_stack.count()) == (unsaved, depth)
    assert window.files.path == (tmp_path / "breathlessness.pathmap.json").resolve()
    # Another window (another session, same settings) finds the same base.
    assert type(controller.sent_copies)(window.settings.settings).base_for("map-1") == written


def test_an_untitled_maps_copy_is_named_as_save_as_would_name_it(
    qtbot: Any, tmp_path: Path
) -> None:
    from pathmapper.commands import SetFields
    from pathmapper.ui.undo import push

    window, controller, _asked = setup(qtbot, tmp_path)
    window.files.new_map("blank")
    title = {"title": "Referral / triage: GP"}
    push(window.undo_stack, window.document, SetFields(window.document.path_map.id, title))
    suggested: list[str] = []
    controller.choose_send_path = lambda name: suggested.append(name)  # and cancel
    assert controller.save_copy_to_send() is None
    (name,) = suggested
    assert name.startswith("referral-triage-gp - sent ") and name.endswith(".pathmap.json")
    assert "/" not in name and ":" not in name


def test_merge_against_the_sent_copy_with_choices_is_one_undo_step(
    qtbot: Any, tmp_path: Path
) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.send_path = str(tmp_path / "sent.pathmap.json")
    controller.save_copy_to_send()
    before = window.document.path_map.to_document()
    one = write_copy(tmp_path / "from-practice.pathmap.json", first_copy)
    two = write_copy(tmp_path / "from-cardiology.pathmap.json", second_copy)
    asked.copy_paths = [str(one), str(two)]

    def decide(dialog: MergeDialog) -> bool:
        assert "the copy you sent, sent.pathmap.json" in dialog.summary.text()
        assert "from-practice.pathmap.json (Practice nurse)" in dialog.summary.text()
        assert ("s3", "label") in dialog.change_keys()
        dialog.set_accepted(("s3", "label"), False)  # leave this one out
        assert dialog.conflict_keys() == [("s2", "label")]
        dialog.choose(("s2", "label"), "from-cardiology.pathmap.json")
        return True

    asked.merge = decide
    depth = window.undo_stack.count()
    assert controller.merge_returned_copies()
    assert asked.bases_asked == []  # the sent copy was remembered: nothing to ask
    merged = window.document.path_map
    assert merged.step("s2").label == "Echocardiogram"  # type: ignore[union-attr]
    assert merged.step("s3").label == "Results to GP"  # type: ignore[union-attr]
    assert {"c1", "c-nurse", "c-cardio"} <= {comment.id for comment in merged.comments}
    assert merged.id == "map-1"
    assert window.undo_stack.count() == depth + 1
    assert window.files.is_unsaved
    window.scene.sync()
    assert "c-nurse" in window.scene.items_by_id  # the canvas shows the merged map
    window.undo_stack.undo()
    assert window.document.path_map.to_document() == before
    window.undo_stack.redo()
    assert window.document.path_map.step("s2").label == "Echocardiogram"  # type: ignore[union-attr]


def test_merge_accepting_everything_and_taking_the_first_copy(qtbot: Any, tmp_path: Path) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.send_path = str(tmp_path / "sent.pathmap.json")
    controller.save_copy_to_send()
    one = write_copy(tmp_path / "a.pathmap.json", first_copy)
    two = write_copy(tmp_path / "b.pathmap.json", second_copy)
    asked.copy_paths = [str(one), str(two)]
    asked.merge = lambda dialog: (dialog.choose(("s2", "label"), "a.pathmap.json"), True)[1]
    assert controller.merge_returned_copies()
    merged = window.document.path_map
    assert merged.step("s2").label == "Echo scan"  # type: ignore[union-attr]
    assert merged.step("s3").label == "Results letter to GP"  # type: ignore[union-attr]


def test_without_a_sent_copy_the_open_map_is_the_base_and_says_so(
    qtbot: Any, tmp_path: Path
) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.base = USE_OPEN_MAP
    asked.copy_paths = [str(write_copy(tmp_path / "a.pathmap.json", first_copy))]
    asked.merge = lambda dialog: "the open map as it is now" in dialog.summary.text()
    assert controller.merge_returned_copies()
    assert asked.bases_asked == ["Breathlessness referral"]
    assert window.document.path_map.step("s2").label == "Echo scan"  # type: ignore[union-attr]


def test_edits_made_since_sending_count_as_mine(qtbot: Any, tmp_path: Path) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.send_path = str(tmp_path / "sent.pathmap.json")
    controller.save_copy_to_send()
    from pathmapper.commands import SetFields
    from pathmapper.ui.undo import push

    push(window.undo_stack, window.document, SetFields("s2", {"label": "Echo (mine)"}))
    asked.copy_paths = [str(write_copy(tmp_path / "a.pathmap.json", first_copy))]

    def keep_mine(dialog: MergeDialog) -> bool:
        assert dialog.plan.mine_label == MINE_LABEL
        box = dialog._conflict_boxes[("s2", "label")]
        assert box.currentText() == "Keep mine"  # the default for my own edits
        return True

    asked.merge = keep_mine
    assert controller.merge_returned_copies()
    merged = window.document.path_map
    assert merged.step("s2").label == "Echo (mine)"  # type: ignore[union-attr]
    assert merged.step("s3").label == "Results letter to GP"  # type: ignore[union-attr]


def test_cancelling_the_dialog_changes_nothing(qtbot: Any, tmp_path: Path) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.base = USE_OPEN_MAP
    asked.copy_paths = [str(write_copy(tmp_path / "a.pathmap.json", first_copy))]
    asked.merge = lambda dialog: False
    before = window.document.path_map.to_document()
    depth = window.undo_stack.count()
    assert not controller.merge_returned_copies()
    assert window.document.path_map.to_document() == before
    assert window.undo_stack.count() == depth


def test_a_copy_that_is_not_a_map_is_reported(qtbot: Any, tmp_path: Path) -> None:
    _window, controller, asked = setup(qtbot, tmp_path)
    broken = tmp_path / "reply.pathmap.json"
    broken.write_text("{not json", encoding="utf-8")
    asked.copy_paths = [str(broken)]
    assert not controller.merge_returned_copies()
    assert asked.problems and asked.problems[0][0] == "Cannot open reply.pathmap.json"
    assert asked.dialogs == []


def test_copies_that_cannot_be_merged_are_reported_and_leave_no_dialog(
    qtbot: Any, tmp_path: Path
) -> None:
    window, controller, asked = setup(qtbot, tmp_path)
    asked.base = USE_OPEN_MAP
    copy = str(write_copy(tmp_path / "a.pathmap.json", first_copy))
    assert not controller.merge_returned_copies([copy, copy])  # the same copy twice
    assert asked.problems and asked.problems[0][0] == "Cannot merge these copies"
    assert asked.dialogs == []
    assert window.findChildren(MergeDialog) == []
