"""Geometry of a map (lane bands, phase columns, step boxes, flow routes), shared by the
canvas and the PDF so both draw the same picture; and automatic layout. No Qt."""
