"""Import/export of yearly figures (行政许可、行政处罚、行政强制、行政事业性收费) as XLSX or CSV."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

HEADERS = ["年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）", "说明"]
FIELDS = ["year", "licensing", "penalty", "enforcement", "fees_wan_yuan", "note"]
MAX_ROWS = 200


class ImportError_(ValueError):
    """Carries every problem found, one Chinese message per line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def template_xlsx(example_year: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "年度统计数据"
    ws.append(HEADERS)
    ws.append([example_year, 0, 0, 0, 0, ""])
    for col, width in zip("ABCDEF", [8, 12, 12, 12, 24, 30], strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_csv(example_year: int) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADERS)
    w.writerow([example_year, 0, 0, 0, "0", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _rows_from_upload(data: bytes, name: str) -> list[list]:
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ImportError_([_("无法读取该 Excel 文件。")]) from exc
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportError_([_("无法识别文件编码，请使用模板（XLSX）或 UTF-8 编码的 CSV。")])
    return [row for row in csv.reader(io.StringIO(text))]


def _int(value, label, line, errors):
    try:
        n = Decimal(str(value).strip() or "0")
        if n != n.to_integral_value() or n < 0:
            raise InvalidOperation
        return int(n)
    except (InvalidOperation, ValueError):
        errors.append(
            _("第%(line)d行：%(label)s须为非负整数（读到“%(v)s”）。") % {"line": line, "label": label, "v": value}
        )
        return None


def parse(data: bytes, name: str = "") -> list[dict]:
    rows = _rows_from_upload(data, name)
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise ImportError_([_("文件是空的。")])
    header = [str(c or "").strip() for c in rows[0]]
    if header[: len(HEADERS) - 1] != HEADERS[:-1]:
        raise ImportError_([_("表头与模板不一致，应为：%(h)s。") % {"h": "、".join(HEADERS)}])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportError_([_("行数过多（最多%(n)d行）。") % {"n": MAX_ROWS}])
    out, errors, years = [], [], set()
    for line, row in enumerate(rows[1:], start=2):
        row = list(row) + [None] * (len(FIELDS) - len(row))
        item = {}
        year = _int(row[0], "年度", line, errors)
        if year is not None and not 1990 <= year <= 2100:
            errors.append(_("第%(line)d行：年度“%(y)s”不合理。") % {"line": line, "y": year})
        if year in years:
            errors.append(_("第%(line)d行：年度%(y)s重复。") % {"line": line, "y": year})
        years.add(year)
        item["year"] = year
        for i, (field, label) in enumerate(zip(FIELDS[1:4], HEADERS[1:4], strict=True), start=1):
            item[field] = _int(row[i], label, line, errors)
        try:
            fee = Decimal(str(row[4] if row[4] is not None else "0").strip() or "0")
            if fee < 0 or fee.as_tuple().exponent < -4 or fee >= Decimal("1e10"):
                raise InvalidOperation
            item["fees_wan_yuan"] = fee
        except InvalidOperation:
            errors.append(
                _("第%(line)d行：行政事业性收费须为非负金额（万元，最多4位小数），读到“%(v)s”。")
                % {"line": line, "v": row[4]}
            )
        item["note"] = str(row[5] or "")[:300]
        out.append(item)
    if errors:
        raise ImportError_(errors)
    return out
