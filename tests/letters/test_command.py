"""manage.py import_letters: files and folders, one line per file, never stopping on a bad one."""

import datetime as dt
import json
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from areasend.letters.models import LetterImport, RejectedFile
from tests.dumps import dump_but_rejections, only_rejection_kept
from tests.letters.synthetic import (
    as_html,
    as_pdf,
    as_text,
    letter_2016,
    monitoring_2023,
    with_executable,
)

pytestmark = pytest.mark.django_db


def run(*args: str, rejected: int = 0) -> tuple[str, str]:
    """The command's output; it must fail exactly when ``rejected`` files are expected."""
    out, err = StringIO(), StringIO()
    if rejected:
        with pytest.raises(CommandError, match=f"^{rejected} of \\d+ files rejected$"):
            call_command("import_letters", *args, stdout=out, stderr=err)
    else:
        call_command("import_letters", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a-medway.pdf").write_bytes(as_pdf(letter_2016()))
    (tmp_path / "b-broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (tmp_path / "c-notts.txt").write_bytes(as_text(monitoring_2023()))
    (tmp_path / "notes.docx").write_bytes(b"ignored: not a letter format")
    return tmp_path


def test_a_folder_imports_every_letter_and_reports_the_bad_one_without_stopping(folder):
    out, err = run(str(folder), rejected=1)
    lines = out.splitlines()
    assert len(lines) == 3
    medway, notts = LetterImport.objects.order_by("pk")
    assert lines[0].endswith(f"a-medway.pdf: imported #{medway.pk}")
    assert "b-broken.pdf: rejected: the PDF cannot be read" in lines[1]
    assert lines[2].endswith(f"c-notts.txt: imported #{notts.pk}")
    assert "3/3" in err  # the progress bar
    assert "3 files: 2 imported, 1 rejected" in err


def test_a_second_run_reports_every_letter_unchanged(folder):
    run(str(folder), rejected=1)
    out, _ = run(str(folder / "a-medway.pdf"), str(folder / "c-notts.txt"))
    medway, notts = LetterImport.objects.order_by("pk")
    assert [line.split(": ")[1] for line in out.splitlines()] == [
        f"unchanged #{medway.pk}",
        f"unchanged #{notts.pk}",
    ]


def test_a_missing_path_is_rejected_in_its_place(tmp_path):
    out, _ = run(str(tmp_path / "missing.pdf"), rejected=1)
    assert "missing.pdf: rejected: cannot read the file" in out


def test_dry_run_stores_nothing(folder):
    out, err = run(str(folder), "--dry-run", rejected=1)
    assert "a-medway.pdf: imported" in out
    assert "dry run: nothing stored" in err
    assert LetterImport.objects.count() == 0


def test_json_prints_one_object_per_letter_with_every_field(folder):
    out, _ = run(str(folder), "--json", rejected=1)
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["result"] for o in objects] == ["imported", "rejected", "imported"]
    medway = objects[0]["record"]
    assert medway["area_code"] == {
        "value": "E06000035",
        "confidence": 1.0,
        "span": medway["area_name"]["span"],
    }
    assert medway["inspection_start"]["value"] == "2017-12-04"
    assert medway["publication_date"] == {"value": None, "confidence": 0.0, "span": None}
    assert len(medway["weaknesses"]) == 8
    assert objects[1]["record"] is None
    assert [e["event"] for e in objects[0]["events"]] == [
        "fieldwork_started",
        "fieldwork_ended",
        "letter_dated",
    ]
    assert objects[0]["findings"]["nhs_partners"] == ["NHS Medway Clinical Commissioning Group"]
    assert any("notified" in m for m in objects[0]["to_confirm"])


def test_html_pages_with_scripts_are_rejected_one_line_each_and_the_run_goes_on(tmp_path):
    page = as_html(letter_2016())
    (tmp_path / "a-scripted.html").write_bytes(with_executable(page, "script in the head"))
    (tmp_path / "b-onload.htm").write_bytes(with_executable(page, "onload on body"))
    (tmp_path / "c-notts.txt").write_bytes(as_text(monitoring_2023()))
    (tmp_path / "d-medway.html").write_bytes(page)
    out, err = run(str(tmp_path), rejected=2)
    lines = out.splitlines()
    assert len(lines) == 4
    supply = "supply the letter as the published PDF, or as text saved from the page"
    assert "a-scripted.html: rejected: the HTML contains executable content (a <script>" in lines[0]
    assert (
        "b-onload.htm: rejected: the HTML contains executable content (an inline event "
        in (lines[1])
    )
    assert supply in lines[0] and supply in lines[1]
    notts, medway = LetterImport.objects.order_by("pk")
    assert lines[2].endswith(f"c-notts.txt: imported #{notts.pk}")
    assert lines[3].endswith(f"d-medway.html: imported #{medway.pk}")
    assert (notts.format, medway.format) == ("text", "html")
    assert "4 files: 2 imported, 2 rejected" in err


def test_a_page_with_scripts_alone_adds_only_the_record_of_its_refusal(tmp_path):
    scripted = tmp_path / "scripted.html"
    scripted.write_bytes(with_executable(as_html(letter_2016()), "javascript link"))
    before = dump_but_rejections()
    out, err = run(str(scripted), rejected=1)
    assert out.count("\n") == 1
    assert "scripted.html: rejected: the HTML contains executable content (a javascript: URL" in out
    assert "1 files: 1 rejected" in err
    assert dump_but_rejections() == before
    assert only_rejection_kept("a javascript: URL")


def test_a_run_ends_with_a_table_of_reasons(folder):
    _, err = run(str(folder), rejected=1)
    assert "result        files  reason" in err
    assert "rejected          1  the PDF cannot be read" in err


def test_url_and_manifest_keep_each_file_provenance(tmp_path):
    (tmp_path / "a-medway.pdf").write_bytes(as_pdf(letter_2016()))
    (tmp_path / "c-notts.txt").write_bytes(as_text(monitoring_2023()))
    manifest = tmp_path / "listing.csv"
    manifest.write_text(
        "file,url,publication_date,publication_type\n"
        "a-medway.pdf,https://reports.ofsted.gov.uk/provider/44/80500,8 February 2018,letter\n"
    )
    run(str(tmp_path / "a-medway.pdf"), "--manifest", str(manifest))
    run(str(tmp_path / "c-notts.txt"), "--url", "https://files.ofsted.gov.uk/v1/file/50270000")
    medway, notts = LetterImport.objects.order_by("pk")
    assert (medway.source_url, medway.publication_date, medway.publication_date_source) == (
        "https://reports.ofsted.gov.uk/provider/44/80500",
        dt.date(2018, 2, 8),
        "manifest",
    )
    assert medway.publication_type == "letter"
    assert medway.record["publication_date"]["value"] == "2018-02-08"
    assert notts.source_url == "https://files.ofsted.gov.uk/v1/file/50270000"
    assert notts.file_size == len(as_text(monitoring_2023()))
    assert medway.parser_version == notts.parser_version != ""


def test_a_malformed_manifest_stops_the_run_before_any_file_is_read(tmp_path):
    (tmp_path / "a-medway.pdf").write_bytes(as_pdf(letter_2016()))
    manifest = tmp_path / "listing.csv"
    manifest.write_text("file,url,publication_date\na-medway.pdf,https://x.test/a,soon\n")
    with pytest.raises(CommandError, match="line 2: publication date 'soon' is not a date"):
        call_command("import_letters", str(tmp_path), "--manifest", str(manifest))
    assert LetterImport.objects.count() == 0


def test_url_for_several_files_is_refused(folder):
    with pytest.raises(CommandError, match="use --manifest"):
        call_command("import_letters", str(folder), "--url", "https://x.test/a")


def exit_code(*args: str) -> int:
    """The status ``manage.py import_letters ARGS`` exits with, as a shell sees it."""
    from django.core.management import ManagementUtility
    from django.db import connections

    # A command run from the command line closes every connection when it ends; here that
    # would close the test's own transaction (PostgreSQL really closes it).
    try:
        with (
            redirect_stdout(StringIO()),
            redirect_stderr(StringIO()),
            mock.patch.object(connections, "close_all"),
        ):
            ManagementUtility(["manage.py", "import_letters", *args]).execute()
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def test_the_exit_status_is_1_when_every_file_is_rejected_and_each_is_kept(tmp_path):
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(f"%PDF-1.7 {name} is no PDF".encode())
    assert exit_code(str(tmp_path)) == 1
    assert sorted(RejectedFile.objects.values_list("file_name", "via")) == [
        ("a.pdf", "command"), ("b.pdf", "command")
    ]  # fmt: skip


def test_the_exit_status_is_0_only_when_every_file_is_imported_or_unchanged(tmp_path):
    (tmp_path / "medway.txt").write_bytes(as_text(letter_2016()))
    assert exit_code(str(tmp_path)) == 0
    assert exit_code(str(tmp_path)) == 0  # unchanged the second time
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 no PDF")
    assert exit_code(str(tmp_path)) == 1


def test_a_folder_with_no_letter_files_fails_the_run(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(CommandError, match=r"^no letter files \(.htm, .html, .pdf, .txt\) found"):
        call_command("import_letters", str(tmp_path), stdout=StringIO(), stderr=StringIO())
