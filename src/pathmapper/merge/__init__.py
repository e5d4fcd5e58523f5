"""The three-way merge of copies of a map sent out by e-mail and returned edited: a Qt-free
package of its own (it reads and writes no file; `io` does that).

- `three_way`: `merge_maps(base, copies, ...)`, the merge itself;
- `outcome`: what a merge produces (changes, conflicts, the merged map);
- `documents`: helpers on the plain map documents the merge compares;
- `wording`: changes and conflicts in words for the room (the command line and the editor).
"""

from pathmapper.merge.outcome import MergeChange, MergeConflict, MergeCopy, MergeResult
from pathmapper.merge.three_way import MergeError, merge_maps

__all__ = ["MergeChange", "MergeConflict", "MergeCopy", "MergeError", "MergeResult", "merge_maps"]
