"""One watcher run: read Ofsted's listing and provider pages, import what is new for review.

A run reaches the network for minutes, so it is not one transaction: the run
row is written when it starts and when it ends, and each new publication is
imported and marked seen in one transaction of its own. Nothing is published:
imports land in the review queue (``do_import_letter``), as a hand import does.

A page that lacks the structure the watcher reads fails the run with a message
naming what is missing, and nothing is imported from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from areasend.accounts.audit import audit
from areasend.accounts.permissions import Action, can
from areasend.areas.resolve import AreaDirectory, directory_from_db
from areasend.letters.extract import max_bytes
from areasend.letters.models import RejectedFile
from areasend.letters.services import Actor, do_import_letter
from areasend.watcher.client import Cached, FetchError, PoliteClient
from areasend.watcher.models import PageValidator, SeenPublication, WatchRun
from areasend.watcher.site import (
    ProviderLink,
    Publication,
    StructureError,
    parse_listing,
    parse_provider,
)

#: The search listing of local authority children's services providers (area SEND's home).
LISTING = "search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12"
#: Results per listing page: Ofsted's largest.
ROWS = 100
#: A bound on listing pages (about 155 providers today): a site that never stops is a fault.
MAX_PAGES = 20
#: Largest listing or provider page read.
PAGE_BYTES = 2 * 1024 * 1024
#: A run still "running" after this long is taken to have died; another may start.
STALE_MINUTES = 60


class WatchError(Exception):
    """A run cannot start; the message says why."""


class DatabaseValidators:
    """Conditional-GET validators kept in the database, so each run starts from the last."""

    def get(self, url: str) -> Cached | None:
        row = PageValidator.objects.filter(url=url).first()
        return Cached(row.etag, row.last_modified, bytes(row.body)) if row else None

    def put(self, url: str, cached: Cached) -> None:
        PageValidator.objects.update_or_create(
            url=url,
            defaults={
                "etag": cached.etag[:300],
                "last_modified": cached.last_modified[:100],
                "body": cached.body,
            },
        )


def default_client() -> PoliteClient:
    return PoliteClient(
        [settings.AREASEND_OFSTED_REPORTS_URL, settings.AREASEND_OFSTED_FILES_URL],
        contact=settings.AREASEND_OFSTED_CONTACT,
        validators=DatabaseValidators(),
    )


@dataclass
class _Tally:
    run: WatchRun
    failures: list[str] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def note(self, what: str, url: str, result: str, reason: str = "") -> None:
        self.entries.append({"what": what, "url": url, "result": result, "reason": reason})
        if result == "failed":
            self.failures.append(f"{what} {url}: {reason}" if reason else f"{what} {url}")


def check_can_start(by: Actor) -> None:
    """Raise WatchError or PermissionDenied if a run may not start now."""
    if by is not None and not can(by, Action.WATCHER_RUN):
        raise PermissionDenied
    if not settings.AREASEND_OFSTED_WATCHER:
        raise WatchError("the Ofsted watcher is off: set AREASEND_OFSTED_WATCHER=1 to turn it on")
    since = timezone.now() - dt.timedelta(minutes=STALE_MINUTES)
    running = WatchRun.objects.filter(status=WatchRun.Status.RUNNING, started_at__gte=since)
    current = running.first()
    if current is not None:
        raise WatchError(f"run {current.pk} is still going; wait for it to finish")


def do_watch_ofsted(
    *, by: Actor = None, trigger: str = WatchRun.Trigger.COMMAND, client: PoliteClient | None = None
) -> WatchRun:
    """Run the watcher once and return its record (failed or succeeded, never silent)."""
    check_can_start(by)
    actor = by if isinstance(by, User) else AnonymousUser()
    with transaction.atomic():
        run = WatchRun.objects.create(trigger=trigger, by=by if isinstance(by, User) else None)
        audit(actor, "watcher.run_started", run, area=None, before=None, after={"id": run.pk})
    tally = _Tally(run)
    try:
        _watch(client or default_client(), tally, directory_from_db())
    except Exception as error:  # a bug must still end the run, with its reason, before raising
        tally.failures.append(f"the run stopped: {error!r}")
        _finish(tally, actor)
        raise
    _finish(tally, actor)
    return run


def _finish(tally: _Tally, actor: User | AnonymousUser) -> None:
    run = tally.run
    run.status = WatchRun.Status.FAILED if tally.failures else WatchRun.Status.SUCCEEDED
    run.message = "\n".join(tally.failures)
    run.log = tally.entries
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        audit(
            actor, "watcher.run_finished", run, area=None, before=None,
            after={"status": run.status, "imported": run.imported, "failed": run.failed},
        )  # fmt: skip


def _listing_url(start: int) -> str:
    base = settings.AREASEND_OFSTED_REPORTS_URL.rstrip("/") + "/" + LISTING
    return base + "&" + urlencode({"start": start, "rows": ROWS})


def _watch(client: PoliteClient, tally: _Tally, directory: AreaDirectory) -> None:
    providers: dict[str, ProviderLink] = {}
    for page in range(MAX_PAGES):
        url = _listing_url(page * ROWS)
        found = _page(client, tally, "listing page", url, parse_listing)
        if found is None:
            return  # the listing is the root: without it the run cannot know what it missed
        if not found and page == 0:
            tally.note(
                "listing page", url, "failed",
                "no provider links (a[href^='/provider/']): has the site changed?",
            )  # fmt: skip
            tally.run.failed += 1
            return
        fresh = [p for p in found if p.url not in providers]
        providers.update((p.url, p) for p in fresh)
        if len(found) < ROWS or not fresh:
            break  # the last page (a short one, or one repeating what came before)
    else:
        tally.note("listing", _listing_url(0), "failed", f"more than {MAX_PAGES} pages")
        tally.run.failed += 1
        return
    for provider in providers.values():
        result = _page(client, tally, "provider page", provider.url, parse_provider)
        if result is None:
            continue
        for publication in result[1]:
            tally.run.seen += 1
            _publication(client, tally, provider, publication, directory)


def _page(client: PoliteClient, tally: _Tally, what: str, url: str, parse: Any) -> Any:
    """The page parsed, or None with the failure noted."""
    try:
        fetched = client.get(url, max_bytes=PAGE_BYTES, conditional=True)
        parsed = parse(fetched.body.decode("utf-8", "replace"), url)
    except (FetchError, StructureError) as error:
        reason = error.reason if isinstance(error, FetchError) else str(error)
        tally.note(what, url, "failed", reason)
        tally.run.failed += 1
        return None
    if fetched.not_modified:
        tally.run.unchanged_pages += 1
    else:
        tally.run.pages += 1
    tally.note(what, url, "unchanged" if fetched.not_modified else "fetched")
    return parsed


def _publication(
    client: PoliteClient,
    tally: _Tally,
    provider: ProviderLink,
    publication: Publication,
    directory: AreaDirectory,
) -> None:
    if SeenPublication.objects.filter(file_id=publication.file_id).exists():
        return
    what = f"{publication.kind} - {publication.published:%-d %B %Y}"
    try:
        fetched = client.get(publication.url, max_bytes=max_bytes())
    except FetchError as error:
        tally.note(what, publication.url, "failed", error.reason)
        tally.run.failed += 1
        return
    if fetched.body.lstrip()[:5] != b"%PDF-":
        shown = fetched.content_type or "no Content-Type"
        reason = f"not a PDF ({shown}, starts {fetched.body[:20]!r}); will try again next run"
        tally.note(what, publication.url, "failed", reason)
        tally.run.failed += 1
        return
    try:
        with transaction.atomic():
            outcome = do_import_letter(
                fetched.body,
                f"ofsted-{publication.file_id}.pdf",
                via=RejectedFile.Via.WATCHER,
                directory=directory,
                source_url=publication.url,
                publication_date=publication.published,
                publication_type=publication.kind,
                ofsted_file_id=publication.file_id,
            )
            imported = outcome.result in ("imported", "needs_review", "updated")
            SeenPublication.objects.create(
                file_id=publication.file_id,
                url=publication.url,
                provider_url=provider.url,
                kind=publication.kind,
                published=publication.published,
                outcome=(
                    SeenPublication.Outcome.IMPORTED
                    if imported
                    else SeenPublication.Outcome.SKIPPED
                ),
                reason=outcome.reason,
                letter_id=outcome.letter_id,
                run=tally.run,
            )
    except IntegrityError:
        tally.note(what, publication.url, "skipped", "dealt with meanwhile by another run")
        tally.run.skipped += 1
        return
    if imported:
        tally.run.imported += 1
        tally.note(what, publication.url, "imported", f"letter #{outcome.letter_id}")
    else:
        tally.run.skipped += 1
        tally.note(what, publication.url, "skipped", f"{outcome.result}: {outcome.reason}")
