"""The public site: 政府信息公开 home for the whole tree and for each agency, catalogue, guide, search."""

from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import Length
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gongkai.organizations.models import Organization
from gongkai.publications import search as search_index
from gongkai.publications.models import (
    Attachment,
    CatalogueNode,
    Genre,
    Publication,
    Status,
    Validity,
)

from .cache import current_token, portal_cached
from .guide import guide_html
from .links import org_entry_url

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpg": "image/jpeg",
    "mp4": "video/mp4",
}
PAGE_SIZE = 20
MAX_PAGE = 500
LIST_FIELDS = [
    "id",
    "title",
    "index_number",
    "document_number",
    "published_on",
    "validity",
    "genre",
    "organization_id",
    "node_id",
]


def _page(request, qs, size=PAGE_SIZE):
    """LIMIT/OFFSET paging without COUNT(*) (cheap on a million rows): one extra row tells if there is a next page."""
    try:
        number = min(max(1, int(request.GET.get("page", "1"))), MAX_PAGE)
    except ValueError:
        number = 1
    rows = list(qs[(number - 1) * size : number * size + 1])
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    return {
        "items": rows[:size],
        "number": number,
        "has_next": len(rows) > size and number < MAX_PAGE,
        "has_prev": number > 1,
        "query": (base + "&") if base else "",
    }


def _publication_url(pk: int) -> str:
    global _URL_PATTERN
    if _URL_PATTERN is None:
        _URL_PATTERN = reverse("portal:publication", kwargs={"publication_id": 987654321}).replace("987654321", "{}")
    return _URL_PATTERN.format(pk)


_URL_PATTERN = None
VALIDITY_LABELS = dict(Validity.choices)


def rows(items, *, terms=None, with_org=False) -> list[dict]:
    """Plain dicts for the list templates (cheaper to render than model lookups and {% url %} per row)."""
    out = []
    for p in items:
        out.append(
            {
                "url": _publication_url(p.pk),
                "title": search_index.highlight(p.title, terms) if terms else p.title,
                "snippet": search_index.snippet(p.body_text, terms) if terms else "",
                "date": p.published_on.isoformat() if p.published_on else "",
                "number": p.document_number,
                "validity": "" if p.validity == Validity.IN_FORCE else VALIDITY_LABELS.get(p.validity, ""),
                "validity_label": VALIDITY_LABELS.get(p.validity, ""),
                "org": p.organization.display_name if with_org else "",
            }
        )
    return out


def _active_org(org_id):
    return get_object_or_404(Organization, pk=org_id, is_active=True)


def _published():
    return Publication.objects.filter(status=Status.PUBLISHED)


def _newest(qs):
    return qs.order_by("-published_on", "-id")


@portal_cached
def home(request):
    orgs = Organization.objects.filter(is_active=True).order_by("path")
    latest = (
        _newest(_published())
        .select_related("organization")
        .only(*LIST_FIELDS, "organization__short_name", "organization__name")[:10]
    )
    return render(request, "portal/home.html", {"orgs": orgs, "latest": rows(latest, with_org=True)})


@portal_cached
def organization_home(request, org_id):
    org = _active_org(org_id)
    nodes = list(CatalogueNode.objects.for_organization(org))
    published = _published().filter(organization=org)
    return render(
        request,
        "portal/organization_home.html",
        {
            "org": org,
            "ancestors": org.ancestors(),
            "children": org.children.filter(is_active=True).order_by("name"),
            "nodes": nodes,
            "latest": rows(_newest(published).only(*LIST_FIELDS)[:10]),
            "interpretations": rows(_newest(published.filter(interprets__isnull=False)).only(*LIST_FIELDS)[:5]),
            "apply_url": org_entry_url("applications_public", org),
            "reports_url": org_entry_url("reports_public", org),
            "complaints_url": org_entry_url("cases_public", org),
        },
    )


@portal_cached
def guide(request, org_id):
    org = _active_org(org_id)
    html, edited, updated_on = guide_html(org)
    return render(request, "portal/guide.html", {"org": org, "guide": html, "edited": edited, "updated_on": updated_on})


@portal_cached
def catalogue(request, org_id):
    org = _active_org(org_id)
    counts = dict(
        _published().filter(organization=org).values_list("node_id").annotate(n=Count("id")).values_list("node_id", "n")
    )
    nodes = [(n, counts.get(n.pk, 0)) for n in CatalogueNode.objects.for_organization(org)]
    return render(request, "portal/catalogue.html", {"org": org, "nodes": nodes})


@portal_cached
def node_list(request, org_id, node_id):
    org = _active_org(org_id)
    node = get_object_or_404(CatalogueNode.objects.for_organization(org), pk=node_id)
    qs = _newest(_published().filter(organization=org, node=node)).only(*LIST_FIELDS)
    page = _page(request, qs)
    page["items"] = rows(page["items"])
    return render(request, "portal/node_list.html", {"org": org, "node": node, "page": page})


@portal_cached
def proactive(request, org_id):
    org = _active_org(org_id)
    subtree = request.GET.get("subtree") == "1"
    qs = (
        _published().filter(organization__path__startswith=org.path)
        if subtree
        else _published().filter(organization=org)
    )
    qs = _newest(qs).select_related("organization").only(*LIST_FIELDS, "organization__short_name", "organization__name")
    page = _page(request, qs)
    page["items"] = rows(page["items"], with_org=subtree)
    return render(request, "portal/proactive.html", {"org": org, "subtree": subtree, "page": page})


@portal_cached
def interpretations(request, org_id):
    org = _active_org(org_id)
    qs = _newest(_published().filter(organization=org, interprets__isnull=False)).select_related("interprets")
    return render(request, "portal/interpretations.html", {"org": org, "page": _page(request, qs)})


@portal_cached
def apply_entry(request, org_id):
    org = _active_org(org_id)
    return render(
        request, "portal/apply_entry.html", {"org": org, "apply_url": org_entry_url("applications_public", org)}
    )


@portal_cached
def publication(request, publication_id):
    pub = get_object_or_404(_published().select_related("organization", "node", "interprets"), pk=publication_id)
    attachments = list(pub.attachments.all())
    return render(
        request,
        "portal/publication.html",
        {
            "pub": pub,
            "org": pub.organization,
            "attachments": [a for a in attachments if a.role == Attachment.Role.ATTACHMENT],
            "graphics": [a for a in attachments if a.role == Attachment.Role.GRAPHIC],
            "videos": [a for a in attachments if a.role == Attachment.Role.VIDEO],
            "interpretations": _newest(_published().filter(interprets=pub)),
            "interprets": pub.interprets if pub.interprets and pub.interprets.status == Status.PUBLISHED else None,
            "validity_history": pub.events.filter(action__in=["amend", "repeal"]).order_by("on", "id")
            if pub.validity != Validity.IN_FORCE
            else [],
        },
    )


def attachment(request, publication_id, attachment_id):
    att = get_object_or_404(
        Attachment.objects.select_related("publication"),
        pk=attachment_id,
        publication_id=publication_id,
        publication__status=Status.PUBLISHED,
    )
    inline = att.kind in ("pdf", "png", "jpg", "mp4") and request.GET.get("download") != "1"
    try:
        handle = att.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # The type comes from the checked content, never from the uploaded name.
    return FileResponse(handle, as_attachment=not inline, filename=att.name, content_type=CONTENT_TYPES[att.kind])


@portal_cached
def search(request):
    q = request.GET.get("q", "").strip()[:100]
    ctx = {
        "q": q,
        "org_options": _org_options(request.GET.get("org", "")),
        "genre_options": _choice_options(Genre, request.GET.get("genre", "")),
        "validity_options": _choice_options(Validity, request.GET.get("validity", "")),
        "filters": request.GET,
    }
    org = None
    org_id = request.GET.get("org", "")
    if org_id.isdigit():
        org = Organization.objects.filter(pk=int(org_id), is_active=True).first()
    subtree = request.GET.get("subtree") == "1"
    node_id = request.GET.get("node", "")
    year = request.GET.get("year", "")
    filters = search_index.Filters(
        org_id=org.pk if org else None,
        org_ids=_subtree_ids(org) if org and subtree else None,
        node_id=int(node_id) if node_id.isdigit() else None,
        year=int(year) if year.isdigit() and 1990 <= int(year) <= 2100 else None,
        validity=request.GET.get("validity") if request.GET.get("validity") in Validity.values else None,
        genre=request.GET.get("genre") if request.GET.get("genre") in Genre.values else None,
    )
    if org is not None:
        ctx["org"] = org
        ctx["node_options"] = mark_safe(  # noqa: S308
            _options(CatalogueNode.objects.for_organization(org).values_list("pk", "name"), node_id)
        )
    columns = (
        _published()
        .select_related("organization")
        .only(*LIST_FIELDS, "body_text", "organization__short_name", "organization__name")
    )
    if q:
        page = _page(request, [])
        items, has_next, terms = search_index.find(
            q, filters, offset=(page["number"] - 1) * PAGE_SIZE, limit=PAGE_SIZE, queryset=columns
        )
        page.update(items=rows(items, terms=terms, with_org=True), has_next=has_next)
        ctx["page"] = page
    elif any(request.GET.get(k) for k in ("org", "node", "year", "validity", "genre")):
        qs = _published()
        if filters.org_ids is not None:
            qs = qs.filter(organization_id__in=filters.org_ids)
        elif filters.org_id is not None:
            qs = qs.filter(organization_id=filters.org_id)
        if filters.node_id is not None:
            qs = qs.filter(node_id=filters.node_id)
        if filters.year is not None:
            qs = qs.filter(published_on__year=filters.year)
        if filters.validity:
            qs = qs.filter(validity=filters.validity)
        if filters.genre:
            qs = qs.filter(genre=filters.genre)
        page = _page(request, _newest(qs).select_related("organization").only(
            *LIST_FIELDS, "organization__short_name", "organization__name"
        ))  # fmt: skip
        page["items"] = rows(page["items"], with_org=True)
        ctx["page"] = page
    return render(request, "portal/search.html", ctx)


def _subtree_ids(org) -> tuple[int, ...]:
    key = f"portal:subtree:{current_token()}:{org.pk}"
    ids = cache.get(key)
    if ids is None:
        ids = tuple(Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True))
        cache.set(key, ids, 600)
    return ids


MAX_FLAT_OPTIONS = 200


def _options(choices, selected: str) -> str:
    return "".join(
        f'<option value="{escape(v)}"{" selected" if str(v) == selected else ""}>{escape(label)}</option>'
        for v, label in choices
    )


@lru_cache(maxsize=256)
def _choice_options_html(choices_class, language: str, selected: str) -> str:
    return mark_safe(_options(choices_class.choices, selected))  # noqa: S308 (escaped in _options)


def _choice_options(choices_class, selected: str) -> str:
    """<option>s of a fixed choice list, built once per language and selected value (the labels are lazy
    translations, costly to resolve on every search)."""
    if selected not in choices_class.values:
        selected = ""
    return _choice_options_html(choices_class, get_language(), selected)


def _org_options(selected: str) -> str:
    """<option>s for the agency filter. A small tree is listed whole; a big one (a province has thousands of
    agencies) lists the top two levels plus the chosen agency's ancestors and children."""
    key = f"portal:org-options:{current_token()}:{selected if selected.isdigit() else ''}"
    html = cache.get(key)
    if html is None:
        active = Organization.objects.filter(is_active=True)
        if active.count() > MAX_FLAT_OPTIONS:
            near = Q(path_len__lte=16)
            chosen = active.filter(pk=int(selected)).first() if selected.isdigit() else None
            if chosen is not None:
                ancestors = [int(x) for x in chosen.path.strip("/").split("/") if x]
                near |= Q(pk__in=ancestors) | Q(parent_id=chosen.pk)
            active = active.annotate(path_len=Length("path")).filter(near)
        orgs = active.order_by("path").values_list("pk", "name", "path")
        html = "".join(
            f'<option value="{pk}"{" selected" if str(pk) == selected else ""}>{"　" * (len(path) // 8 - 1)}'
            f"{escape(name)}</option>"
            for pk, name, path in orgs
        )
        cache.set(key, html, 600)
    return mark_safe(html)  # noqa: S308 (names escaped above)


SECTION_TITLES = {
    "guide": ("政府信息公开指南", "portal:guide"),
    "catalogue": ("政府信息公开目录", "portal:catalogue"),
    "proactive": ("主动公开", "portal:proactive"),
    "apply": ("依申请公开", "portal:apply"),
    "reports": ("政府信息公开工作年度报告", None),
}


@portal_cached
def section_index(request, section):
    title, name = SECTION_TITLES[section]
    rows = []
    for o in Organization.objects.filter(is_active=True).order_by("path"):
        if name:
            url = reverse(name, kwargs={"org_id": o.pk})
        else:
            url = org_entry_url("reports_public", o) or reverse("portal:organization", kwargs={"org_id": o.pk})
        rows.append((o, url))
    return render(request, "portal/section_index.html", {"rows": rows, "section": section, "title": _(title)})
