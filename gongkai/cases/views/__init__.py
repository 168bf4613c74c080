"""Staff views of the cases app (/staff/cases/), one module per area; ``urls.py`` points at each.

Thin: access → form → one service → message → redirect. :mod:`.common` holds the helpers they share.
"""
