"""newsgraph_actors component."""
