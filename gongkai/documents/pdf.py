"""HTML → PDF with real Chinese fonts (WeasyPrint + fonts-noto-cjk).

WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset0 is installed (0.2 s a page);
without it, fontTools takes 15–20 s a page (see shared/spec/stack.md §0.4).
"""

from weasyprint import CSS, HTML

# Serif body like printed government documents (宋体 family), sans headings (黑体 family).
BASE_CSS = CSS(
    string="""
@page { size: A4; margin: 25mm 22mm 25mm 22mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.6; }
h1, h2, h3, th { font-family: "Noto Sans CJK SC", sans-serif; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 2pt 4pt; }
"""
)


def html_to_pdf(html: str, *, base_url: str | None = None, stylesheets: list | None = None) -> bytes:
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=[BASE_CSS, *(stylesheets or [])])
