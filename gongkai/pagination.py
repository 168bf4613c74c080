"""Paging for staff lists: every list shows all of its rows, a page at a time, never a silent cut.

A view pages its queryset with :func:`paginate` and its template includes ``_pager.html`` after the table::

    page = paginate(request, qs)            # ?page=N, 50 rows a page; a bad or too large N gives the nearest page
    {% for pub in page %}…{% endfor %}
    {% include "_pager.html" %}             # keeps the list's other query parameters (Django's {% querystring %})

The queryset must be ordered (with a unique last key, e.g. ``-id``) so that pages neither repeat nor skip rows.
"""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, queryset, per_page: int | None = None) -> Page:
    return Paginator(queryset, per_page or PER_PAGE).get_page(request.GET.get("page"))
