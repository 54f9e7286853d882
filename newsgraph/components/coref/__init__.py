"""newsgraph_coref component: pronouns and descriptions resolved to the actors named before them."""
