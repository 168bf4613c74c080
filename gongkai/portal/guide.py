"""The 政府信息公开指南 generated from an agency's own data (条例 第十二条), unless staff stored an edited one."""

from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.publications.models import CatalogueNode, PublishingSettings

from .links import org_entry_url


def generated_guide_html(org) -> str:
    conf = PublishingSettings.objects.filter(organization=org).first()
    return render_to_string(
        "portal/guide_generated.html",
        {
            "org": org,
            "nodes": CatalogueNode.objects.for_organization(org),
            "index_pattern": conf.index_pattern if conf else "{机构代码}/{年}-{序号}",
            "portal_url": reverse("portal:organization", kwargs={"org_id": org.pk}),
            "apply_url": org_entry_url("applications_public", org),
            "supervisor": org.parent,
        },
    )


def guide_html(org) -> tuple[str, bool, object]:
    """(html, is_edited, updated_on)."""
    conf = PublishingSettings.objects.filter(organization=org).first()
    if conf and conf.guide_override:
        return conf.guide_override, True, conf.guide_updated_on
    return generated_guide_html(org), False, conf.guide_updated_on if conf else None
