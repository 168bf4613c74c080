"""Regenerate ``arrangements.json`` from the ``chinese-calendar`` package (run once, outside the project venv).

    python -m venv /tmp/cc && /tmp/cc/bin/pip install chinese-calendar==1.11.0
    /tmp/cc/bin/python gongkai/workdays/data/make_arrangements.py > gongkai/workdays/data/arrangements.json

chinese-calendar is NOT a dependency of Gongkai: the JSON file it produces is the shipped data, and later
years are entered by an administrator (staff page or import) from each year's 国务院办公厅 notice.
"""

import json
import re
import sys

import chinese_calendar

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}

# Notices (国务院办公厅关于XXXX年部分节假日安排的通知). 2024–2026 as recorded in shared/spec/regulation.md §4;
# the 文号 of 2019–2023 are given as commonly cited and were not re-read from the primary text in this project.
NOTICES = {
    2019: (
        "国务院办公厅关于2019年部分节假日安排的通知",
        "国办发明电〔2018〕15号",
        "2018-12-06",
        "",
        "劳动节安排经国办发明电〔2019〕2号调整，数据已含调整",
    ),
    2020: (
        "国务院办公厅关于2020年部分节假日安排的通知",
        "国办发明电〔2019〕16号",
        "2019-11-21",
        "",
        "春节假期经国办发明电〔2020〕1号延长至2月2日，数据已含延长",
    ),
    2021: ("国务院办公厅关于2021年部分节假日安排的通知", "国办发明电〔2020〕27号", "2020-11-25", "", ""),
    2022: ("国务院办公厅关于2022年部分节假日安排的通知", "国办发明电〔2021〕11号", "2021-10-25", "", ""),
    2023: ("国务院办公厅关于2023年部分节假日安排的通知", "国办发明电〔2022〕16号", "2022-12-08", "", ""),
    2024: (
        "国务院办公厅关于2024年部分节假日安排的通知",
        "国办发明电〔2023〕7号",
        "2023-10-25",
        "https://zh.wikisource.org/wiki/国务院办公厅关于2024年部分节假日安排的通知",
        "",
    ),
    2025: (
        "国务院办公厅关于2025年部分节假日安排的通知",
        "国办发明电〔2024〕12号",
        "2024-11-12",
        "https://m.gmw.cn/2024-11/12/content_1303894933.htm",
        "",
    ),
    2026: (
        "国务院办公厅关于2026年部分节假日安排的通知",
        "",
        "2025-11-04",
        "https://epaper.zsnews.cn/epaper/zsrb/paperdate/20251105/part/1/articleid/3.html",
        "文号未核实",
    ),
}


def main() -> None:
    years = {}
    for year, (title, number, published, url, note) in NOTICES.items():
        days = []
        for d, name in sorted(chinese_calendar.holidays.items()):
            if d.year == year:
                days.append([d.isoformat(), "holiday", NAMES[name]])
        for d, name in sorted(chinese_calendar.workdays.items()):
            if d.year == year:
                days.append([d.isoformat(), "workday", NAMES[name] + "调休"])
        days.sort()
        years[str(year)] = {
            "title": title,
            "number": number,
            "published": published,
            "url": url,
            "note": note,
            "days": days,
        }
    out = {
        "source": "chinese-calendar 1.11.0 (PyPI), checked against shared/spec/regulation.md §4 for 2024–2026",
        "years": years,
    }
    text = json.dumps(out, ensure_ascii=False, indent=1)
    # one day per line keeps the file short and diffs readable
    text = re.sub(r"\[\n\s+(\"[0-9-]+\"),\n\s+(\"\w+\"),\n\s+(\"[^\"]+\")\n\s+\]", r"[\1, \2, \3]", text)
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
