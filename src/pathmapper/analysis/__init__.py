"""Analysis of the flow graph: gaps, loops, handoffs, duplication, routes and figures (no Qt)."""
