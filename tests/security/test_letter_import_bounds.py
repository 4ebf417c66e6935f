"""Letter import cannot be made to run code or exhaust the server (issue 14 point 5, ADR 0026)."""

import os
import resource
import time
import zlib
from pathlib import Path

import pytest

from areasend.letters import extract as extract_module
from areasend.letters import sandbox
from areasend.letters.extract import ExtractionError, extract
from areasend.letters.services import do_import_letter
from tests.dumps import dump_but_rejections, only_rejection_kept
from tests.letters.synthetic import as_html, as_pdf, letter_2016

#: A data: URL that is a whole page with a script, in each place a browser would load it.
DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
DATA_URLS = {
    "iframe src": (f"<iframe src='{DATA_URL}'></iframe>", "a data: URL (src= on <iframe>)"),
    "object data": (f'<object data="{DATA_URL}"></object>', "a data: URL (data= on <object>)"),
    "embed src": (f"<embed src='{DATA_URL}'>", "a data: URL (src= on <embed>)"),
    "meta refresh": (
        f"<meta http-equiv='refresh' content='0;url={DATA_URL}'>",
        "a data: URL (content= on <meta>)",
    ),
    "disguised in an iframe": (
        "<iframe src=' DaTa&#x09;:text/html,&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
        "a data: URL (src= on <iframe>)",
    ),
}


def _page_with(markup: str) -> bytes:
    return as_html(letter_2016()).replace(b"<body>", b"<body>" + markup.encode(), 1)


@pytest.mark.django_db
@pytest.mark.parametrize("case", DATA_URLS)
def test_html_with_a_data_url_that_loads_a_document_is_refused_and_only_the_refusal_kept(case):
    markup, named = DATA_URLS[case]
    before = dump_but_rejections()
    outcome = do_import_letter(_page_with(markup), "letter.html")
    assert (outcome.result, outcome.letter_id) == ("rejected", None)
    assert named in outcome.reason
    assert dump_but_rejections() == before
    assert only_rejection_kept(named)


def test_a_picture_inlined_as_a_data_url_is_not_code_and_the_letter_is_read():
    page = _page_with("<img alt='Ofsted logo' src='data:image/png;base64,iVBORw0KGgo='>")
    assert "Medway" in extract(page, "letter.html").text


def _pdf_with_content(stream: bytes) -> bytes:
    """A one-page PDF, written by hand, whose page content is ``stream`` (flate-compressed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def flate_bomb(megabytes: int) -> bytes:
    """A PDF whose content stream inflates from about 1/1000 of ``megabytes`` to ``megabytes``."""
    compressor = zlib.compressobj(9)
    chunk = b"0 " * (1 << 19)  # 1 MB of a content-stream operand, over and over
    stream = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return _pdf_with_content(stream)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def test_a_flate_bomb_is_refused_for_memory_and_no_process_grows_past_the_limit(settings):
    settings.AREASEND_LETTER_EXTRACT_MB = 192
    settings.AREASEND_LETTER_EXTRACT_SECONDS = 60
    bomb = flate_bomb(400)
    assert len(bomb) < 1_000_000  # small on disk, far bigger than the limit once inflated
    extract(as_pdf(letter_2016()), "letter.pdf")  # starts the worker with this limit
    assert sandbox._worker is not None
    worker = sandbox._worker.process.pid
    assert _address_space_limit(worker) == 192 * 1024 * 1024
    own_before = _peak_mb()
    with pytest.raises(ExtractionError, match="needs over 192 MB of memory") as refused:
        extract(bomb, "bomb.pdf")
    assert "decompression bomb" in str(refused.value)
    assert not Path(f"/proc/{worker}").exists()  # the worker that hit the limit is gone
    assert _peak_mb() - own_before < 50  # the bomb never reached this process


def _address_space_limit(pid: int) -> int:
    limits = Path(f"/proc/{pid}/limits").read_text()
    line = next(ln for ln in limits.splitlines() if ln.startswith("Max address space"))
    return int(line.split()[3])


def test_a_pdf_that_takes_too_long_is_refused_for_time(settings):
    settings.AREASEND_LETTER_EXTRACT_SECONDS = 0.3
    started = time.monotonic()
    with pytest.raises(ExtractionError, match=r"took over 0\.3 seconds"):
        extract(flate_bomb(150), "slow.pdf")
    assert time.monotonic() - started < 5  # the bomb alone keeps PDFium busy for longer


def test_after_a_refused_bomb_the_next_letter_is_read_by_a_fresh_worker(settings):
    settings.AREASEND_LETTER_EXTRACT_MB = 192
    with pytest.raises(ExtractionError):
        extract(flate_bomb(400), "bomb.pdf")
    assert "Medway" in extract(as_pdf(letter_2016()), "letter.pdf").text


@pytest.mark.django_db
def test_a_flate_bomb_through_the_import_service_is_rejected_and_only_the_refusal_kept(
    settings,
):
    settings.AREASEND_LETTER_EXTRACT_MB = 192
    before = dump_but_rejections()
    outcome = do_import_letter(flate_bomb(400), "bomb.pdf")
    assert (outcome.result, outcome.letter_id) == ("rejected", None)
    assert "memory" in outcome.reason
    assert dump_but_rejections() == before
    assert only_rejection_kept("memory")


def test_a_pdf_with_more_text_than_any_letter_is_refused(monkeypatch):
    monkeypatch.setattr(extract_module, "MAX_CHARS", 500)  # sent to the worker with the file
    with pytest.raises(ExtractionError, match="over 500 characters of text by page 1"):
        extract(as_pdf(letter_2016() * 3), "long.pdf")


def test_a_forked_copy_of_the_process_reads_with_a_worker_of_its_own():
    extract(as_pdf(letter_2016()), "letter.pdf")  # the parent's worker is running
    assert sandbox._worker is not None
    parents = sandbox._worker.process.pid
    child = os.fork()
    if child == 0:  # the child reports through its exit status only
        try:
            extract(as_pdf(letter_2016()), "letter.pdf")
            worker = sandbox._worker
            os._exit(0 if worker is not None and worker.process.pid != parents else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert sandbox._worker.process.poll() is None  # the parent's worker still serves the parent
