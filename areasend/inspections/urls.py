from django.urls import path

from areasend.inspections import step_views, views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.create, name="create"),
    path("<slug:ref>/", views.detail, name="detail"),
    path("<slug:ref>/team/", step_views.team, name="team"),
    path("<slug:ref>/fieldwork/", step_views.fieldwork, name="fieldwork"),
    path("<slug:ref>/checklist/", step_views.checklist, name="checklist"),
    path("<slug:ref>/notice/", step_views.notice_links, name="notice_links"),
    path("<slug:ref>/local-offer/", step_views.local_offer, name="local_offer"),
    path("<slug:ref>/evidence/", step_views.evidence, name="evidence"),
    path("<slug:ref>/findings/", views.findings, name="findings"),
    path("<slug:ref>/findings/<int:pk>/remove/", views.remove_finding, name="remove_finding"),
    path("<slug:ref>/outcome/", views.outcome, name="outcome"),
    path("<slug:ref>/progress/", views.progress, name="progress"),
    path("<slug:ref>/deferral/", step_views.deferral_request, name="deferral_request"),
    path("<slug:ref>/deferral/decision/", step_views.deferral_decision, name="deferral_decision"),
    path("<slug:ref>/letter/", views.letter, name="letter"),
    path("<slug:ref>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("<slug:ref>/letter/edit/", views.letter_edit, name="letter_edit"),
]
