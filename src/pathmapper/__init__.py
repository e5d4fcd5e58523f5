"""pathmapper: map patient pathways live as swimlanes, and find their gaps, loops and handoffs."""

__version__ = "0.1.0"
