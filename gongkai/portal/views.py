from django.shortcuts import get_object_or_404, render

from gongkai.organizations.models import Organization


def home(request):
    roots = Organization.objects.filter(parent__isnull=True, is_active=True)
    orgs = Organization.objects.filter(is_active=True).order_by("path")
    return render(request, "portal/home.html", {"roots": roots, "orgs": orgs})


def organization_home(request, org_id):
    org = get_object_or_404(Organization, pk=org_id, is_active=True)
    return render(request, "portal/organization_home.html", {"org": org})


def section_index(request, section):
    orgs = Organization.objects.filter(is_active=True).order_by("path")
    return render(request, "portal/section_index.html", {"orgs": orgs, "section": section})
