"""Chinese full-text search over published publications: a CJK-bigram index.

Each published publication has one ``SearchDocument`` row whose ``tokens`` are space-joined index terms:
every pair of adjacent CJK characters (what Lucene's CJK analyzer does), the last character of each CJK run
as a single character (so that every character starts some term, for 1-character queries), and lower-cased
alphanumeric words. The migration indexes them per database:

* SQLite: an FTS5 (unicode61) external-content table ``publications_fts`` kept in sync by triggers;
* PostgreSQL: a stored generated ``tsvector`` column ``tsv`` (``array_to_tsvector``: the terms are used
  as-is, no parser, no dictionary) with a GIN index.

A query term matches when all its bigrams are present (index), and then, checked in SQL, when it occurs as an
exact substring of the title, 文号 or body. This is correct for 2-character queries (低保), which trigram indexes
cannot serve (stack.md §6).
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchDocument

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\U00030000-\U0003134f"
_RUN = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
MAX_TERMS = 8


def tokenize(text: str) -> list[str]:
    """Index terms of ``text`` (deduplicated, order kept)."""
    seen: dict[str, None] = {}
    for m in _RUN.finditer(text or ""):
        cjk, word = m.group(1), m.group(2)
        if cjk:
            for i in range(len(cjk) - 1):
                seen[cjk[i : i + 2]] = None
            seen[cjk[-1]] = None
        elif word:
            # An alphanumeric run may hold non-CJK letters only (the regex splits CJK out first).
            seen[word.lower()[:60]] = None
    return list(seen)


@dataclass(frozen=True)
class Term:
    text: str  # the user's term, verified as a substring
    exact: list[str]  # bigrams and alphanumeric words that must all be present
    prefixes: list[str]  # single CJK characters, matched as the first character of a term

    @property
    def index_is_exact(self) -> bool:
        """True when an index match already proves the substring: the term is one CJK run of 1–2 characters
        (低保, 暖: the bigram or character itself is indexed) or one whole alphanumeric word, and nothing else."""
        m = _RUN.fullmatch(self.text)
        if m is None:
            return False
        cjk, word = m.group(1), m.group(2)
        # ASCII only for words: SQLite's FTS5 folds diacritics (café matches cafe), a substring check does not.
        return bool(cjk and len(cjk) <= 2) or bool(word and word.isascii() and len(word) <= 60)


def parse_query(q: str) -> list[Term]:
    terms = []
    for raw in (q or "").split()[:MAX_TERMS]:
        exact: list[str] = []
        prefixes: list[str] = []
        for m in _RUN.finditer(raw):
            cjk, word = m.group(1), m.group(2)
            if cjk and len(cjk) >= 2:
                exact.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))
            elif cjk:
                prefixes.append(cjk)
            elif word:
                exact.append(word.lower()[:60])  # whole alphanumeric words, as the text was tokenized
        if exact or prefixes:
            terms.append(Term(raw, list(dict.fromkeys(exact)), list(dict.fromkeys(prefixes))))
    return terms


def _fts5_query(terms: list[Term]) -> str:
    parts = [f'"{t}"' for term in terms for t in term.exact]
    parts += [f'"{p}"*' for term in terms for p in term.prefixes]
    return " AND ".join(parts)


def _tsquery(terms: list[Term]) -> str:
    def quote(t):
        return "'" + t.replace("\\", "\\\\").replace("'", "''") + "'"

    parts = [quote(t) for term in terms for t in term.exact]
    parts += [quote(p) + ":*" for term in terms for p in term.prefixes]
    return " & ".join(parts)


def index_condition(terms: list[Term]):
    """A filter on Publication: every term's index terms are present."""
    if connection.vendor == "postgresql":
        doc = SearchDocument.objects.filter(publication_id=OuterRef("pk")).filter(
            RawSQL("tsv @@ %s::tsquery", [_tsquery(terms)], output_field=BooleanField())
        )
        return Exists(doc)
    if connection.vendor == "sqlite":
        return Q(
            pk__in=RawSQL("SELECT rowid FROM publications_fts WHERE publications_fts MATCH %s", [_fts5_query(terms)])
        )
    # Any other database: match the tokens column with LIKE (slow, but correct).
    q = Q()
    for term in terms:
        for t in term.exact:
            q &= Q(pk__in=SearchDocument.objects.filter(tokens__contains=t).values("publication_id"))
    return q


def substring_condition(terms: list[Term]):
    q = Q()
    for term in terms:
        op = "icontains" if re.search(r"[A-Za-z]", term.text) else "contains"
        q &= (
            Q(**{f"title__{op}": term.text})
            | Q(**{f"document_number__{op}": term.text})
            | Q(**{f"body_text__{op}": term.text})
        )
    return q


def apply(queryset, q: str):
    """Filter ``queryset`` (of Publications) to those matching query ``q``; returns (queryset, terms)."""
    terms = parse_query(q)
    if not terms:
        return queryset.none(), []
    return queryset.filter(index_condition(terms)).filter(substring_condition(terms)), terms


@lru_cache(maxsize=256)
def _highlight_pattern(words: tuple[str, ...]) -> re.Pattern:
    longest_first = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in longest_first), re.IGNORECASE)


def highlight(text: str, terms: list[Term]) -> str:
    """HTML-escaped ``text`` with every occurrence of a term wrapped in <mark>."""
    if not terms or not text:
        return escape(text or "")
    pattern = _highlight_pattern(tuple(t.text for t in terms))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def snippet(text: str, terms: list[Term], *, width: int = 60) -> str:
    """A window of ``text`` around the first hit, highlighted."""
    text = text or ""
    lower = text.lower()
    hits = [lower.find(t.text.lower()) for t in terms]
    hits = [h for h in hits if h >= 0]
    if not hits:
        return highlight(text[: width * 2], terms)
    start = max(0, min(hits) - width // 2)
    end = min(len(text), start + width * 2)
    piece = text[start:end]
    return mark_safe(("…" if start else "") + highlight(piece, terms) + ("…" if end < len(text) else ""))  # noqa: S308


def document_text(publication) -> str:
    return " ".join(filter(None, [publication.title, publication.document_number, publication.body_text]))


def index(publication) -> None:
    SearchDocument.objects.update_or_create(
        publication=publication,
        defaults={
            "tokens": " ".join(tokenize(document_text(publication))),
            "published_on": publication.published_on,
            "org_id": publication.organization_id,
            "node_ref": publication.node_id,
            "validity": publication.validity,
            "genre": publication.genre,
        },
    )


# The portal's search: candidates come from the search table alone (filters and date order are copied there),
# newest first; only the page's candidates are read from the publications table and checked for the exact
# substring. On PostgreSQL a query first walks the newest PHASE1_ROWS rows in date order (cheap when the term is
# common, where a bitmap of the GIN index would return tens of thousands of rows only to keep 21), then falls
# back to the GIN index (cheap when the term is rare).
PHASE1_ROWS = 1000


@dataclass(frozen=True)
class Filters:
    org_id: int | None = None
    org_ids: tuple[int, ...] | None = None  # a subtree: the agency and all below it
    node_id: int | None = None
    year: int | None = None
    validity: str | None = None
    genre: str | None = None

    def sql(self) -> tuple[list[str], list]:
        where, params = [], []
        if self.org_ids is not None:
            # The ids themselves (not a subquery), so PostgreSQL can estimate the share and walk the date index.
            if connection.vendor == "postgresql":
                where.append("org_id = ANY(%s)")
                params.append(list(self.org_ids))
            else:
                where.append(f"org_id IN ({', '.join(['%s'] * len(self.org_ids))})")
                params.extend(self.org_ids)
        elif self.org_id is not None:
            where.append("org_id = %s")
            params.append(self.org_id)
        if self.node_id is not None:
            where.append("node_ref = %s")
            params.append(self.node_id)
        if self.year is not None:
            where.append("published_on BETWEEN %s AND %s")
            params += [date(self.year, 1, 1), date(self.year, 12, 31)]
        if self.validity:
            where.append("validity = %s")
            params.append(self.validity)
        if self.genre:
            where.append("genre = %s")
            params.append(self.genre)
        return where, params


def _match(terms: list[Term]) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return "tsv @@ %s::tsquery", [_tsquery(terms)]
    if connection.vendor == "sqlite":
        return "publication_id IN (SELECT rowid FROM publications_fts WHERE publications_fts MATCH %s)", [
            _fts5_query(terms)
        ]
    clauses = ["tokens LIKE %s" for term in terms for _t in term.exact]
    return " AND ".join(clauses) or "1=1", [f"%{t}%" for term in terms for t in term.exact]


def _candidates(terms: list[Term], filters: Filters, *, offset: int, count: int) -> list[int]:
    where, params = filters.sql()
    match_sql, match_params = _match(terms)
    order = "ORDER BY published_on DESC, publication_id DESC"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and offset + count <= PHASE1_ROWS:
            cond = (" WHERE " + " AND ".join(where)) if where else ""
            cursor.execute(
                f"SELECT publication_id FROM (SELECT publication_id, published_on, tsv FROM publications_searchdocument"
                f"{cond} {order} LIMIT %s) recent WHERE {match_sql} {order} LIMIT %s OFFSET %s",
                [*params, PHASE1_ROWS, *match_params, count, offset],
            )
            ids = [r[0] for r in cursor.fetchall()]
            if len(ids) == count:
                return ids
        cond = " AND ".join([match_sql, *where])
        if connection.vendor == "postgresql":
            # MATERIALIZED: take the matches from the GIN index, never by walking the date index (a rare term
            # would make that walk read every row).
            sql = (
                f"WITH hits AS MATERIALIZED (SELECT publication_id, published_on FROM publications_searchdocument "
                f"WHERE {cond}) SELECT publication_id FROM hits {order} LIMIT %s OFFSET %s"
            )
        else:
            sql = f"SELECT publication_id FROM publications_searchdocument WHERE {cond} {order} LIMIT %s OFFSET %s"
        cursor.execute(sql, [*match_params, *params, count, offset])
        return [r[0] for r in cursor.fetchall()]


def find(q: str, filters: Filters, *, offset: int, limit: int, queryset):
    """(publications for one page, has_next, terms). ``queryset`` gives the Publication columns to load."""
    terms = parse_query(q)
    if not terms:
        return [], False, []
    want = offset + limit + 1
    verified: list = []
    scanned = 0
    # 2-character terms (the common case) need no substring check, so the first batch is exactly the page.
    check = not all(t.index_is_exact for t in terms)
    if check:
        queryset = queryset.filter(substring_condition(terms))
    batch = want + 10 if check else want
    while len(verified) < want:
        ids = _candidates(terms, filters, offset=scanned, count=batch)
        scanned += len(ids)
        if ids:
            found = {p.pk: p for p in queryset.filter(pk__in=ids)}
            verified.extend(found[i] for i in ids if i in found)
        if len(ids) < batch:
            break
        batch *= 2
    return verified[offset : offset + limit], len(verified) > offset + limit, terms


def unindex(publication) -> None:
    SearchDocument.objects.filter(publication=publication).delete()
