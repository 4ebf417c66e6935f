"""The one view guard: 404 for what a person may not know exists, 403 for what they may
not do.

A view is declared with the action it needs (``view.action``, which the generated
permission test reads). The guard loads the object its URL names, then asks the permission
table twice: may this person take the action here, and if not, may they see it at all. One
who may not see it gets the same 404 as for an object that does not exist, so guessing
another area's reference reveals nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from areasend.accounts.permissions import Action, User

T = TypeVar("T")
View = Callable[..., HttpResponse]


def guarded(
    action: Action,
    *,
    key: str,
    load: Callable[[Any], T | None],
    may: Callable[[User, Action, T], bool],
    see: Action,
    missing: str,
) -> Callable[[Callable[Concatenate[HttpRequest, T, ...], HttpResponse]], View]:
    """Decorate a view taking ``(request, obj, **rest)``.

    ``load`` finds ``obj`` from the URL's argument ``key`` (None if there is none), ``may``
    asks the permission table, ``see`` is the action that lets a person know the object
    exists, and ``missing`` is the 404's message.
    """

    def decorate(view: Callable[Concatenate[HttpRequest, T, ...], HttpResponse]) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            obj = load(kwargs.pop(key))
            if obj is None:
                raise Http404(missing)
            if not may(request.user, action, obj):
                if not may(request.user, see, obj):
                    raise Http404(missing)
                raise PermissionDenied
            return view(request, obj, **kwargs)

        wrapper.action = action  # type: ignore[attr-defined]
        # What a person must be allowed to know exists, else 404: the permission test reads it.
        wrapper.see = see  # type: ignore[attr-defined]
        return wrapper

    return decorate
