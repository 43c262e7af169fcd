"""The relational side of workshop sign-ups: schema, engine, unit of work, migrations."""
