"""Merging returned copies never loses a comment and never doubles one."""

from __future__ import annotations

from typing import Any

from tests.test_merge import add_comment, both, item, merge, remove_step, unchanged


def test_comments_from_every_copy_are_all_kept() -> None:
    result = merge(
        add_comment("a1", "Could the practice request the echo directly?", author="GP partner"),
        add_comment("b1", "Letters take a week to arrive", author="Practice manager"),
        add_comment("d1", "Who books the follow-up?", target=None),
    )
    assert [(c.id, c.target) for c in result.merged.comments] == [
        ("c1", "s2"),
        ("a1", "s2"),
        ("b1", "s2"),
        ("d1", None),
    ]


def test_the_same_comment_added_in_two_copies_counts_once() -> None:
    result = merge(
        add_comment("a1", "Six  week wait is too long "),
        add_comment("b1", "Six week wait is too long"),
        add_comment("c9", "Six week wait is too long", target="s1"),  # another target: kept
    )
    texts = [(c.id, c.target) for c in result.merged.comments]
    assert texts == [("c1", "s2"), ("a1", "s2"), ("c9", "s1")]
    [added] = [c for c in result.changes if c.element_id == "a1"]
    assert added.also_from == ("copy-2.pathmap.json",)


def test_a_comment_is_removed_only_when_every_copy_removed_it() -> None:
    def remove_comment(document: dict[str, Any]) -> None:
        document["comments"] = []

    kept = merge(remove_comment, unchanged)
    assert [c.id for c in kept.merged.comments] == ["c1"]
    assert kept.conflicts == []
    gone = merge(remove_comment, remove_comment)
    assert gone.merged.comments == []


def test_a_comment_edited_in_one_copy_and_removed_in_another_is_a_conflict() -> None:
    def remove_comment(document: dict[str, Any]) -> None:
        document["comments"] = []

    def reword(document: dict[str, Any]) -> None:
        item(document, "comments", "c1")["text"] = "Six week wait for echo, eight in winter"

    result = merge(remove_comment, reword)
    [conflict] = result.conflicts
    assert (conflict.element_id, conflict.element_kind, conflict.field) == ("c1", "comment", None)
    assert conflict.values["copy-1.pathmap.json"] is None
    assert result.merged.comment("c1").text == "Six week wait for echo"  # type: ignore[union-attr]
    taken = merge(remove_comment, reword, take=2).merged
    assert taken.comment("c1").text.endswith("eight in winter")  # type: ignore[union-attr]
    assert merge(remove_comment, reword, take=1).merged.comment("c1") is None


def test_votes_from_every_copy_add_up() -> None:
    def vote(count: int) -> Any:
        return lambda document: item(document, "comments", "c1").update(votes=count)

    result = merge(vote(2), vote(1), unchanged)
    assert result.merged.comment("c1").votes == 3  # type: ignore[union-attr]
    assert result.conflicts == []


def test_a_comment_on_a_step_another_copy_removed_is_a_conflict() -> None:
    result = merge(add_comment("a1", "This letter is often lost", target="s3"), remove_step("s3"))
    [conflict] = result.conflicts
    assert conflict.element_id == "s3"
    assert "added 1 comment to it" in conflict.note
    assert result.merged.comment("a1").target == "s3"  # type: ignore[union-attr]


def test_taking_the_removal_moves_a_comment_on_the_step_to_the_whole_map() -> None:
    copies = (add_comment("a1", "This letter is often lost", target="s3"), remove_step("s3"))
    result = merge(*copies, take=2)
    comment = result.merged.comment("a1")
    assert comment is not None
    assert comment.target is None
    [moved] = [c for c in result.changes if c.element_id == "a1" and c.action == "changed"]
    assert (moved.field, moved.base_value, moved.new_value) == ("target", "s3", None)
    assert "whole map" in moved.reason


def test_who_changed_what_names_the_authors_of_added_comments() -> None:
    result = merge(
        both(
            add_comment("a1", "One", author="Community matron"),
            add_comment("a2", "Two", author="Community matron"),
        ),
        add_comment("b1", "Three", author=""),
    )
    assert result.copy_authors == {
        "copy-1.pathmap.json": ["Community matron"],
        "copy-2.pathmap.json": [],
    }
