"""The legal graph: references and relations between documents and their units, and the
validity they imply, read from parsed documents (pure functions, no store)."""
