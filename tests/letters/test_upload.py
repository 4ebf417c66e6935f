"""Uploading letters on the review queue: who may, what each file becomes, what is kept of a refusal."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from areasend.letters.forms import MAX_FILES
from areasend.letters.models import LetterImport, RejectedFile
from tests.dumps import dump_but_rejections
from tests.letters.synthetic import as_pdf, as_text, letter_2016

pytestmark = pytest.mark.django_db
UPLOAD = reverse("letters:upload")
CORPUS_PDF = "80432_bolton_2024-08-30.pdf"


@pytest.fixture
def people() -> None:
    call_command("load_demo_people", "--force", stdout=StringIO())


def signed_in(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


def pdf(name: str = "medway.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, as_pdf(letter_2016()), "application/pdf")


def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_is_read(client):
    response = client.post(UPLOAD, {"letters": [pdf()]})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not LetterImport.objects.exists() and not RejectedFile.objects.exists()


@pytest.mark.parametrize("username", ["inspector", "cqc", "rotherham", "dfe", "nhse", "admin"])
def test_roles_without_the_import_right_are_refused(client, people, username):
    response = signed_in(client, username).post(UPLOAD, {"letters": [pdf()]})
    assert response.status_code == 403
    assert not LetterImport.objects.exists() and not RejectedFile.objects.exists()


@pytest.mark.parametrize("username", ["planner", "lead"])
def test_planners_and_lead_inspectors_upload_and_see_each_result(client, people, username):
    response = signed_in(client, username).post(UPLOAD, {"letters": [pdf()]})
    assert response.status_code == 200
    letter = LetterImport.objects.get()
    page = response.content.decode()
    assert "What happened to each file" in page
    assert f'href="{reverse("letters:review", args=[letter.pk])}">medway.pdf</a>' in page
    assert "Imported for review" in page
    assert letter.changes.get().action == "imported"


def test_a_form_posted_without_its_csrf_token_is_refused(people):
    client = signed_in(Client(enforce_csrf_checks=True), "planner")
    response = client.post(UPLOAD, {"letters": [pdf()]})
    assert response.status_code == 403
    assert not LetterImport.objects.exists() and not RejectedFile.objects.exists()


def test_no_file_chosen_is_a_specific_error_on_the_field(client, people):
    response = signed_in(client, "planner").post(UPLOAD, {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select one or more letter files to upload" in page
    assert 'aria-describedby="id_letters-hint id_letters-error"' in page


def test_too_many_files_at_once_are_refused_before_any_is_read(client, people):
    files = [pdf(f"letter-{n}.pdf") for n in range(MAX_FILES + 1)]
    response = signed_in(client, "planner").post(UPLOAD, {"letters": files})
    assert response.status_code == 400
    assert f"Upload at most {MAX_FILES} files at a time: you selected {MAX_FILES + 1}" in (
        response.content.decode()
    )
    assert not LetterImport.objects.exists() and not RejectedFile.objects.exists()


def test_an_oversize_file_is_refused_with_the_limit_and_only_its_refusal_is_kept(
    client, people, settings
):
    settings.AREASEND_LETTER_MAX_BYTES = 1000
    signed_in(client, "planner")
    before = dump_but_rejections()
    body = b"%PDF-1.7 " + b"x" * 5000
    response = client.post(UPLOAD, {"letters": [SimpleUploadedFile("huge.pdf", body)]})
    assert response.status_code == 200
    assert "the file is 5,009 bytes, over the 1,000-byte limit" in response.content.decode()
    assert dump_but_rejections() == before
    kept = RejectedFile.objects.get()
    assert (kept.file_name, kept.file_size, kept.via, kept.by) == (
        "huge.pdf", 5009, RejectedFile.Via.UPLOAD, User.objects.get(username="planner")
    )  # fmt: skip
    assert len(kept.sha256) == 64


def test_a_file_that_is_not_a_letter_is_refused_by_its_type(client, people):
    signed_in(client, "planner")
    before = dump_but_rejections()
    upload = SimpleUploadedFile("minutes.docx", b"PK\x03\x04 not a letter")
    response = client.post(UPLOAD, {"letters": [upload]})
    page = response.content.decode()
    assert "a .docx file is not read as a letter" in page
    assert dump_but_rejections() == before
    assert RejectedFile.objects.get().reason.startswith("a .docx file is not read as a letter")


def test_one_good_and_one_bad_file_each_get_their_own_result(client, people):
    files = [pdf(), SimpleUploadedFile("broken.pdf", b"%PDF-1.7 this is no PDF")]
    response = signed_in(client, "planner").post(UPLOAD, {"letters": files})
    rows = response.content.decode().split('id="upload-results"')[1].split("</table>")[0]
    assert rows.index("medway.pdf") < rows.index("broken.pdf")
    assert "Imported for review" in rows and "Rejected" in rows
    assert LetterImport.objects.count() == 1
    assert RejectedFile.objects.get().file_name == "broken.pdf"


def test_the_same_file_again_is_unchanged(client, people):
    signed_in(client, "planner").post(UPLOAD, {"letters": [pdf()]})
    response = client.post(UPLOAD, {"letters": [pdf("again.pdf")]})
    assert "Unchanged" in response.content.decode()
    assert LetterImport.objects.count() == 1


def test_the_upload_script_gets_each_result_as_json(client, people):
    response = signed_in(client, "planner").post(
        UPLOAD, {"letters": [pdf()]}, headers={"Accept": "application/json"}
    )
    letter = LetterImport.objects.get()
    (result,) = response.json()["results"]
    assert (result["file"], result["label"], result["url"]) == (
        "medway.pdf", "Imported for review", reverse("letters:review", args=[letter.pk])
    )  # fmt: skip
    # "needs_review" when the reader left something to check, with the reason why.
    assert (result["result"], bool(result["reason"])) in (
        ("imported", False),
        ("needs_review", True),
    )


def test_the_upload_script_gets_a_form_error_as_json_with_400(client, people):
    response = signed_in(client, "planner").post(UPLOAD, {}, headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"errors": ["Select one or more letter files to upload"]}


def test_a_real_published_report_uploaded_joins_the_queue_with_its_area(client, people, shared_dir):
    data = (shared_dir / "corpus/pdf" / CORPUS_PDF).read_bytes()
    upload = SimpleUploadedFile(CORPUS_PDF, data, "application/pdf")
    response = signed_in(client, "lead").post(UPLOAD, {"letters": [upload]})
    assert response.status_code == 200
    letter = LetterImport.objects.get()
    assert (letter.file_name, letter.format) == (CORPUS_PDF, "pdf")
    assert letter.area is not None and letter.area.name == "Bolton"
    assert not RejectedFile.objects.exists()


def test_the_queue_lists_refused_files_under_rejected_with_who_and_why(client, people):
    signed_in(client, "planner").post(
        UPLOAD, {"letters": [SimpleUploadedFile("notes.txt", as_text(letter_2016())[:40])]}
    )
    kept = RejectedFile.objects.get()
    page = client.get(reverse("letters:queue")).content.decode()
    rejected = page.split('id="rejected"')[1]
    assert "Files refused when imported (1)" in rejected
    assert "notes.txt" in rejected and kept.reason in rejected
    assert "Upload on the review queue, Nadia Okafor" in rejected
    assert f"SHA-256 {kept.sha256[:12]}" in rejected


def test_a_file_refused_again_for_the_same_reason_counts_an_attempt(client, people):
    broken = b"%PDF-1.7 this is no PDF"
    signed_in(client, "planner").post(UPLOAD, {"letters": [SimpleUploadedFile("a.pdf", broken)]})
    client.post(UPLOAD, {"letters": [SimpleUploadedFile("b.pdf", broken)]})
    kept = RejectedFile.objects.get()
    assert (kept.file_name, kept.attempts) == ("b.pdf", 2)
    assert "(2 attempts)" in client.get(reverse("letters:queue")).content.decode()


def test_a_dry_run_keeps_no_refusal(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 this is no PDF")
    with pytest.raises(CommandError, match="1 of 1 files rejected"):
        call_command(
            "import_letters", str(tmp_path), "--dry-run", stdout=StringIO(), stderr=StringIO()
        )
    assert not RejectedFile.objects.exists()
