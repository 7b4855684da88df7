"""Structure: the anatomy of a normative document (title, 文号, articles, dates, sections, citations)."""
