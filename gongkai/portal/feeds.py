"""Atom feeds of newly published information: per agency and per catalogue node."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.organizations.models import Organization
from gongkai.publications.models import CatalogueNode, Publication, Status

FEED_SIZE = 30


class OrganizationFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, org_id):
        return get_object_or_404(Organization, pk=org_id, is_active=True)

    def title(self, org):
        return _("%(org)s · 主动公开") % {"org": org.name}

    def link(self, org):
        return reverse("portal:organization", kwargs={"org_id": org.pk})

    def subtitle(self, org):
        return _("%(org)s 新发布的政府信息") % {"org": org.name}

    def items(self, org):
        return (
            Publication.objects.filter(organization=org, status=Status.PUBLISHED)
            .select_related("organization")
            .order_by("-published_on", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body_text[:200]

    def item_link(self, item):
        return reverse("portal:publication", kwargs={"publication_id": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.issuing_authority or item.organization.name


class NodeFeed(OrganizationFeed):
    def get_object(self, request, org_id, node_id):
        org = get_object_or_404(Organization, pk=org_id, is_active=True)
        node = get_object_or_404(CatalogueNode.objects.for_organization(org), pk=node_id)
        node.org = org
        return node

    def title(self, node):
        return _("%(org)s · %(node)s") % {"org": node.org.name, "node": node.name}

    def link(self, node):
        return reverse("portal:node", kwargs={"org_id": node.org.pk, "node_id": node.pk})

    def subtitle(self, node):
        return node.source or node.name

    def items(self, node):
        return (
            Publication.objects.filter(organization=node.org, node=node, status=Status.PUBLISHED)
            .select_related("organization")
            .order_by("-published_on", "-id")[:FEED_SIZE]
        )
