"""The published site: a MkDocs plugin that turns the archive view into pages, charts and feeds."""
