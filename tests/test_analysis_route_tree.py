"""Routes keep their steps in the search's shared tree, not each in its own tuple: the steps
read back are the route's, its cheap figures agree with them, and the tree stays small."""

from __future__ import annotations

from pathmapper.analysis import analyse
from pathmapper.analysis.generate import generate_map


def test_a_routes_count_and_ends_agree_with_its_steps() -> None:
    analysis = analyse(generate_map(300, seed=4))
    assert analysis.routes
    for route in analysis.routes[:500]:
        steps = route.steps
        assert (route.step_count, route.first_step, route.last_step) == (
            len(steps),
            steps[0],
            steps[-1],
        )


def test_routes_share_one_tree_far_smaller_than_their_steps() -> None:
    analysis = analyse(generate_map(1000, seed=0))
    trees = {id(route.tree) for route in analysis.routes}
    assert len(trees) == 1
    tree = analysis.routes[0].tree
    total_steps = sum(route.step_count for route in analysis.routes)
    assert len(tree.step) * 10 < total_steps


def test_routes_compare_by_their_steps_and_figures() -> None:
    path_map = generate_map(120, seed=5)
    first, second = analyse(path_map).routes, analyse(path_map).routes
    assert first == second  # separate searches, separate trees, the same routes
    assert first[0] != first[1]
