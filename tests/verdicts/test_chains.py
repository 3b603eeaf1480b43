"""Chain roots by pointer jumping, against walking each chain one link at a time."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.verdicts.chains import chain_roots


@st.composite
def forests(draw):
    """Parent links of a forest: each node's parent is an earlier node or none (-1)."""
    n = draw(st.integers(0, 60))
    return np.array([draw(st.integers(-1, i - 1)) if i else -1 for i in range(n)], dtype=np.int64)


def _walked(parent: np.ndarray) -> tuple[list[int], list[int]]:
    roots, depths = [], []
    for node in range(parent.size):
        depth = 0
        while parent[node] >= 0:
            node, depth = int(parent[node]), depth + 1
        roots.append(node)
        depths.append(depth)
    return roots, depths


@given(forests(), st.randoms(use_true_random=False))
def test_roots_and_depths_equal_walking_each_chain(parent, random):
    """Every node's root and depth are those found by following its links one by one, in any numbering."""
    order = list(range(parent.size))
    random.shuffle(order)
    renumbered = np.full(parent.size, -1, dtype=np.int64)
    new = np.argsort(order)  # old node -> new number
    for old, p in enumerate(parent):
        renumbered[new[old]] = new[p] if p >= 0 else -1
    root, depth = chain_roots(renumbered)
    assert (root.tolist(), depth.tolist()) == _walked(renumbered)


def test_a_cycle_is_refused():
    """Links that come back to where they started have no root: an error, not an endless loop."""
    with pytest.raises(ValueError, match="cycle"):
        chain_roots(np.array([-1, 2, 3, 1], dtype=np.int64))
