"""Tools for rule authors: running a rule's examples, writing a compiled rule back in the rule language,
and generating the rule reference pages (the ``normcheck rules`` commands use them)."""
