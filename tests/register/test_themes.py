"""Weakness themes: the keyword rules, and staff corrections that win over them."""

import pytest
from django.urls import reverse

from areasend.areas.event_log import do_import_history
from areasend.areas.models import LocalArea
from areasend.register import themes
from areasend.register.datasets import weakness_rows
from areasend.register.models import ThemeCorrection

MEDWAY_LETTER = "\n".join(
    [
        '{"area": "Medway", "date": "2017-11-27", "event": "inspection_notified", "inspection": "m", "kind": "full", "framework": "2016"}',
        '{"area": "Medway", "date": "2017-12-04", "event": "fieldwork_started", "inspection": "m"}',
        '{"area": "Medway", "date": "2017-12-08", "event": "fieldwork_ended", "inspection": "m"}',
        '{"area": "Medway", "date": "2018-02-08", "event": "letter_published", "inspection": "m", "outcome": "wsoa", "weaknesses": ["Co-production at all levels", "The   quality of EHC plans"]}',
    ]
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("the quality of education, health and care plans", "ehc_plans"),
        ("EHC plans written without leaders' oversight", "ehc_plans"),
        ("long waits for autism assessment", "waiting_times"),
        ("joint commissioning that does not address known gaps", "joint_commissioning"),
        ("co-production at all levels", "co_production"),
        ("the Local Offer is hard to find", "local_offer"),
        ("poor preparation for adulthood", "preparing_for_adulthood"),
        ("access to speech and language therapy", "health"),
        ("the identification of needs in the early years", "identification"),
        ("the quality and rigour of self-evaluation", "information_self_evaluation"),
        ("a clearly communicated strategy understood by leaders", "leadership"),
        ("something no rule mentions", themes.OTHER),
    ],
)
def test_keyword_rules_assign_the_first_matching_theme(text, theme):
    assert themes.theme_for(text) == theme


def test_every_theme_has_a_label_and_a_unique_slug():
    slugs = [t.slug for t in themes.THEMES]
    assert len(slugs) == len(set(slugs))
    assert set(themes.LABELS) == {*slugs, themes.OTHER}


def test_hash_ignores_case_and_spacing():
    assert themes.text_hash("The  Local offer") == themes.text_hash("the local Offer")
    assert themes.text_hash("the local offer") != themes.text_hash("the local offers")


@pytest.mark.django_db
def test_a_correction_wins_over_the_rules_and_the_most_specific_wins():
    do_import_history(MEDWAY_LETTER)
    medway = LocalArea.objects.get(name="Medway")
    before = {r.weakness: r for r in weakness_rows(medway)}
    assert before["Co-production at all levels"].theme == "co_production"
    assert not before["Co-production at all levels"].theme_corrected

    ThemeCorrection.objects.create(weakness="co-production AT all levels", theme="leadership")
    ThemeCorrection.objects.create(
        weakness="the quality of EHC plans", theme="local_offer", area=None
    )
    ThemeCorrection.objects.create(
        weakness="the quality of EHC plans", theme="health", area=medway, inspection="m"
    )
    after = {r.weakness: r for r in weakness_rows(medway)}
    assert after["Co-production at all levels"].theme == "leadership"
    assert after["Co-production at all levels"].theme_corrected
    assert after["The   quality of EHC plans"].theme == "health"


@pytest.mark.django_db
def test_staff_correct_a_theme_in_the_admin_and_it_records_who(admin_client, admin_user):
    medway = LocalArea.objects.get(name="Medway")
    response = admin_client.post(
        reverse("admin:register_themecorrection_add"),
        {
            "weakness": "Co-production at all levels",
            "area": medway.pk,
            "inspection": "",
            "theme": "health",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = ThemeCorrection.objects.get()
    assert correction.changed_by == admin_user
    assert correction.weakness_hash == themes.text_hash("co-production at all levels")


@pytest.mark.django_db
def test_the_admin_refuses_an_unknown_theme(admin_client):
    response = admin_client.post(
        reverse("admin:register_themecorrection_add"),
        {"weakness": "x", "area": "", "inspection": "", "theme": "astrology"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ThemeCorrection.objects.exists()
