"""The review queue: who may see it, what it shows, and confirming from it."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

from areasend.accounts.models import OrganisationKind, Role
from areasend.accounts.services import do_add_person, national_organisation
from areasend.areas.models import HistoryEvent
from areasend.letters.models import LetterImport
from areasend.letters.services import do_import_letter
from tests.dates import typed
from tests.letters.synthetic import as_text, letter_2016, monitoring_2023
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter() -> LetterImport:
    do_import_letter(as_text(letter_2016()), "medway.txt")
    return LetterImport.objects.get()


@pytest.fixture
def staff(client):
    user = User.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def reviewer(client):
    # A planner: the page needs the Django permission, confirming the permission table's right.
    person = do_add_person(
        AnonymousUser(), username="reviewer", first_name="Re", last_name="Viewer",
        email="reviewer@example.invalid", password="x",
        organisation=national_organisation(OrganisationKind.OFSTED), role=Role.PLANNER,
    )  # fmt: skip
    client.force_login(person.user)
    return person.user


@pytest.mark.parametrize("page", ["queue", "review"])
def test_anonymous_visitors_are_sent_to_sign_in(client, letter, page):
    url = (
        reverse("letters:queue") if page == "queue" else reverse("letters:review", args=[letter.pk])
    )
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_sign_in_page_renders(client):
    assert b"Sign in" in client.get("/accounts/login/").content


@pytest.mark.parametrize("page", ["queue", "review"])
def test_staff_without_the_review_permission_are_refused(client, staff, letter, page):
    url = (
        reverse("letters:queue") if page == "queue" else reverse("letters:review", args=[letter.pk])
    )
    assert client.get(url).status_code == 403


def test_queue_lists_imports_by_status(client, reviewer, letter, django_assert_max_num_queries):
    do_import_letter(as_text(monitoring_2023()), "notts.txt")
    # Session, user, person (twice: page permission and the import right), letters, refused files.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("letters:queue"))
    assert response.status_code == 200
    assert b"Needs review (2)" in response.content
    assert b"medway.txt" in response.content and b"notts.txt" in response.content


def test_review_shows_the_record_beside_the_text_and_marks_weak_fields(
    client, reviewer, letter, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("letters:review", args=[letter.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="span-area_name-1"' in page  # the area is marked in the letter text
    row = page[page.index("Publication date</dt>") :][:300]
    assert "Check" in row and "Unknown" in row
    assert 'name="csrfmiddlewaretoken"' in page


DATES = ("inspection_start", "inspection_end", "letter_date", "publication_date", "notified")


def _form(**changes: str) -> dict[str, str]:
    data = {
        "action": "confirm", "kind": "2016_full", "area": "Medway", "inspection_start": "2017-12-04",
        "inspection_end": "2017-12-08", "letter_date": "2018-02-02", "publication_date": "2018-02-08",
        "notified": "2017-11-27", "outcome": "wsoa",
        "weaknesses": "first weakness as corrected\nsecond weakness", "improvements": "", "progress": "",
    }  # fmt: skip
    data.update(changes)
    dates = {k: data.pop(k) for k in DATES}
    return data | typed(dates)


def test_confirming_a_corrected_record_writes_its_events(client, reviewer, letter):
    response = client.post(reverse("letters:review", args=[letter.pk]), _form())
    assert response.status_code == 302
    published = HistoryEvent.objects.get(event="letter_published")
    assert published.fields["weaknesses"] == ["first weakness as corrected", "second weakness"]
    letter.refresh_from_db()
    assert letter.status == "confirmed"
    assert letter.changes.last().by == reviewer


def test_a_confirmation_the_rules_refuse_is_shown_and_stores_nothing(client, reviewer, letter):
    response = client.post(
        reverse("letters:review", args=[letter.pk]), _form(notified="2017-12-06")
    )
    assert response.status_code == 400
    assert b"Check before confirming" in response.content
    assert HistoryEvent.objects.count() == 0


def test_an_unknown_area_is_a_form_error(client, reviewer, letter):
    response = client.post(reverse("letters:review", args=[letter.pk]), _form(area="Atlantis"))
    assert response.status_code == 200
    assert b"govuk-form-group--error" in response.content
    assert HistoryEvent.objects.count() == 0


def test_rejecting_from_the_page_records_the_reason(client, reviewer, letter):
    response = client.post(
        reverse("letters:review", args=[letter.pk]), {"action": "reject", "reason": "duplicate"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.reason) == ("rejected", "duplicate")


def test_posting_without_the_csrf_token_is_refused(reviewer, letter):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(reverse("letters:review", args=[letter.pk]), _form())
    assert response.status_code == 403
    assert HistoryEvent.objects.count() == 0


def test_an_import_of_unknown_kind_can_be_reviewed(client, reviewer):
    do_import_letter(
        b"Ofsted and CQC: area SEND visit to Medway, a new layout.\n\n" * 10, "new.txt"
    )
    letter = LetterImport.objects.get()
    response = client.get(reverse("letters:review", args=[letter.pk]))
    assert response.status_code == 200
    assert b"not recognised" in response.content
    assert b"unknown" in client.get(reverse("letters:queue")).content


def test_review_shows_where_the_file_came_from(client, reviewer):
    data = as_text(letter_2016())
    outcome = do_import_letter(
        data,
        "medway.txt",
        source_url="https://reports.ofsted.gov.uk/provider/44/80500",
        publication_date=dt.date(2018, 2, 8),
    )
    assert outcome.letter_id is not None
    letter = LetterImport.objects.get(pk=outcome.letter_id)
    page = client.get(reverse("letters:review", args=[letter.pk])).content.decode()
    assert letter.sha256 in page
    assert 'href="https://reports.ofsted.gov.uk/provider/44/80500"' in page
    assert "8 February 2018: given by the importing service" in page
    assert f"letter parser {letter.parser_version}" in page


@pytest.fixture
def inbox(tmp_path, settings):
    settings.AREASEND_LETTER_INBOX = str(tmp_path)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    (tmp_path / "medway.txt").write_bytes(as_text(letter_2016()))
    (tmp_path / "notts.txt").write_bytes(as_text(monitoring_2023()))
    (tmp_path / "manifest.csv").write_text(
        "file,url,publication_date\nmedway.txt,https://reports.ofsted.gov.uk/x/1,8 February 2018\n"
    )
    return tmp_path


def test_the_inbox_is_imported_as_a_job_started_from_the_queue(client, reviewer, inbox):
    assert b"Import the letters in the inbox" in client.get(reverse("letters:queue")).content
    response = client.post(reverse("letters:import_inbox"), follow=True)
    assert "Import of the inbox started" in response.content.decode()
    medway, notts = LetterImport.objects.order_by("file_name")
    assert (medway.source_url, medway.publication_date) == (
        "https://reports.ofsted.gov.uk/x/1",
        dt.date(2018, 2, 8),
    )
    assert notts.source_url == ""
    client.post(reverse("letters:import_inbox"))  # a second run changes nothing
    assert LetterImport.objects.count() == 2


def test_starting_the_inbox_import_needs_the_review_permission(client, staff, inbox):
    assert client.post(reverse("letters:import_inbox")).status_code == 403
    assert LetterImport.objects.count() == 0


def test_the_inbox_import_cannot_be_started_by_get(client, reviewer, inbox):
    assert client.get(reverse("letters:import_inbox")).status_code == 405
    assert LetterImport.objects.count() == 0


def test_the_queue_runs_as_many_queries_for_four_letters_as_for_two(client, reviewer, letter):
    do_import_letter(as_text(monitoring_2023()), "notts.txt")
    two = queries_for(client, reverse("letters:queue"))
    do_import_letter(as_text(letter_2016()).replace(b"Medway", b"Kent"), "kent.txt")
    do_import_letter(as_text(monitoring_2023()).replace(b"Nottinghamshire", b"Essex"), "essex.txt")
    assert LetterImport.objects.count() == 4
    assert queries_for(client, reverse("letters:queue")) == two
