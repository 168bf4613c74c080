"""The validator's rules, one function per rule, grouped by what they check; :mod:`..validate` runs them.

Every rule is ``rule_*(report, *, previous=None, level=None, published_on=None, deadline=None)`` and
returns a list of findings. Like the rest of ``gongkai.reports.core``, nothing here imports Django: messages
are marked with ``gongkai.i18n`` (``_`` is gettext, so a rule takes its unused options as ``**_options``).
"""
