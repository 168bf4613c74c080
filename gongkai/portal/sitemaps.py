from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.organizations.models import Organization
from gongkai.publications.models import Publication, Status


class PublicationSitemap(Sitemap):
    limit = 10000
    changefreq = "monthly"

    def items(self):
        return Publication.objects.filter(status=Status.PUBLISHED).only("id", "published_at").order_by("id")

    def location(self, item):
        return reverse("portal:publication", kwargs={"publication_id": item.pk})

    def lastmod(self, item):
        return item.published_at


class OrganizationSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Organization.objects.filter(is_active=True).order_by("path")

    def location(self, item):
        return reverse("portal:organization", kwargs={"org_id": item.pk})


SITEMAPS = {"organizations": OrganizationSitemap, "publications": PublicationSitemap}
