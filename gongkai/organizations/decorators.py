from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from .access import is_staff_user


def staff_required(view):
    """Logged-in staff only; anonymous users go to the login page, non-staff get 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_user(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.staff_view = True
    return wrapper
