"""Follow an area: the sign-up form, confirmation, one-click unsubscribe, and feeds.

Changing state needs a POST: a mail scanner that opens a link changes nothing.
RFC 8058 one-click unsubscribe posts "List-Unsubscribe=One-Click" to the same
address the email's link opens.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt

from areasend.alerts import services
from areasend.alerts.forms import FollowForm
from areasend.areas.models import LocalArea
from areasend.ops.limits import client_over_limit


def follow(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(LocalArea, slug=slug, valid_to__isnull=True)
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        over_limit = client_over_limit(request)
        if over_limit is not None:
            return over_limit
        try:
            services.do_subscribe(form.cleaned_data["email"], area)
        except services.NotSent:
            form.add_error(
                None, "We could not send the confirmation email just now. Try again later."
            )
            return render(request, "alerts/follow.html", {"area": area, "form": form})
        # The same answer whether or not the address was known or had had its email already:
        # nothing to enumerate.
        return render(request, "alerts/check_email.html", {"area": area})
    status = 400 if request.method == "POST" else 200
    return render(request, "alerts/follow.html", {"area": area, "form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = services.from_token(token, "confirm")
    if subscription is None:
        raise Http404("This link is not valid, or is over a week old: sign up again.")
    if request.method == "POST":
        services.do_confirm(subscription)
        return render(request, "alerts/confirmed.html", {"area": subscription.area})
    return render(request, "alerts/confirm.html", {"area": subscription.area})


@csrf_exempt  # RFC 8058: mail clients post without a CSRF token; the signed link is the proof
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = services.from_token(token, "unsubscribe")
    if subscription is None:
        raise Http404("This link is not valid, or you have already stopped these emails.")
    area = subscription.area
    if request.method == "POST":
        services.do_unsubscribe(subscription)
        return render(request, "alerts/unsubscribed.html", {"area": area})
    return render(request, "alerts/unsubscribe.html", {"area": area})
