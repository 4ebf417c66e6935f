"""One page per step of the task list: GET shows the step's one form, POST parses it and
calls the step's service, then goes back to the task list with one confirmation banner.

A step its refusal function (the one the service raises) or the permission table says is
not open now shows why instead of the form; a POST to it anyway is refused by the service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend.accounts.permissions import Action
from areasend.areas.local_offer import LinkError, do_set_local_offer_url
from areasend.casework.errors import CaseworkError
from areasend.inspections import forms as f
from areasend.inspections import services
from areasend.inspections.models import CaseSample, ChecklistItem, DeferralRequest, Inspection
from areasend.inspections.services.steps import EVIDENCE_TITLES
from areasend.inspections.views import _fail, access

Refusal = Callable[[Inspection], CaseworkError | None]


@dataclass
class Page:
    """What one step page shows and does."""

    title: str
    action: Action
    form: forms.Form
    button: str
    call: Callable[[dict[str, Any]], object]
    done: Callable[[object], str]
    refusal: Refusal | None = None
    intro: str = ""  # which record of the step the page shows above the form
    hidden: dict[str, str] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)


def _show(request: HttpRequest, inspection: Inspection, page: Page) -> HttpResponse:
    refused = page.refusal(inspection) if page.refusal else None
    reason = services.refusal_for(request.user, inspection, page.action, refused)
    status = 200
    if request.method == "POST":
        status = 400
        if page.form.is_valid():
            try:
                result = page.call(page.form.cleaned_data)
            except CaseworkError as error:
                # A refused step shows no form: its reason goes in the summary on its own.
                _fail(request, error, None if reason else page.form)
            else:
                messages.success(request, page.done(result))
                return redirect("inspections:detail", inspection.reference)
    context = {
        "inspection": inspection,
        "page": page,
        "form": page.form,
        "reason": reason,
        **page.context,
    }
    return render(request, "inspections/step.html", context, status=status)


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _said(text: str) -> Callable[[object], str]:
    return lambda _: text


@access(Action.INSPECTION_MANAGE)
def team(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    return _show(request, inspection, Page(
        "Inspection team", Action.INSPECTION_MANAGE, f.TeamForm(_data(request)), "Add to the team",
        lambda d: services.do_add_team_member(user, inspection, d["person"], d["role"]),
        _said("Added to the team."), services.team_refusal, intro="team",
    ))  # fmt: skip


@access(Action.INSPECTION_MANAGE)
def fieldwork(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    chosen = request.POST.get("fieldwork-step") or request.GET.get("step", "start")
    refusal: Refusal = (
        services.fieldwork_end_refusal if chosen == "end" else services.fieldwork_start_refusal
    )
    form = f.FieldworkForm(_data(request), initial={"step": chosen})

    def call(d: dict[str, Any]) -> object:
        if d["step"] == "start":
            return services.do_start_fieldwork(user, inspection, on=d["on"], remote=d["remote"])
        return services.do_end_fieldwork(user, inspection, on=d["on"])

    title = "End fieldwork" if chosen == "end" else "Start fieldwork"
    return _show(request, inspection, Page(
        title, Action.INSPECTION_MANAGE, form, "Record fieldwork", call,
        _said("Fieldwork recorded."), refusal, intro="fieldwork",
    ))  # fmt: skip


@access(Action.CHECKLIST_COMPLETE)
def checklist(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    done = {c.item: c for c in inspection.checklist.select_related("done_by__user")}
    return _show(request, inspection, Page(
        "Tell families (notice-week duties)", Action.CHECKLIST_COMPLETE,
        f.ChecklistForm(_data(request)), "Mark as done",
        lambda d: services.do_complete_checklist_item(user, inspection, **d),
        _said("Checklist updated."), services.checklist_refusal, intro="checklist",
        context={"checklist": [(label, done.get(i)) for i, label in ChecklistItem.Item.choices]},
    ))  # fmt: skip


def _notice_initial(inspection: Inspection) -> dict[str, Any]:
    """The form shows what is recorded; the webinar's time only when it is one sitting."""
    initial: dict[str, Any] = {
        "webinar_join_url": inspection.webinar_join_url,
        "survey_url": inspection.survey_url,
    }
    opens, closes = inspection.webinar_opens, inspection.webinar_closes
    if opens and closes and timezone.localtime(opens).date() == timezone.localtime(closes).date():
        initial["webinar_on"] = timezone.localtime(opens).date()
        initial["webinar_starts"] = timezone.localtime(opens).strftime("%H:%M")
        initial["webinar_ends"] = timezone.localtime(closes).strftime("%H:%M")
    return initial


@access(Action.INSPECTION_MANAGE)
def notice_links(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    form = f.NoticeLinksForm(_data(request), initial=_notice_initial(inspection))
    return _show(request, inspection, Page(
        "Webinar and survey details", Action.INSPECTION_MANAGE, form,
        "Record webinar and survey details",
        lambda d: services.do_set_notice_links(user, inspection, **d),
        _said("Webinar and survey details recorded: the area's public page shows them."),
        services.notice_links_refusal, intro="notice",
    ))  # fmt: skip


@access(Action.LOCAL_OFFER_EDIT)
def local_offer(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    form = f.LocalOfferForm(_data(request), initial={"url": inspection.area.local_offer_url})

    def call(d: dict[str, Any]) -> object:
        try:
            return do_set_local_offer_url(user, inspection.area, d["url"])
        except LinkError as error:
            raise CaseworkError(str(error), field=error.field) from error

    return _show(request, inspection, Page(
        "The area's Local Offer page", Action.LOCAL_OFFER_EDIT, form,
        "Record the Local Offer page", call,
        _said("Local Offer page recorded: the area's public page links to it."), intro="notice",
    ))  # fmt: skip


EVIDENCE: dict[str, tuple[type[forms.Form], Callable[..., object], str]] = {
    "evidence": (f.EvidenceForm, services.do_record_evidence, "Save survey and webinar"),
    "meeting": (f.MeetingForm, services.do_add_meeting, "Add meeting"),
    "visit": (f.VisitForm, services.do_add_provider_visit, "Add visit"),
    "case": (f.CaseForm, services.do_add_case_sample, "Add case"),
}


def _evidence_done(result: object) -> str:
    if isinstance(result, CaseSample):
        return (
            f"Case {result.reference} added: write this reference against the case on your "
            "sampling list. Never record the child's name here."
        )
    return "Evidence recorded."


@access(Action.EVIDENCE_RECORD)
def evidence(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    kind = request.POST.get("form") or request.GET.get("form", "evidence")
    if kind not in EVIDENCE:
        raise Http404("No such evidence form.")
    form_class, service, button = EVIDENCE[kind]
    user = request.user
    return _show(request, inspection, Page(
        EVIDENCE_TITLES[kind], Action.EVIDENCE_RECORD, form_class(_data(request)), button,
        lambda d: service(user, inspection, **d), _evidence_done, services.evidence_refusal,
        intro=kind, hidden={"form": kind},
        context={"evidence": getattr(inspection, "evidence", None),
                 "meetings": inspection.meetings.all(), "visits": inspection.visits.all(),
                 "cases": inspection.cases.all()},
    ))  # fmt: skip


def _deferrals(inspection: Inspection) -> dict[str, Any]:
    return {
        "deferrals": inspection.deferrals.select_related("requested_by__user", "decided_by__user")
    }


@access(Action.DEFERRAL_REQUEST)
def deferral_request(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    return _show(request, inspection, Page(
        "Ask to defer the inspection", Action.DEFERRAL_REQUEST,
        f.DeferralRequestForm(_data(request)), "Ask to defer",
        lambda d: services.do_request_deferral(user, inspection, **d),
        _said("Deferral requested: Ofsted and CQC will decide."),
        services.deferral_request_refusal, intro="deferral", context=_deferrals(inspection),
    ))  # fmt: skip


def _decided(result: object) -> str:
    assert isinstance(result, DeferralRequest)
    if result.granted:
        return "Deferral granted: this inspection is withdrawn."
    return "Deferral refused: the inspection goes ahead."


@access(Action.DEFERRAL_DECIDE)
def deferral_decision(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    user = request.user
    return _show(request, inspection, Page(
        "Decide the deferral request", Action.DEFERRAL_DECIDE,
        f.DeferralDecisionForm(_data(request)), "Record the decision",
        lambda d: services.do_decide_deferral(user, inspection, **d), _decided,
        services.deferral_decision_refusal, intro="deferral", context=_deferrals(inspection),
    ))  # fmt: skip
