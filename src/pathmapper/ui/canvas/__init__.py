"""The swimlane canvas: Qt Graphics View over a `MapDocument`, every edit a command.

Public API (kept stable for the main window):

    scene = MapScene(document, undo_stack)       # QGraphicsScene following the document
    view = MapView(scene)                         # the widget

MapScene
    signals: selectionIdsChanged(list[str]), commandRefused(str), toolChanged(str),
             geometryChanged()
    items_by_id: dict[str, QGraphicsItem]         # model id -> its item
    selected_ids() -> list[str]; select_ids(ids); select_all()
    execute(command) -> bool                      # push via ui.undo.push; refusal -> signal
    set_tool(Tool.SELECT | Tool.ADD_STEP | Tool.CONNECT, kind="activity")
    edit_label(element_id) -> bool                # in-place editor (step, lane, phase, ...)
    map_rect() -> QRectF; sync(); refresh(ids); detach()
MapView
    signal: zoomChanged(float)
    zoom() -> float; set_zoom(f); zoom_in(); zoom_out(); zoom_to_fit(); zoom_to_100()
    visible_scene_rect() -> QRectF; pin_headers()
render_png(path_map, out_path, width_px=None); render_svg(path_map, out_path)
    (import from pathmapper.ui.canvas.render)
"""

from pathmapper.ui.canvas.host import Tool
from pathmapper.ui.canvas.scene import MapScene
from pathmapper.ui.canvas.view import MapView

__all__ = ["MapScene", "MapView", "Tool"]
