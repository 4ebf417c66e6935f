"""A polite HTTP client for Ofsted's reports site: the only way the watcher reaches the network.

It fetches only from the origins it was given (no redirect elsewhere), reads
``robots.txt`` first and obeys it, waits at least ``interval`` seconds between
requests, sends the ETag and Last-Modified it last saw so an unchanged page
costs a 304, retries time-outs and 5xx answers with backoff, and stops
reading a response at ``max_bytes``. Every failure is a ``FetchError`` whose
message says why, for the run's record.

The clock and the sleeper are injectable so tests prove the pacing without waiting.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import IO, Protocol
from urllib.parse import urljoin, urlsplit

#: The robots.txt token we answer to, and the start of our User-Agent.
AGENT = "areasend-watcher"
ATTEMPTS = 3
BACKOFF_SECONDS = 2.0


class FetchError(Exception):
    """A URL could not be fetched; the message says why, for a person."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Cached:
    etag: str
    last_modified: str
    body: bytes


class Validators(Protocol):
    """Where the client keeps what it needs for conditional GETs, one entry per URL."""

    def get(self, url: str) -> Cached | None: ...

    def put(self, url: str, cached: Cached) -> None: ...


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str
    #: The server answered 304: ``body`` is the copy kept from the last fetch.
    not_modified: bool = False


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answered, not followed: the caller checks the target's origin first."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class PoliteClient:
    def __init__(
        self,
        origins: list[str],
        *,
        contact: str,
        interval: float = 1.0,
        timeout: float = 30.0,
        validators: Validators | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.origins = {origin(o) for o in origins}
        self.user_agent = f"{AGENT}/1.0 (+{contact})"
        self.interval = interval
        self.timeout = timeout
        self.validators = validators
        self.clock = clock
        self.sleep = sleep
        self.requests = 0
        self._last: float | None = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str, *, max_bytes: int, conditional: bool = False) -> Fetched:
        """Fetch ``url``; with ``conditional``, a 304 gives back the copy kept last time."""
        self._check_origin(url)
        self._check_robots(url)
        kept = self.validators.get(url) if conditional and self.validators else None
        headers = {}
        if kept is not None:
            if kept.etag:
                headers["If-None-Match"] = kept.etag
            if kept.last_modified:
                headers["If-Modified-Since"] = kept.last_modified
        status, body, info = self._request(url, headers, max_bytes)
        content_type = info.get_content_type() if info is not None else ""
        if status == 304 and kept is not None:
            return Fetched(url, kept.body, content_type, not_modified=True)
        if status == 304:
            raise FetchError(url, "the server answered 304 to a request that was not conditional")
        if conditional and self.validators and info is not None:
            etag, modified = info.get("ETag", ""), info.get("Last-Modified", "")
            if etag or modified:
                self.validators.put(url, Cached(etag, modified, body))
        return Fetched(url, body, content_type)

    def _check_origin(self, url: str) -> None:
        if urlsplit(url).scheme not in ("http", "https") or origin(url) not in self.origins:
            allowed = ", ".join(sorted(self.origins))
            raise FetchError(url, f"not on the configured Ofsted site ({allowed}); not fetched")

    def _check_robots(self, url: str) -> None:
        site = origin(url)
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        if isinstance(rules, str):
            raise FetchError(url, rules)
        if not rules.can_fetch(AGENT, url):
            raise FetchError(url, f"robots.txt at {site} disallows it for {AGENT}; not fetched")

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | str:
        """The site's rules, or why every fetch from it is refused (RFC 9309 section 2.3.1)."""
        url = urljoin(site, "/robots.txt")
        try:
            status, body, _ = self._request(url, {}, 512 * 1024)
        except FetchError as error:
            return f"robots.txt could not be read ({error.reason}): the site is treated as closed"
        rules = urllib.robotparser.RobotFileParser(url)
        # No robots.txt (a 4xx) allows everything: no rules parsed.
        rules.parse([] if status >= 400 else body.decode("utf-8", "replace").splitlines())
        return rules

    def _request(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, bytes, Message | None]:
        """Status, body and headers; retries time-outs, refused connections and 5xx."""
        reason = ""
        for attempt in range(ATTEMPTS):
            if attempt:
                self.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
            self._pace()
            request = urllib.request.Request(
                url, headers={"User-Agent": self.user_agent, **headers}
            )
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return response.status, _read(response, url, max_bytes), response.headers
            except urllib.error.HTTPError as error:
                with error:
                    if error.code == 304:
                        return 304, b"", error.headers
                    if error.code >= 500:
                        reason = f"the server answered {error.code} {error.reason}"
                        continue
                    if 300 <= error.code < 400:
                        target = error.headers.get("Location", "")
                        raise FetchError(
                            url, f"redirected ({error.code}) to {target!r}; redirects not followed"
                        ) from None
                    if 400 <= error.code < 500 and url.endswith("/robots.txt"):
                        return error.code, b"", error.headers
                    raise FetchError(
                        url, f"the server answered {error.code} {error.reason}"
                    ) from None
            except TimeoutError:
                reason = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError):
                    reason = f"no answer within {self.timeout:g} s"
                else:
                    reason = f"cannot connect ({error.reason})"
            except (ConnectionError, OSError) as error:
                reason = f"the connection failed ({error})"
        raise FetchError(url, f"{reason}, {ATTEMPTS} attempts")

    def _pace(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.interval:
            self.sleep(self.interval - (now - self._last))
            now = self.clock()
        self._last = now
        self.requests += 1


def _read(response: IO[bytes], url: str, max_bytes: int) -> bytes:
    length = getattr(response, "headers", {}).get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(url, f"{int(length):,} bytes announced, over the {max_bytes:,}-byte limit")
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchError(url, f"more than {max_bytes:,} bytes, over the limit; not read further")
    return body
