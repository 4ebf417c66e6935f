"""Casework pages. Views parse the request, check the permission table and call
a service; the services and the framework decide everything else.

Every view declares the action it needs (``access.action``): the generated
permission test reads it. A person who may not see an inspection at all gets
404, so guessing another area's inspection reveals nothing; one who may see it
but not do this gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from areasend.accounts.permissions import Action, can
from areasend.areas.event_log import area_status
from areasend.areas.local_offer import LinkError, do_set_local_offer_url
from areasend.casework.errors import CaseworkError
from areasend.casework.views import guarded
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.framework.findings import OUTCOME_LABELS, VOCABULARY
from areasend.inspections import forms as f
from areasend.inspections import queries, services
from areasend.inspections.follow_up import ITEM, weaknesses_to_judge
from areasend.inspections.models import (
    CaseSample,
    ChecklistItem,
    Finding,
    Inspection,
    Letter,
    ProgressJudgement,
)
from areasend.inspections.outcome_letter import blocks, render_pdf

View = Callable[..., HttpResponse]


def _inspection(ref: str) -> Inspection | None:
    return (
        Inspection.objects.select_related("area")
        .prefetch_related("team__person__user", "team__person__organisation")
        .filter(reference=ref)
        .first()
    )


def access(action: Action) -> Callable[[View], View]:
    """Load the inspection named in the URL and apply the permission table to it."""
    return guarded(
        action,
        key="ref",
        load=_inspection,
        may=lambda user, act, inspection: can(user, act, inspection=inspection),
        see=Action.INSPECTION_VIEW,
        missing="No such inspection.",
    )


def _fail(request: HttpRequest, error: CaseworkError, form: forms.Form | None = None) -> None:
    if form is not None and error.field in form.fields:
        form.add_error(error.field, str(error))
    else:
        messages.error(request, str(error))


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


def _overview(
    request: HttpRequest, inspection: Inspection, status: int = 200, **forms_: forms.Form
) -> HttpResponse:
    user = request.user
    done = {c.item: c for c in inspection.checklist.select_related("done_by__user")}
    status_now = area_status(inspection.area)
    deferrals = list(inspection.deferrals.select_related("requested_by__user", "decided_by__user"))
    pending = any(d.pending for d in deferrals)
    can_findings = can(user, Action.FINDINGS_VIEW, inspection=inspection)
    context: dict[str, Any] = {
        "status_now": status_now,
        "follow_up": inspection.is_follow_up,
        "progress": _progress_rows(inspection) if can_findings else [],
        "deferrals": deferrals,
        "can_request_deferral": services.deferral_request_refusal(inspection) is None
        and can(user, Action.DEFERRAL_REQUEST, inspection=inspection),
        "can_decide_deferral": pending and can(user, Action.DEFERRAL_DECIDE, inspection=inspection),
        "deferral_form": forms_.get("deferral_form", f.DeferralRequestForm()),
        "decision_form": forms_.get("decision_form", f.DeferralDecisionForm()),
        "inspection": inspection,
        "obligations": [
            o for o in status_now.obligations if o.inspection in (inspection.reference, None)
        ],
        "checklist": [(label, done.get(item)) for item, label in ChecklistItem.Item.choices],
        "bound_forms": list(forms_.values()),
        "evidence": getattr(inspection, "evidence", None),
        "meetings": inspection.meetings.all(),
        "visits": inspection.visits.all(),
        "cases": inspection.cases.all(),
        "can_manage": can(user, Action.INSPECTION_MANAGE, inspection=inspection),
        "can_checklist": can(user, Action.CHECKLIST_COMPLETE, inspection=inspection),
        "can_evidence": can(user, Action.EVIDENCE_RECORD, inspection=inspection),
        "can_surveys": can(user, Action.SURVEYS_VIEW, inspection=inspection),
        "can_findings": can_findings,
        "can_letter": can(user, Action.LETTER_VIEW, inspection=inspection),
        "team_form": forms_.get("team_form", f.TeamForm()),
        "fieldwork_form": forms_.get("fieldwork_form", f.FieldworkForm()),
        "checklist_form": forms_.get("checklist_form", f.ChecklistForm()),
        "evidence_form": forms_.get("evidence_form", f.EvidenceForm()),
        "meeting_form": forms_.get("meeting_form", f.MeetingForm()),
        "visit_form": forms_.get("visit_form", f.VisitForm()),
        "case_form": forms_.get("case_form", f.CaseForm()),
        "can_notice_links": inspection.status
        in (Inspection.Status.NOTIFIED, Inspection.Status.FIELDWORK)
        and can(user, Action.INSPECTION_MANAGE, inspection=inspection),
        "notice_form": forms_.get(
            "notice_form", f.NoticeLinksForm(initial=_notice_initial(inspection))
        ),
        "can_local_offer": can(user, Action.LOCAL_OFFER_EDIT, inspection=inspection),
        "local_offer_form": forms_.get(
            "local_offer_form", f.LocalOfferForm(initial={"url": inspection.area.local_offer_url})
        ),
    }
    return render(request, "inspections/inspection.html", context, status=status)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.INSPECTION_VIEW):
        raise PermissionDenied
    return render(
        request,
        "inspections/list.html",
        {
            "inspections": queries.visible_inspections(request.user),
            "can_create": can(request.user, Action.INSPECTION_CREATE),
        },
    )


inspection_list.action = Action.INSPECTION_VIEW  # type: ignore[attr-defined]


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.INSPECTION_CREATE):
        raise PermissionDenied
    form = f.CreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.do_create_inspection(
                request.user,
                area=data["area"],
                kind=InspectionKind(data["kind"]),
                framework=Framework(data["framework"]),
                notified_on=data["notified_on"],
                length_days=data["length_days"],
            )
        except CaseworkError as error:
            _fail(request, error, form)
        else:
            messages.success(request, f"{inspection.area.name} notified: the dates are below.")
            return redirect("inspections:detail", inspection.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "inspections/create.html", {"form": form}, status=status)


create.action = Action.INSPECTION_CREATE  # type: ignore[attr-defined]


@access(Action.INSPECTION_VIEW)
def detail(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    return _overview(request, inspection)


def _step(
    request: HttpRequest,
    inspection: Inspection,
    form: forms.Form,
    name: str,
    call: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except CaseworkError as error:
            _fail(request, error, form)
        else:
            messages.success(request, done)
            return redirect("inspections:detail", inspection.reference)
    return _overview(request, inspection, status=400, **{name: form})


@require_POST
@access(Action.INSPECTION_MANAGE)
def team(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.TeamForm(request.POST)
    return _step(
        request, inspection, form, "team_form",
        lambda d: services.do_add_team_member(request.user, inspection, d["person"], d["role"]),
        "Added to the team.",
    )  # fmt: skip


@require_POST
@access(Action.INSPECTION_MANAGE)
def fieldwork(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.FieldworkForm(request.POST)

    def call(d: dict[str, Any]) -> object:
        if d["step"] == "start":
            return services.do_start_fieldwork(
                request.user, inspection, on=d["on"], remote=d["remote"]
            )
        return services.do_end_fieldwork(request.user, inspection, on=d["on"])

    return _step(request, inspection, form, "fieldwork_form", call, "Fieldwork recorded.")


@require_POST
@access(Action.CHECKLIST_COMPLETE)
def checklist(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.ChecklistForm(request.POST)
    return _step(
        request, inspection, form, "checklist_form",
        lambda d: services.do_complete_checklist_item(request.user, inspection, **d),
        "Checklist updated.",
    )  # fmt: skip


@require_POST
@access(Action.INSPECTION_MANAGE)
def notice_links(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.NoticeLinksForm(request.POST)
    return _step(
        request, inspection, form, "notice_form",
        lambda d: services.do_set_notice_links(request.user, inspection, **d),
        "Webinar and survey details recorded: the area's public page shows them.",
    )  # fmt: skip


@require_POST
@access(Action.LOCAL_OFFER_EDIT)
def local_offer(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.LocalOfferForm(request.POST)
    if form.is_valid():
        try:
            do_set_local_offer_url(request.user, inspection.area, form.cleaned_data["url"])
        except LinkError as error:
            form.add_error("url", str(error))
        else:
            messages.success(
                request, "Local Offer page recorded: the area's public page links to it."
            )
            return redirect("inspections:detail", inspection.reference)
    return _overview(request, inspection, status=400, local_offer_form=form)


@require_POST
@access(Action.EVIDENCE_RECORD)
def evidence(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    kind = request.POST.get("form", "evidence")
    handlers: dict[str, tuple[type[forms.Form], Callable[..., object]]] = {
        "evidence": (f.EvidenceForm, services.do_record_evidence),
        "meeting": (f.MeetingForm, services.do_add_meeting),
        "visit": (f.VisitForm, services.do_add_provider_visit),
        "case": (f.CaseForm, services.do_add_case_sample),
    }
    if kind not in handlers:
        raise Http404("No such evidence form.")
    form_class, service = handlers[kind]
    form = form_class(request.POST)

    def call(d: dict[str, Any]) -> object:
        done = service(request.user, inspection, **d)
        if isinstance(done, CaseSample):
            messages.success(
                request,
                f"Case {done.reference} added: write this reference against the case on your "
                "sampling list. Never record the child's name here.",
            )
        return done

    return _step(request, inspection, form, f"{kind}_form", call, "Evidence recorded.")


@require_POST
@access(Action.DEFERRAL_REQUEST)
def deferral_request(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.DeferralRequestForm(request.POST)
    return _step(
        request, inspection, form, "deferral_form",
        lambda d: services.do_request_deferral(request.user, inspection, **d),
        "Deferral requested: Ofsted and CQC will decide.",
    )  # fmt: skip


@require_POST
@access(Action.DEFERRAL_DECIDE)
def deferral_decision(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.DeferralDecisionForm(request.POST)

    def call(d: dict[str, Any]) -> object:
        decided = services.do_decide_deferral(request.user, inspection, **d)
        if decided.granted:
            messages.success(request, "Deferral granted: this inspection is withdrawn.")
        else:
            messages.success(request, "Deferral refused: the inspection goes ahead.")
        return decided

    return _step(request, inspection, form, "decision_form", call, "Decision recorded.")


# -- progress per weakness ----------------------------------------------------------------


def _progress_rows(inspection: Inspection) -> list[tuple[int, str, ProgressJudgement | None]]:
    """Each weakness the framework says this follow-up judges, with its judgement if any."""
    if not inspection.is_follow_up:
        return []
    judged = {j.weakness: j for j in inspection.judgements.all()}
    return [(n, w, judged.get(w)) for n, w in enumerate(weaknesses_to_judge(inspection), 1)]


def _progress_form(
    n: int, weakness: str, judgement: ProgressJudgement | None, data: Any = None
) -> f.ProgressForm:
    initial: dict[str, Any] = {"weakness": weakness, "version": 0}
    if judgement is not None:
        initial |= {
            "version": judgement.version,
            "sufficient": "yes" if judgement.sufficient else "no",
            "commentary": judgement.commentary,
        }
    return f.ProgressForm(data, initial=initial, auto_id=f"id_w{n}_%s")


@access(Action.FINDINGS_VIEW)
def progress(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    """Progress on each weakness of the full inspection followed up: the judgements under
    embargo until the letter is published, and the lead inspector's form for each."""
    if not inspection.is_follow_up:  # a full inspection's findings are on their own page
        return redirect("inspections:findings", inspection.reference)
    can_judge = can(request.user, Action.PROGRESS_JUDGE, inspection=inspection)
    rows = _progress_rows(inspection)
    singular = ITEM[Framework(inspection.framework)][0]
    posted: f.ProgressForm | None = None
    status = 200
    if request.method == "POST":
        if not can_judge:
            raise PermissionDenied
        weakness = request.POST.get("weakness", "")
        n = next((n for n, w, _ in rows if w == weakness), 0)
        posted = f.ProgressForm(request.POST, auto_id=f"id_w{n}_%s")
        if posted.is_valid():
            try:
                services.do_judge_progress(request.user, inspection, **posted.cleaned_data)
            except CaseworkError as error:
                # The weakness is a hidden field: its refusal goes above the forms.
                _fail(request, error, None if error.field == "weakness" else posted)
            else:
                messages.success(request, f"Progress recorded on {singular} {n}.")
                return redirect("inspections:progress", inspection.reference)
        status = 400
    items = [
        (
            n,
            weakness,
            judgement,
            posted
            if posted is not None and posted.data.get("weakness") == weakness
            else _progress_form(n, weakness, judgement),
        )
        for n, weakness, judgement in rows
    ]
    return render(
        request,
        "inspections/progress.html",
        {
            "inspection": inspection,
            "items": items,
            "item": ITEM[Framework(inspection.framework)],
            "can_judge": can_judge,
            "judged": sum(1 for *_, j in rows if j is not None),
            "posted": posted,
        },
        status=status,
    )


def _findings_page(
    request: HttpRequest, inspection: Inspection, form: forms.Form, status: int = 200
) -> HttpResponse:
    vocabulary = VOCABULARY[Framework(inspection.framework)]
    findings = list(inspection.findings.all())
    kinds = dict(vocabulary.kinds)
    sections = [
        (label, [(x, kinds[x.kind]) for x in findings if x.question == code])  # type: ignore[index]
        for code, label in vocabulary.questions
    ]
    return render(
        request,
        "inspections/findings.html",
        {
            "inspection": inspection,
            "sections": sections,
            "form": form,
            "outcome_form": _outcome_form(request, inspection),
            "can_edit": can(request.user, Action.FINDINGS_EDIT, inspection=inspection)
            and not inspection.outcome,
            "outcome_label": OUTCOME_LABELS[Outcome(inspection.outcome)]
            if inspection.outcome
            else None,
        },
        status=status,
    )


def _outcome_form(request: HttpRequest, inspection: Inspection) -> f.OutcomeForm | None:
    if inspection.outcome or not can(request.user, Action.OUTCOME_DECIDE, inspection=inspection):
        return None
    return f.OutcomeForm(inspection=inspection)


@access(Action.FINDINGS_VIEW)
def findings(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    if request.method != "POST":
        return _findings_page(request, inspection, f.FindingForm(inspection=inspection))
    if not can(request.user, Action.FINDINGS_EDIT, inspection=inspection):
        raise PermissionDenied
    form = f.FindingForm(request.POST, inspection=inspection)
    if form.is_valid():
        try:
            services.do_add_finding(request.user, inspection, **form.cleaned_data)
        except CaseworkError as error:
            _fail(request, error, form)
        else:
            messages.success(request, "Finding added.")
            return redirect("inspections:findings", inspection.reference)
    return _findings_page(request, inspection, form, status=400)


@require_POST
@access(Action.FINDINGS_EDIT)
def remove_finding(request: HttpRequest, inspection: Inspection, pk: int) -> HttpResponse:
    finding = Finding.objects.filter(inspection=inspection, pk=pk).first()
    if finding is None:
        raise Http404("No such finding.")
    try:
        services.do_remove_finding(request.user, finding)
    except CaseworkError as error:
        messages.error(request, str(error))
    return redirect("inspections:findings", inspection.reference)


@require_POST
@access(Action.OUTCOME_DECIDE)
def outcome(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    form = f.OutcomeForm(request.POST, inspection=inspection)
    if form.is_valid():
        try:
            services.do_decide_outcome(
                request.user,
                inspection,
                outcome=Outcome(form.cleaned_data["outcome"]),
                decided_on=form.cleaned_data["decided_on"],
            )
        except CaseworkError as error:
            messages.error(request, str(error))
            return _findings_page(
                request, inspection, f.FindingForm(inspection=inspection), status=400
            )
        messages.success(request, "Outcome recorded.")
        return redirect("inspections:findings", inspection.reference)
    for errors in form.errors.values():
        messages.error(request, " ".join(str(e) for e in errors))
    return _findings_page(request, inspection, f.FindingForm(inspection=inspection), status=400)


def _dated_text(letter: Letter | None) -> str:
    if letter is None or letter.published_on is None or letter.dated is None:
        return "Draft: not yet dated or published"
    return f"Dated {letter.dated:%-d %B %Y}; published {letter.published_on:%-d %B %Y}"


@access(Action.LETTER_VIEW)
def letter(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    current = Letter.objects.filter(inspection=inspection).first()
    return render(
        request,
        "inspections/letter.html",
        {
            "inspection": inspection,
            "letter": current,
            "blocks": blocks(current.body) if current else [],
            "dated_text": _dated_text(current),
            "can_edit": can(request.user, Action.LETTER_EDIT, inspection=inspection),
        },
    )


@access(Action.LETTER_VIEW)
def letter_pdf(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    current = Letter.objects.filter(inspection=inspection).first()
    if current is None:
        raise Http404("No letter has been drafted.")
    response = HttpResponse(
        render_pdf(inspection, current.body, _dated_text(current)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{inspection.reference}-letter.pdf"'
    return response


@access(Action.LETTER_EDIT)
def letter_edit(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    current = Letter.objects.filter(inspection=inspection).first()
    status = 200
    if request.method == "POST" and request.POST.get("action") == "draft":
        try:
            current = services.do_draft_letter(request.user, inspection)
        except CaseworkError as error:
            messages.error(request, str(error))
            status = 400
        else:
            source = "progress on each weakness" if inspection.is_follow_up else "findings"
            messages.success(request, f"Letter drafted from the {source}.")
            return redirect("inspections:letter_edit", inspection.reference)
    form = f.LetterForm(
        initial={"body": current.body, "version": current.version} if current else None
    )
    if request.method == "POST" and request.POST.get("action") == "save" and current:
        form = f.LetterForm(request.POST)
        if form.is_valid():
            try:
                services.do_revise_letter(request.user, current, **form.cleaned_data)
            except CaseworkError as error:
                _fail(request, error, form)
            else:
                messages.success(request, "Letter saved.")
                return redirect("inspections:letter_edit", inspection.reference)
        status = 400
    publish_form = f.PublishForm()
    if request.method == "POST" and request.POST.get("action") == "publish":
        publish_form = f.PublishForm(request.POST)
        if not can(request.user, Action.LETTER_PUBLISH, inspection=inspection):
            raise PermissionDenied
        if publish_form.is_valid():
            try:
                services.do_publish_letter(request.user, inspection, **publish_form.cleaned_data)
            except CaseworkError as error:
                _fail(request, error, publish_form)
            else:
                messages.success(request, "Letter published: it is now public.")
                return redirect("inspections:letter", inspection.reference)
        status = 400
    return render(
        request,
        "inspections/letter_edit.html",
        {"inspection": inspection, "letter": current, "form": form, "publish_form": publish_form},
        status=status,
    )
