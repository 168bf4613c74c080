"""Pure core of the annual report (政府信息公开工作年度报告): formats, value object, validator.

Nothing here imports Django; the generator, the renderers, the readers and the checker all build on it.
Findings and schema errors are marked for translation with :mod:`gongkai.i18n` (the report's own labels, the
national format's verbatim Chinese, are not).
"""

from .formats import FORMAT_2019, FORMAT_2021, SECTION3_COLUMNS, get_format
from .model import AnnualReport, Finding
from .validate import validate

__all__ = ["FORMAT_2019", "FORMAT_2021", "SECTION3_COLUMNS", "AnnualReport", "Finding", "get_format", "validate"]
