"""The survey pages: the surveys of an inspection, each form, its confirmation and the poster,
for everyone; the summary for the inspection team only.

No public page reads responses: a busy evening costs one insert per answer sent.
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from areasend.accounts.permissions import Action, can
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.views import guarded
from areasend.inspections.models import Inspection
from areasend.ops import limits
from areasend.ops.client_ip import client_ip
from areasend.ops.retention import periods
from areasend.register.themes import LABELS
from areasend.surveys import queries, services, summary, tokens
from areasend.surveys.forms import survey_form
from areasend.surveys.models import AnswerTags, SurveyResponse
from areasend.surveys.questions import AUDIENCE, Kind, Survey, bank

#: The field a person never sees; a form sent with it filled in was sent by a program.
HONEYPOT = "website"
#: Once notified the surveys are public; a planned inspection is the inspectorate's secret and
#: a deferred one is withdrawn, so their pages do not exist.
SHOWN = (
    Inspection.Status.NOTIFIED,
    Inspection.Status.FIELDWORK,
    Inspection.Status.AWAITING_LETTER,
    Inspection.Status.PUBLISHED,
)


#: What the public survey pages read of an inspection: on a busy evening each answer sent
#: loads these and no more (the bench's profile found the full row and its ordering costly).
FIELDS = (
    *("reference", "framework", "status", "survey_opens", "survey_closes"),
    *("area__name", "area__slug"),
)


def _inspection(ref: str) -> Inspection:
    # The reference is unique: no ordering needed.
    found = (
        Inspection.objects.select_related("area")
        .only(*FIELDS)
        .filter(reference=ref, status__in=SHOWN, survey_opens__isnull=False)
        .order_by()[:1]
    )
    inspection = next(iter(found), None)
    if inspection is None or bank(inspection.framework) is None:
        raise Http404("No surveys for this inspection.")
    return inspection


def _survey(inspection: Inspection, kind: str) -> Survey:
    survey = queries.survey_for(inspection, kind)
    if survey is None:
        raise Http404("No such survey.")
    return survey


def _context(inspection: Inspection, **more: Any) -> dict[str, Any]:
    return {
        "inspection": inspection,
        "area": inspection.area,
        "closed": queries.closed_reason(inspection, clock.today()),
        "retention_days": periods()["survey_responses"],
        **more,
    }


def index(request: HttpRequest, ref: str) -> HttpResponse:
    inspection = _inspection(ref)
    surveys = [(kind, AUDIENCE[kind]) for kind in Kind]
    return render(request, "surveys/index.html", _context(inspection, surveys=surveys))


def _easy_read(request: HttpRequest, survey: Survey) -> bool:
    return survey.has_easy_read and request.GET.get("version") == "easy-read"


# Never cached: each form carries its own token, whose nonce stores one response once.
@never_cache
@csrf_exempt
def form(request: HttpRequest, ref: str, kind: str) -> HttpResponse:
    inspection = _inspection(ref)
    survey = _survey(inspection, kind)
    easy_read = _easy_read(request, survey)
    Form = survey_form(survey, easy_read=easy_read)
    if request.method != "POST":
        shown = Form(initial={"token": tokens.issue(inspection.pk, survey.kind)})
        context = _context(
            inspection, survey=survey, form=shown, easy_read=easy_read, honeypot=HONEYPOT
        )
        return render(request, "surveys/form.html", context)
    if not limits.take(_per_client(), client_ip(request) or "unknown"):
        return render(request, "surveys/too_many.html", _context(inspection), status=429)
    if request.POST.get(HONEYPOT):
        # A program filled in the field people never see: it is told what a person is told,
        # and nothing is stored.
        return redirect("surveys:thanks", ref, survey.kind)
    nonce = tokens.nonce_of(request.POST.get("token", ""), inspection.pk, survey.kind)
    # The form shown again carries a fresh token, so the corrected answers can be sent.
    data = request.POST.copy()
    data["token"] = tokens.issue(inspection.pk, survey.kind)
    shown = Form(data)
    if shown.is_valid():
        if nonce is None:
            shown.add_error(
                None,
                "This form was opened more than 2 days ago, or not on this site. Your answers "
                "are still below: check them and send them again.",
            )
        else:
            try:
                services.do_submit_survey_response(
                    inspection, survey.kind, shown.answers(), nonce=nonce
                )
            except CaseworkError as error:
                shown.add_error(error.field if error.field in shown.fields else None, str(error))
            else:
                return redirect("surveys:thanks", ref, survey.kind)
    status = 400
    context = _context(
        inspection, survey=survey, form=shown, easy_read=easy_read, honeypot=HONEYPOT
    )
    return render(request, "surveys/form.html", context, status=status)


def _per_client() -> limits.Limit:
    return limits.Limit(
        "survey-client", settings.AREASEND_SURVEY_RESPONSES_PER_CLIENT_PER_HOUR, limits.HOUR
    )


def thanks(request: HttpRequest, ref: str, kind: str) -> HttpResponse:
    inspection = _inspection(ref)
    survey = _survey(inspection, kind)
    return render(request, "surveys/thanks.html", _context(inspection, survey=survey))


def _qr_svg(url: str, label: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=6, title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def poster(request: HttpRequest, ref: str) -> HttpResponse:
    inspection = _inspection(ref)
    address = settings.AREASEND_SITE_URL.rstrip("/") + queries.survey_page(inspection)
    qr = _qr_svg(address, f"QR code for {address}")
    surveys = [AUDIENCE[kind] for kind in Kind]
    context = _context(inspection, address=address, qr=qr, surveys=surveys)
    return render(request, "surveys/poster.html", context)


def _load(ref: str) -> Inspection | None:
    return Inspection.objects.select_related("area").filter(reference=ref).first()


@guarded(
    Action.SURVEYS_VIEW,
    key="ref",
    load=_load,
    may=lambda user, act, inspection: can(user, act, inspection=inspection),
    see=Action.SURVEYS_VIEW,
    missing="No such inspection.",
)
def results(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    if request.method == "POST":
        try:
            services.do_copy_counts_to_evidence(request.user, inspection)
        except CaseworkError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The response counts are in the evidence record.")
        return redirect("surveys:results", inspection.reference)
    search = request.GET.get("q", "")[:200]
    theme = request.GET.get("theme", "")
    if theme not in LABELS:
        theme = ""
    context = {
        "inspection": inspection,
        "area": inspection.area,
        "summary": summary.summarise(inspection, search=search, theme=theme),
        "search": search,
        "theme": theme,
        "theme_label": LABELS.get(theme, ""),
        "themes": LABELS,
    }
    return render(request, "surveys/results.html", context)


@guarded(
    Action.SURVEYS_TAG,
    key="ref",
    load=_load,
    may=lambda user, act, inspection: can(user, act, inspection=inspection),
    see=Action.SURVEYS_VIEW,
    missing="No such inspection.",
)
def tag(request: HttpRequest, inspection: Inspection, response: int, question: str) -> HttpResponse:
    found = SurveyResponse.objects.filter(inspection=inspection, pk=response).first()
    if found is None or not isinstance(found.answers.get(question), str):
        raise Http404("No such answer.")
    chosen = list(
        AnswerTags.objects.filter(response=found, question=question).values_list(
            "themes", flat=True
        )
    )
    themes: list[str] = chosen[0] if chosen else []
    error = ""
    if request.method == "POST":
        themes = request.POST.getlist("themes")
        try:
            services.do_tag_answer(request.user, found, question, themes)
        except CaseworkError as refused:
            error = str(refused)
        else:
            messages.success(request, "The answer's themes are saved.")
            back = reverse("surveys:results", args=[inspection.reference])
            return redirect(f"{back}#answer-{found.pk}-{question}")
    context = {
        "inspection": inspection,
        "area": inspection.area,
        "answer": found.answers[question],
        "themes": [(slug, label, slug in themes) for slug, label in LABELS.items()],
        "error": error,
    }
    return render(request, "surveys/tag.html", context, status=400 if error else 200)
