"""``gongkai report check FILE|DIR … [--json] [--html OUT] [--progress]``: read published annual reports
(text, HTML, DOCX, PDF), report what was read and what is wrong.

Exit code: 0 no report has errors; 1 some report has errors; 2 some input could not be read.
A bad file never stops a batch: it is counted, named on stderr, and the next file is read.
Needs no database (pure readers and validator).
"""

from __future__ import annotations

import json
import os
import sys
import time
from html import escape
from pathlib import Path

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from gongkai.reports.core.validate import validate
from gongkai.reports.readers import SUFFIXES, Unreadable, read_path
from gongkai.reports.readers.present import CSS, SEVERITY_LABEL, counts, findings_list, side_by_side

HELP = gettext_lazy("检查已发布的年度报告（文本、HTML、DOCX、PDF）：读取表格并找出错误")


def add_arguments(parser):
    parser.add_argument(
        "paths", nargs="+", metavar="FILE|DIR", help=_("报告文件或目录（目录中的 .txt/.html/.docx/.pdf）")
    )
    parser.add_argument("--json", action="store_true", help=_("每份报告输出 report-ids.md 格式的 JSON（含 findings）"))
    parser.add_argument("--html", metavar="OUT", help=_("写出可浏览的 HTML 报告（原文表格与读取结果并列）"))
    parser.add_argument("--progress", action="store_true", help=_("显示进度条（终端中默认显示）"))
    parser.add_argument("--level", help=_("机构层级（township、county、county_department…），用于层级规则"))
    parser.add_argument("--quiet", action="store_true", help=_("只输出每份报告一行和合计"))


def collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, _dirs, names in os.walk(path):
                for n in sorted(names):
                    if Path(n).suffix.lower() in SUFFIXES:
                        files.append(Path(root) / n)
        else:
            files.append(path)
    return sorted(files) if len(paths) == 1 and Path(paths[0]).is_dir() else files


def check_one(path: Path, *, level=None):
    """(report, None) or (None, reason)."""
    try:
        report = read_path(path)
    except Unreadable as exc:
        return None, str(exc)
    except Exception as exc:  # a reader bug must not stop a batch of 1,000 files
        return None, _("读取出错：%(error)s") % {"error": f"{type(exc).__name__}: {exc}"}
    report.findings = report.findings + validate(report, level=level)
    order = {"error": 0, "warning": 1, "info": 2}
    report.findings.sort(key=lambda f: order[f.severity])
    return report, None


class Progress:
    def __init__(self, total: int, stream, enabled: bool):
        self.total, self.stream, self.enabled = total, stream, enabled and total > 1
        self.last = 0.0

    def step(self, done: int):
        if not self.enabled:
            return
        now = time.monotonic()
        if done != self.total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = int(width * done / self.total)
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(
            "\r" + _("检查中 [%(bar)s] %(done)s/%(total)s") % {"bar": bar, "done": done, "total": self.total}
        )
        self.stream.flush()
        if done == self.total:
            self.stream.write("\n")


def run(options, stdout, stderr) -> int:
    files = collect(options["paths"])
    raw_err = getattr(stderr, "_out", sys.stderr)
    show = options.get("progress") or (hasattr(raw_err, "isatty") and raw_err.isatty())
    progress = Progress(len(files), raw_err, bool(show) and not options.get("json"))
    results = []
    unreadable = with_errors = 0
    for i, path in enumerate(files, start=1):
        report, reason = check_one(path, level=options.get("level"))
        if report is None:
            unreadable += 1
            stderr.write(_("%(file)s: 无法读取：%(reason)s") % {"file": path, "reason": reason})
        else:
            if report.errors:
                with_errors += 1
            results.append((path, report))
            if not options.get("json"):
                _print_human(stdout, path, report, quiet=options.get("quiet"))
        progress.step(i)
    if options.get("json"):
        stdout.write(json.dumps([{"file": str(p), **r.to_json()} for p, r in results], ensure_ascii=False, indent=2))
    else:
        stdout.write(
            _("共 %(files)s 份：%(errors)s 份有错误，%(clean)s 份无错误，%(unreadable)s 份无法读取。")
            % {
                "files": len(files),
                "errors": with_errors,
                "clean": len(results) - with_errors,
                "unreadable": unreadable,
            }
        )
    if options.get("html"):
        Path(options["html"]).write_text(html_report(results, unreadable), encoding="utf-8")
    if unreadable:
        return 2
    return 1 if with_errors else 0


def _print_human(stdout, path, report, *, quiet=False):
    n = counts(report)
    stdout.write(
        _(
            "%(file)s: %(organization)s %(year)s年，%(notice)s格式 — "
            "%(errors)s 个错误，%(warnings)s 个警告，%(infos)s 个提示"
        )
        % {
            "file": path,
            "organization": report.organization or _("（机构不详）"),
            "year": report.year or _("（年度不详）"),
            "notice": report.format.notice,
            "errors": n["error"],
            "warnings": n["warning"],
            "infos": n["info"],
        }
    )
    if quiet:
        return
    for f in report.findings:
        if f.severity == "info" and f.rule.startswith("READ-TEMPLATE"):
            continue
        line = _("[%(severity)s] %(location)s：%(message)s（%(rule)s）") % {
            "severity": _(SEVERITY_LABEL[f.severity]),
            "location": f.location,
            "message": f.message,
            "rule": f.rule,
        }
        stdout.write("  " + line)


def html_report(results, unreadable: int) -> str:
    rows, bodies = [], []
    found, tables = _("发现的问题"), _("表格：原文与读取结果")
    for i, (path, report) in enumerate(results):
        n = counts(report)
        rows.append(
            f'<tr><td><a href="#r{i}">{escape(str(path))}</a></td><td>{escape(report.organization)}</td>'
            f"<td>{report.year or ''}</td><td>{report.template}</td><td>{n['error']}</td><td>{n['warning']}</td></tr>"
        )
        bodies.append(
            f'<section id="r{i}"><h2>{escape(str(path))}</h2><p>{escape(report.title)}</p>'
            f"<h3>{found}</h3>{findings_list(report)}<h3>{tables}</h3>{side_by_side(report)}</section>"
        )
    title = _("年度报告检查结果")
    summary = _("共 %(total)s 份，%(unreadable)s 份无法读取。") % {
        "total": len(results) + unreadable,
        "unreadable": unreadable,
    }
    headers = [_("文件"), _("机构"), _("年度"), _("格式"), _("错误"), _("警告")]
    return (
        f'<!DOCTYPE html><html lang="{_html_lang()}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>{CSS}</style></head><body class="gk-check"><h1>{title}</h1>'
        f"<p>{summary}</p>"
        "<table><tr>"
        + "".join(f"<th>{h}</th>" for h in headers)
        + "</tr>"
        + "".join(rows)
        + "</table>"
        + "".join(bodies)
        + "</body></html>"
    )


def _html_lang() -> str:
    """The page's ``lang``: ``zh-CN`` for Chinese (as before), else the active language."""
    language = get_language() or "zh-hans"
    return "zh-CN" if language.startswith("zh") else language
