"""newsgraph_framing component."""
