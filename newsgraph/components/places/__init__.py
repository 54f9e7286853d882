"""newsgraph_places component."""
