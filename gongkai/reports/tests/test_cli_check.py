"""``gongkai report check``: summaries, JSON, HTML, exit codes, batches with bad files, no database."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gongkai.reports.cli import check
from gongkai.reports.tests.fixtures.corpus import make_case

SEED = Path(__file__).parent / "fixtures" / "seed_000_4cafe9524c14d923.txt"
ROOT = Path(__file__).resolve().parents[3]


class Out:
    def __init__(self):
        self.buf = io.StringIO()

    def write(self, s):
        self.buf.write(s + "\n")

    @property
    def text(self):
        return self.buf.getvalue()


def run(*paths, **opts):
    out, err = Out(), Out()
    options = {"paths": [str(p) for p in paths], "json": False, "html": None, "progress": False, "level": None}
    options.update(opts)
    code = check.run(options, out, err)
    return code, out.text, err.text


def test_the_seed_has_errors_and_a_human_summary():
    code, out, err = run(SEED)
    assert code == 1 and err == ""
    assert "三门峡市陕州区原店镇人民政府 2024年" in out
    assert "《政务信息公开条例》并不存在" in out and "右移了 1 列" in out
    assert out.strip().endswith("共 1 份：1 份有错误，0 份无错误，0 份无法读取。")


def test_a_clean_report_exits_zero(tmp_path):
    case = make_case(3, "html", "clean", template="2021")
    path = tmp_path / case.name
    path.write_bytes(case.data)
    code, out, _ = run(path)
    assert code == 0, out
    assert "0 个错误" in out


def test_json_gives_report_ids_with_findings():
    code, out, _ = run(SEED, json=True)
    (doc,) = json.loads(out)
    assert code == 1
    assert doc["template"] == "2021" and doc["section3"]["total"] == [0] * 7 and len(doc["section4"]) == 15
    assert {"READ-SHIFTED", "READ-LEVEL", "R-STATUTE", "R-PERIOD"} <= {f["rule"] for f in doc["findings"]}


def test_html_shows_the_source_table_next_to_the_read_one(tmp_path):
    out_file = tmp_path / "check.html"
    run(SEED, html=str(out_file))
    page = out_file.read_text(encoding="utf-8")
    assert "原文" in page and "读取结果" in page
    assert "第49行" in page  # source rows carry their line numbers
    assert 'rowspan="22"' in page  # the read table is drawn in the template's layout


def test_a_batch_of_a_thousand_files_does_not_stop_at_bad_ones(tmp_path):
    bad = {
        "empty.txt": b"",
        "binary.pdf": b"%PDF-1.7 broken",
        "zip.docx": b"PK\x03\x04 not a docx",
        "notes.html": "<html><body><p>通知</p></body></html>".encode(),
        "gbk.txt": "随便写的文字".encode("gb18030"),
    }
    seed = SEED.read_bytes()
    for i in range(1000):
        if i % 100 == 0:
            name, data = list(bad.items())[(i // 100) % len(bad)]
            (tmp_path / f"{i:04d}_{name}").write_bytes(data)
        elif i % 10 == 0:
            (tmp_path / f"{i:04d}_seed.txt").write_bytes(seed)
        else:
            (tmp_path / f"{i:04d}_x.txt").write_bytes("无关文本".encode())
    code, out, err = run(tmp_path, quiet=True)
    assert code == 2
    assert "共 1000 份：90 份有错误" in out
    assert err.count("无法读取") == 910
    assert "0999_x.txt" in err and "0100_binary.pdf" in err  # the batch went on to the end


def test_the_progress_bar_goes_to_stderr_only_when_asked(tmp_path, capsys):
    for i in range(3):
        shutil.copy(SEED, tmp_path / f"{i}.txt")
    run(tmp_path, progress=True, quiet=True)
    assert "检查中" in capsys.readouterr().err
    run(tmp_path, progress=False, quiet=True)
    assert "检查中" not in capsys.readouterr().err


def test_the_command_needs_no_database(tmp_path):
    env = dict(os.environ, DATABASE_URL="postgres://nobody:nothing@127.0.0.1:1/none")
    proc = subprocess.run(
        [sys.executable, "manage.py", "report", "check", str(SEED), "--quiet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "1 份有错误" in proc.stdout
