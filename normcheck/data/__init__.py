"""Data files shipped with normcheck: the law register (law_register.json.gz)."""
