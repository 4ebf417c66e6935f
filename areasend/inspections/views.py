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
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from areasend.accounts.permissions import Action, can
from areasend.casework.errors import CaseworkError
from areasend.casework.views import guarded
from areasend.framework.events import Framework, InspectionKind, Outcome
from areasend.framework.findings import OUTCOME_LABELS, VOCABULARY
from areasend.inspections import forms as f
from areasend.inspections import queries, services
from areasend.inspections.follow_up import ITEM, weaknesses_to_judge
from areasend.inspections.models import (
    DeferralRequest,
    Finding,
    Inspection,
    Letter,
    ProgressJudgement,
    TeamMember,
)
from areasend.inspections.outcome_letter import blocks, render_pdf

View = Callable[..., HttpResponse]
TEAM_PEOPLE = ("person__user", "person__organisation")


def _inspection(ref: str) -> Inspection | None:
    return (
        Inspection.objects.select_related("area")
        # One query for the team with each member's person, user and organisation, not four.
        .prefetch_related(Prefetch("team", TeamMember.objects.select_related(*TEAM_PEOPLE)))
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


def _overview(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    """The inspection's summary and its GOV.UK task list, steps in order."""
    user = request.user
    # Read once, with who asked and who decided, for the task list and the summary alike.
    people = ("requested_by__user", "decided_by__user")
    deferrals = Prefetch("deferrals", DeferralRequest.objects.select_related(*people))
    prefetch_related_objects([inspection], deferrals)
    context: dict[str, Any] = {
        "inspection": inspection,
        "tasks": services.task_list(user, inspection),
        "deferrals": inspection.deferrals.all(),
        "can_findings": can(user, Action.FINDINGS_VIEW, inspection=inspection),
        "can_letter": can(user, Action.LETTER_VIEW, inspection=inspection),
        "can_surveys": can(user, Action.SURVEYS_VIEW, inspection=inspection),
    }
    return render(request, "inspections/inspection.html", context)


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
            and services.findings_refusal(inspection) is None,
            "outcome_label": OUTCOME_LABELS[Outcome(inspection.outcome)]
            if inspection.outcome
            else None,
        },
        status=status,
    )


def _outcome_form(request: HttpRequest, inspection: Inspection) -> f.OutcomeForm | None:
    if services.refusal_for(
        request.user, inspection, Action.OUTCOME_DECIDE, services.outcome_refusal(inspection)
    ):
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
