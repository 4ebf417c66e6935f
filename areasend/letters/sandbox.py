"""Read PDFs in a child process that cannot take more than its share of memory or time.

PDFium decodes each content stream whole before laying out its text, so a
1.5 MB file of compressed zeros asks for gigabytes and minutes. The parent
cannot bound that from outside a C library; a child can: one long-lived
worker per process, started on first use with an address-space limit
(``RLIMIT_AS``), answering one file at a time over its pipes. A file that
needs more memory kills only the worker (PDFium aborts when an allocation
fails); one that takes too long is killed by the parent. Either way the file
is refused with the reason and the next file gets a fresh worker.

Run as ``python -m areasend.letters.sandbox MEGABYTES``: the worker end.
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from areasend.letters.pdftext import MAX_CHARS, MAX_PAGES, PdfText, PdfTextError, read_pdf

DEFAULT_MEMORY_MB = 512
DEFAULT_SECONDS = 20.0
_HEADER = struct.Struct(">Q")
_REQUEST = struct.Struct(">QQQ")  # file size, page cap, character cap
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class SandboxError(ValueError):
    """The worker ran out of memory or time on a file; the message says which, for a person."""


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        path = [_PACKAGE_ROOT, *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        self.memory_mb = memory_mb
        self.process = subprocess.Popen(
            [sys.executable, "-m", "areasend.letters.sandbox", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # PDFium's abort message; the parent states the reason
            env=env,
        )

    def ask(self, data: bytes, caps: tuple[int, int], seconds: float) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(_REQUEST.pack(len(data), *caps) + data)
            self.process.stdin.flush()
        except BrokenPipeError:
            raise _Died from None
        deadline = time.monotonic() + seconds
        header = _read(self.process.stdout, _HEADER.size, deadline)
        (size,) = _HEADER.unpack(header)
        reply: dict[str, Any] = json.loads(_read(self.process.stdout, size, deadline))
        return reply

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


class _Died(Exception):
    pass


class _Late(Exception):
    pass


def _read(stream: IO[bytes], size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    wanted = size
    fd = stream.fileno()
    while wanted:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise _Late
        chunk = os.read(fd, min(wanted, 1 << 20))
        if not chunk:
            raise _Died
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


_lock = threading.Lock()
_worker: _Worker | None = None


def read_pdf_bounded(
    data: bytes,
    *,
    memory_mb: int,
    seconds: float,
    max_pages: int = MAX_PAGES,
    max_chars: int = MAX_CHARS,
) -> PdfText:
    """``pdftext.read_pdf`` in the worker; raises PdfTextError, or SandboxError past a limit."""
    global _worker
    with _lock:
        if _worker is None or _worker.memory_mb != memory_mb or _worker.process.poll() is not None:
            if _worker is not None:
                _worker.stop()
            _worker = _Worker(memory_mb)
        try:
            reply = _worker.ask(data, (max_pages, max_chars), seconds)
        except (_Died, _Late) as failure:
            _worker.stop()
            _worker = None
            if isinstance(failure, _Late):
                raise SandboxError(
                    f"reading the PDF took over {seconds:g} seconds (a letter takes well under "
                    "one); it may be built to exhaust the server (a decompression bomb)"
                ) from None
            raise SandboxError(
                f"reading the PDF needs over {memory_mb:,} MB of memory (a letter needs a few); "
                "it may be built to exhaust the server (a decompression bomb)"
            ) from None
    if "error" in reply:
        raise PdfTextError(reply["error"])
    return PdfText(
        reply["paragraphs"], reply["pages"], tuple(reply["blank_pages"]), reply["created"]
    )


def stop_worker() -> None:
    """End the worker (it is restarted on the next PDF)."""
    global _worker
    with _lock:
        if _worker is not None:
            _worker.stop()
            _worker = None


def _serve(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while header := source.read(_REQUEST.size):
        size, max_pages, max_chars = _REQUEST.unpack(header)
        data = source.read(size)
        answer: dict[str, Any]
        try:
            text = read_pdf(data, max_pages, max_chars)
            answer = {
                "paragraphs": text.paragraphs,
                "pages": text.pages,
                "blank_pages": list(text.blank_pages),
                "created": text.created,
            }
        except PdfTextError as error:
            answer = {"error": str(error)}
        except MemoryError:
            raise SystemExit(1) from None  # the parent reports the memory limit
        reply = json.dumps(answer).encode()
        sink.write(_HEADER.pack(len(reply)) + reply)
        sink.flush()


def _forget_worker() -> None:
    """In a forked copy of this process (a gunicorn worker): the worker is the parent's."""
    global _worker, _lock
    _worker = None
    _lock = threading.Lock()


atexit.register(stop_worker)
os.register_at_fork(after_in_child=_forget_worker)

if __name__ == "__main__":
    _serve(int(sys.argv[1]))
