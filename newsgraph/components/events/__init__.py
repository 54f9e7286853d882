"""newsgraph_events component."""
