"""newsgraph_times component."""
