"""newsgraph_datelines component."""
