from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.audit.models import AuditEntry
from gongkai.pagination import paginate

from . import access, services
from .banners import staff_home_banners
from .decorators import staff_required
from .forms import ContactForm
from .models import Role


class LoginView(auth_views.LoginView):
    template_name = "organizations/login.html"
    redirect_authenticated_user = True


@staff_required
def staff_home(request):
    user = request.user
    work = access.work_organizations(user)
    supervised = access.supervised_organizations(user)
    memberships = [m for m in access._memberships(user)]
    return render(
        request,
        "organizations/staff_home.html",
        {
            "work_orgs": work,
            "supervised_count": supervised.count(),
            "memberships": memberships,
            "banners": staff_home_banners(user, today=timezone.localdate()),
        },
    )


@staff_required
def organization_detail(request, org_id):
    org = access.get_organization_for_user(request.user, org_id)
    members = org.memberships.select_related("user").order_by("role", "user__username")
    audit = AuditEntry.objects.filter(organization=org).select_related("actor").order_by("-at", "-id")[:20]
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "org": org,
            "members": members,
            "children": org.children.order_by("name"),
            "audit": audit,
            "can_edit": access.has_role(request.user, org, Role.CLERK, Role.HEAD, Role.ADMIN),
        },
    )


@staff_required
def organization_audit(request, org_id):
    """The organization's whole audit trail, a page at a time (its page shows only the latest entries)."""
    org = access.get_organization_for_user(request.user, org_id)
    entries = AuditEntry.objects.filter(organization=org).select_related("actor").order_by("-at", "-id")
    return render(request, "organizations/organization_audit.html", {"org": org, "page": paginate(request, entries)})


@staff_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, org_id):
    org = access.get_organization_for_user(request.user, org_id, roles=[Role.CLERK, Role.HEAD, Role.ADMIN])
    form = ContactForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        services.update_contact(org, by=request.user, data=form.cleaned_data)
        messages.success(request, _("机构联系信息已保存。"))
        return redirect("organizations:detail", org_id=org.pk)
    return render(request, "organizations/organization_edit.html", {"org": org, "form": form})
