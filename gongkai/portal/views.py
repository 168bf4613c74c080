"""The public site: 政府信息公开 home for the whole tree and for each agency, catalogue, guide, search."""

from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
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

from .guide import guide_html
from .links import org_entry_url

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


def _active_org(org_id):
    return get_object_or_404(Organization, pk=org_id, is_active=True)


def _published():
    return Publication.objects.filter(status=Status.PUBLISHED)


def _newest(qs):
    return qs.order_by("-published_on", "-id")


def home(request):
    orgs = Organization.objects.filter(is_active=True).order_by("path")
    latest = (
        _newest(_published())
        .select_related("organization")
        .only(*LIST_FIELDS, "organization__short_name", "organization__name")[:10]
    )
    return render(request, "portal/home.html", {"orgs": orgs, "latest": latest, "genres": Genre.choices})


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
            "latest": _newest(published).only(*LIST_FIELDS)[:10],
            "interpretations": _newest(published.filter(interprets__isnull=False)).only(*LIST_FIELDS)[:5],
            "apply_url": org_entry_url("applications_public", org),
            "reports_url": org_entry_url("reports_public", org),
            "complaints_url": org_entry_url("cases_public", org),
        },
    )


def guide(request, org_id):
    org = _active_org(org_id)
    html, edited, updated_on = guide_html(org)
    return render(request, "portal/guide.html", {"org": org, "guide": html, "edited": edited, "updated_on": updated_on})


def catalogue(request, org_id):
    org = _active_org(org_id)
    counts = dict(
        _published().filter(organization=org).values_list("node_id").annotate(n=Count("id")).values_list("node_id", "n")
    )
    nodes = [(n, counts.get(n.pk, 0)) for n in CatalogueNode.objects.for_organization(org)]
    return render(request, "portal/catalogue.html", {"org": org, "nodes": nodes})


def node_list(request, org_id, node_id):
    org = _active_org(org_id)
    node = get_object_or_404(CatalogueNode.objects.for_organization(org), pk=node_id)
    qs = _newest(_published().filter(organization=org, node=node)).only(*LIST_FIELDS)
    return render(request, "portal/node_list.html", {"org": org, "node": node, "page": _page(request, qs)})


def proactive(request, org_id):
    org = _active_org(org_id)
    subtree = request.GET.get("subtree") == "1"
    qs = (
        _published().filter(organization__path__startswith=org.path)
        if subtree
        else _published().filter(organization=org)
    )
    qs = _newest(qs).select_related("organization").only(*LIST_FIELDS, "organization__short_name", "organization__name")
    return render(request, "portal/proactive.html", {"org": org, "subtree": subtree, "page": _page(request, qs)})


def interpretations(request, org_id):
    org = _active_org(org_id)
    qs = _newest(_published().filter(organization=org, interprets__isnull=False)).select_related("interprets")
    return render(request, "portal/interpretations.html", {"org": org, "page": _page(request, qs)})


def apply_entry(request, org_id):
    org = _active_org(org_id)
    return render(
        request, "portal/apply_entry.html", {"org": org, "apply_url": org_entry_url("applications_public", org)}
    )


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
    return FileResponse(handle, as_attachment=not inline, filename=att.name)


def search(request):
    q = request.GET.get("q", "").strip()[:100]
    orgs = Organization.objects.filter(is_active=True).order_by("path")
    ctx = {
        "q": q,
        "orgs": orgs,
        "genres": Genre.choices,
        "validities": Validity.choices,
        "filters": request.GET,
    }
    qs = _published()
    org = None
    org_id = request.GET.get("org", "")
    if org_id.isdigit():
        org = Organization.objects.filter(pk=int(org_id), is_active=True).first()
    if org is not None:
        if request.GET.get("subtree") == "1":
            qs = qs.filter(organization__path__startswith=org.path)
        else:
            qs = qs.filter(organization=org)
        ctx["org"] = org
        ctx["nodes"] = CatalogueNode.objects.for_organization(org)
    node_id = request.GET.get("node", "")
    if node_id.isdigit():
        qs = qs.filter(node_id=int(node_id))
    year = request.GET.get("year", "")
    if year.isdigit() and 1990 <= int(year) <= 2100:
        qs = qs.filter(published_on__year=int(year))
    if request.GET.get("validity") in Validity.values:
        qs = qs.filter(validity=request.GET["validity"])
    if request.GET.get("genre") in Genre.values:
        qs = qs.filter(genre=request.GET["genre"])
    if q:
        qs, terms = search_index.apply(qs, q)
        page = _page(request, _newest(qs).select_related("organization").only(
            *LIST_FIELDS, "body_text", "organization__short_name", "organization__name"
        ))  # fmt: skip
        page["items"] = [
            {
                "pub": p,
                "title": search_index.highlight(p.title, terms),
                "snippet": search_index.snippet(p.body_text, terms),
            }
            for p in page["items"]
        ]
        ctx["page"] = page
    elif any(request.GET.get(k) for k in ("org", "node", "year", "validity", "genre")):
        page = _page(request, _newest(qs).select_related("organization").only(
            *LIST_FIELDS, "organization__short_name", "organization__name"
        ))  # fmt: skip
        page["items"] = [{"pub": p, "title": p.title, "snippet": ""} for p in page["items"]]
        ctx["page"] = page
    return render(request, "portal/search.html", ctx)


SECTION_TITLES = {
    "guide": ("政府信息公开指南", "portal:guide"),
    "catalogue": ("政府信息公开目录", "portal:catalogue"),
    "proactive": ("主动公开", "portal:proactive"),
    "apply": ("依申请公开", "portal:apply"),
    "reports": ("政府信息公开工作年度报告", None),
}


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
