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

from gongkai.reports.core.validate import validate
from gongkai.reports.readers import SUFFIXES, Unreadable, read_path
from gongkai.reports.readers.present import CSS, counts, findings_list, side_by_side

HELP = "检查已发布的年度报告（文本、HTML、DOCX、PDF）：读取表格并找出错误"
MARK = {"error": "错误", "warning": "警告", "info": "提示"}


def add_arguments(parser):
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR", help="报告文件或目录（目录中的 .txt/.html/.docx/.pdf）")
    parser.add_argument("--json", action="store_true", help="每份报告输出 report-ids.md 格式的 JSON（含 findings）")
    parser.add_argument("--html", metavar="OUT", help="写出可浏览的 HTML 报告（原文表格与读取结果并列）")
    parser.add_argument("--progress", action="store_true", help="显示进度条（终端中默认显示）")
    parser.add_argument("--level", help="机构层级（township、county、county_department…），用于层级规则")
    parser.add_argument("--quiet", action="store_true", help="只输出每份报告一行和合计")


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
        return None, f"读取出错：{type(exc).__name__}: {exc}"
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
        self.stream.write(f"\r检查中 [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
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
            stderr.write(f"{path}: 无法读取：{reason}")
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
            f"共 {len(files)} 份：{with_errors} 份有错误，{len(results) - with_errors} 份无错误，{unreadable} 份无法读取。"
        )
    if options.get("html"):
        Path(options["html"]).write_text(html_report(results, unreadable), encoding="utf-8")
    if unreadable:
        return 2
    return 1 if with_errors else 0


def _print_human(stdout, path, report, *, quiet=False):
    n = counts(report)
    who = f"{report.organization or '（机构不详）'} {report.year or '（年度不详）'}年"
    stdout.write(
        f"{path}: {who}，{report.format.notice}格式 — {n['error']} 个错误，{n['warning']} 个警告，{n['info']} 个提示"
    )
    if quiet:
        return
    for f in report.findings:
        if f.severity == "info" and f.rule.startswith("READ-TEMPLATE"):
            continue
        stdout.write(f"  [{MARK[f.severity]}] {f.location}：{f.message}（{f.rule}）")


def html_report(results, unreadable: int) -> str:
    rows, bodies = [], []
    for i, (path, report) in enumerate(results):
        n = counts(report)
        rows.append(
            f'<tr><td><a href="#r{i}">{escape(str(path))}</a></td><td>{escape(report.organization)}</td>'
            f"<td>{report.year or ''}</td><td>{report.template}</td><td>{n['error']}</td><td>{n['warning']}</td></tr>"
        )
        bodies.append(
            f'<section id="r{i}"><h2>{escape(str(path))}</h2><p>{escape(report.title)}</p>'
            f"<h3>发现的问题</h3>{findings_list(report)}<h3>表格：原文与读取结果</h3>{side_by_side(report)}</section>"
        )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>年度报告检查结果</title>'
        f'<style>{CSS}</style></head><body class="gk-check"><h1>年度报告检查结果</h1>'
        f"<p>共 {len(results) + unreadable} 份，{unreadable} 份无法读取。</p>"
        "<table><tr><th>文件</th><th>机构</th><th>年度</th><th>格式</th><th>错误</th><th>警告</th></tr>"
        + "".join(rows)
        + "</table>"
        + "".join(bodies)
        + "</body></html>"
    )
