from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("org/<int:org_id>/", views.organization_home, name="organization"),
    path("org/<int:org_id>/guide/", views.guide, name="guide"),
    path("org/<int:org_id>/catalogue/", views.catalogue, name="catalogue"),
    path("org/<int:org_id>/catalogue/<int:node_id>/", views.node_list, name="node"),
    path("org/<int:org_id>/catalogue/<int:node_id>/feed.atom", feeds.NodeFeed(), name="node-feed"),
    path("org/<int:org_id>/proactive/", views.proactive, name="proactive"),
    path("org/<int:org_id>/interpretations/", views.interpretations, name="interpretations"),
    path("org/<int:org_id>/apply/", views.apply_entry, name="apply"),
    path("org/<int:org_id>/feed.atom", feeds.OrganizationFeed(), name="feed"),
    path("publications/<int:publication_id>/", views.publication, name="publication"),
    path("publications/<int:publication_id>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("guide/", views.section_index, {"section": "guide"}, name="guide-index"),
    path("catalogue/", views.section_index, {"section": "catalogue"}, name="catalogue-index"),
    path("proactive/", views.section_index, {"section": "proactive"}, name="proactive-index"),
    path("apply-index/", views.section_index, {"section": "apply"}, name="apply-index"),
    path("reports/", views.section_index, {"section": "reports"}, name="reports-index"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
