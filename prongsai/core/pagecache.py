"""Rendered anonymous pages written to disk for nginx to serve (docs/adr/0004-page-cache.md).

When `settings.PRONGSAI_PAGE_CACHE_DIR` is set, `PageCacheMiddleware` writes the HTML of every
cacheable response to `<dir>/<host><path>index.html`; nginx serves that file to the next anonymous
visitor without waking Django (deploy/nginx.conf.template). When the setting is empty the
middleware does nothing.

A response is cacheable only when it is the same for every anonymous visitor: a GET with no query
string and no session or messages cookie, answered 200 text/html with no Set-Cookie, no CSRF token
used, no `Cache-Control: private/no-store/no-cache`, no `Vary` on anything but Cookie and
Accept-Language, and a path ending in "/" outside /admin/, /documents/, /healthz and the other
prefixes below. A view opts out with `@no_page_cache` or by calling `pagecache_skip(request)`.

Whenever content changes, `pagecache_invalidate()` removes the affected host directories once the
transaction commits. Wagtail announces publishing only through signals, so the receivers at the
bottom of this module listen for it; other apps call `pagecache_invalidate()` from their services.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

logger = logging.getLogger(__name__)

# Paths whose answers depend on who asks, or that nginx serves itself.
SKIP_PREFIXES: tuple[str, ...] = ("/admin/", "/documents/", "/healthz", "/i18n/", "/static/", "/media/")
# Request cookies that mean the visitor may see something personal.
PERSONAL_COOKIES: tuple[str, ...] = ("sessionid", "messages")
# A Vary on these is harmless: nginx only serves the cache without those cookies, and the language
# comes from the path ("/" Thai, "/en/" English), never from Accept-Language.
HARMLESS_VARY = frozenset({"cookie", "accept-language", "accept-encoding"})
NOT_SHARED_CACHE_CONTROL = frozenset({"private", "no-store", "no-cache"})
# Touched on every invalidation; a render that began before it must not be written.
GENERATION_FILE = ".generation"
PAGE_FILE = "index.html"

_HEADER_LIST = re.compile(r"\s*,\s*")
_SKIP_ATTRIBUTE = "_pagecache_skip"
_START_ATTRIBUTE = "_pagecache_started_ns"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def pagecache_directory() -> Path | None:
    """The page cache directory, or None when the page cache is off."""
    value = getattr(settings, "PRONGSAI_PAGE_CACHE_DIR", "")
    return Path(value) if value else None


def pagecache_skip(request: HttpRequest) -> None:
    """Never write this request's response to the page cache."""
    setattr(request, _SKIP_ATTRIBUTE, True)


def no_page_cache(view: View) -> View:
    """Decorator for views whose pages must always come from Django (forms, receipts, anything personal)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        pagecache_skip(request)
        response = view(request, *args, **kwargs)
        setattr(response, _SKIP_ATTRIBUTE, True)
        return response

    return wrapped  # type: ignore[return-value]


def _host_directory_name(host: str) -> str | None:
    """The directory nginx's `$host` names: the Host header, lower case, without the port."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip().lower().rstrip(".")
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\x00" in name:
        return None
    return name


def pagecache_path(*, host: str, path: str) -> Path | None:
    """Where the page for `host` and `path` is stored, or None if it cannot be stored safely."""
    directory = pagecache_directory()
    host_name = _host_directory_name(host)
    if directory is None or host_name is None or not path.startswith("/") or not path.endswith("/"):
        return None
    segments = [segment for segment in path.split("/") if segment]
    if any(segment in {".", ".."} or "\x00" in segment or "\\" in segment for segment in segments):
        return None
    return directory.joinpath(host_name, *segments, PAGE_FILE)


def _cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or request.META.get("QUERY_STRING") or getattr(request, _SKIP_ATTRIBUTE, False):
        return False
    if getattr(response, _SKIP_ATTRIBUTE, False) or response.status_code != 200 or response.streaming:
        return False
    if not request.path.endswith("/") or request.path.startswith(SKIP_PREFIXES):
        return False
    if any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # A CSRF token in the page belongs to one visitor's cookie; Django flags every use of it.
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if not response.get("Content-Type", "").startswith("text/html") or response.has_header("Content-Encoding"):
        return False
    cache_control = {
        directive.split("=", 1)[0].strip().lower()
        for directive in _HEADER_LIST.split(response.get("Cache-Control", ""))
    }
    if cache_control & NOT_SHARED_CACHE_CONTROL:
        return False
    vary = {header.strip().lower() for header in _HEADER_LIST.split(response.get("Vary", "")) if header.strip()}
    return vary <= HARMLESS_VARY


def _generation_ns(directory: Path) -> int:
    try:
        return (directory / GENERATION_FILE).stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def pagecache_store(*, request: HttpRequest, response: HttpResponseBase, started_ns: int | None = None) -> Path | None:
    """Write a cacheable response's HTML where nginx looks for it; return the file, or None if not stored.

    The file appears atomically (written aside, then renamed), is readable by nginx (0644), and is
    not written at all if an invalidation happened after `started_ns` (the render may be stale).
    Failures are logged and swallowed: the visitor already has their page.
    """
    if not isinstance(response, HttpResponse) or not _cacheable(request, response):
        return None
    target = pagecache_path(host=request.get_host(), path=request.path)
    directory = pagecache_directory()
    if target is None or directory is None or target.exists():
        return None
    temporary = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".html")
        with os.fdopen(handle, "wb") as stream:
            stream.write(response.content)
        os.chmod(temporary, 0o644)  # nginx runs as another user and must read it
        if started_ns is not None and _generation_ns(directory) >= started_ns:
            os.unlink(temporary)
            return None
        os.replace(temporary, target)
    except OSError:
        # The host directory may have been removed by an invalidation meanwhile: that is fine.
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        logger.debug("page cache: %s not stored", request.path, exc_info=True)
        return None
    return target


def _host_directories_of(site: Any, directory: Path) -> list[Path]:
    """Host directories whose requests Wagtail would route to `site` (by host name; any port)."""
    from wagtail.models import Site

    sites = list(Site.objects.values_list("pk", "hostname", "is_default_site"))
    owners: dict[str, set[int]] = {}
    for pk, hostname, _default in sites:
        owners.setdefault(hostname.lower(), set()).add(pk)
    default_pks = {pk for pk, _hostname, is_default in sites if is_default}
    matched = []
    for host_directory in directory.iterdir():
        if not host_directory.is_dir() or host_directory.name.startswith("."):
            continue
        host_owners = owners.get(host_directory.name, default_pks)
        if site.pk in host_owners:
            matched.append(host_directory)
    return matched


def _clear(site: Any) -> None:
    directory = pagecache_directory()
    if directory is None or not directory.is_dir():
        return
    now = time.time_ns()
    marker = directory / GENERATION_FILE
    try:
        marker.touch(exist_ok=True)
        os.utime(marker, ns=(now, now))
    except OSError:
        logger.exception("page cache: cannot touch %s", marker)
    if site is None:
        targets = [path for path in directory.iterdir() if path.is_dir() and not path.name.startswith(".")]
    else:
        targets = _host_directories_of(site, directory)
    for host_directory in targets:
        # Rename first so nginx stops finding the old pages at once, then delete at leisure.
        trash = directory / f".trash-{uuid.uuid4().hex}"
        try:
            host_directory.rename(trash)
        except OSError:
            continue
        shutil.rmtree(trash, ignore_errors=True)


def pagecache_invalidate(*, site: Any = None) -> None:
    """Forget the cached pages of `site` (a wagtail Site; None: every site) once the transaction commits.

    Call it from any service whose change shows on public pages. Outside a transaction it clears at
    once. A no-op when the page cache is off.
    """
    if pagecache_directory() is None:
        return
    transaction.on_commit(lambda: _clear(site))


class PageCacheMiddleware:
    """Store cacheable anonymous pages for nginx. Place it above the session and CSRF middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if pagecache_directory() is None:
            return self.get_response(request)
        started_ns = time.time_ns()
        response = self.get_response(request)
        pagecache_store(request=request, response=response, started_ns=started_ns)
        return response


# --- What changes public pages -------------------------------------------------------------------
# Wagtail announces publishing, unpublishing and moves only as signals. A news item shows on the
# home page and the news index too, so a change clears the whole site's pages, not just its own.


def _site_of_page(page: Any) -> Any:
    try:
        return page.get_site()
    except Exception:  # a page being torn down may no longer resolve; clearing everything is safe
        return None


@receiver(page_published, dispatch_uid="prongsai_pagecache_page_published")
@receiver(page_unpublished, dispatch_uid="prongsai_pagecache_page_unpublished")
@receiver(post_page_move, dispatch_uid="prongsai_pagecache_page_moved")
def _page_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if pagecache_directory() is not None:
        pagecache_invalidate(site=_site_of_page(instance))


@receiver(published, dispatch_uid="prongsai_pagecache_published")
@receiver(unpublished, dispatch_uid="prongsai_pagecache_unpublished")
def _snippet_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from wagtail.models import Page

    if not isinstance(instance, Page):  # Wagtail sends these for pages too; handled per site above
        pagecache_invalidate()


@receiver(post_delete, dispatch_uid="prongsai_pagecache_deleted")
@receiver(post_save, dispatch_uid="prongsai_pagecache_saved")
def _model_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Pages created live or deleted, privacy set on a page, and changed sites, organizations, redirects, images."""
    if pagecache_directory() is None:
        return
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, PageViewRestriction, Site

    from .models import Organization

    deleted = "created" not in kwargs
    created = bool(kwargs.get("created"))
    if isinstance(instance, Page):
        # Editing saves drafts (publishing is announced above); a page created live, as code and
        # imports do, and a deleted page change the public site at once.
        if deleted or (created and instance.live):
            pagecache_invalidate()
    elif isinstance(instance, Organization | Redirect):
        pagecache_invalidate(site=instance.site if instance.site_id else None)
    elif isinstance(instance, PageViewRestriction):
        # A page made private must stop being served from a file at once, and leave the menus.
        pagecache_invalidate(site=_site_of_page(instance.page) if instance.page_id else None)
    elif isinstance(instance, Site) or (isinstance(instance, AbstractImage) and not created):
        pagecache_invalidate()
