"""The HTTP API of SPEC section 3: a Powertools resolver, its routes and its error mapping."""
