"""How the canvas draws for its audience: the editor's theme, and the projector's (thicker
lines, black bold labels, darker lane lines) for presentation mode. Items read the theme of
their scene (`scene.theme`) when they paint; `MapScene.set_theme` redraws everything."""

from __future__ import annotations

from dataclasses import dataclass

from pathmapper.layout.style import GRID_LINE, INK


@dataclass(frozen=True)
class CanvasTheme:
    name: str
    line_scale: float = 1.0  # step outlines, arrows, lane and phase lines
    label_ink: str = INK
    bold_labels: bool = False
    grid_line: str = GRID_LINE


EDITOR_THEME = CanvasTheme("editor")
PROJECTOR_THEME = CanvasTheme(
    "projector", line_scale=1.5, label_ink="#000000", bold_labels=True, grid_line="#7D8A99"
)


def theme_of(scene: object) -> CanvasTheme:
    """The theme of an item's scene (the editor's when the item is in no map scene)."""
    theme = getattr(scene, "theme", None)
    return theme if isinstance(theme, CanvasTheme) else EDITOR_THEME
