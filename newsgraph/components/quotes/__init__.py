"""newsgraph_quotes component."""
