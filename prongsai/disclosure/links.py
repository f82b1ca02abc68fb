"""Links as evidence: normalising what staff paste, finding what an address on this site points to,
and checking that it still answers.

Anything on the organization's own site is stored as a path ("/about/"), so the public page links
work on whatever host and port serves them and the export adds the site's address in front.
"""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from prongsai.core.models import Organization

USER_AGENT = "Prongsai-link-checker/1.0 (+OIT evidence)"
DEFAULT_TIMEOUT = 5.0
_url_validator = URLValidator(schemes=["http", "https"])


def site_hostnames(organization: Organization) -> set[str]:
    site = organization.site
    return {site.hostname.lower()} if site is not None and site.hostname else set()


def normalize_url(raw: str, *, organization: Organization) -> str:
    """A cleaned URL: a path for this site's own addresses, the full URL for others.

    Raises ValidationError (with a message for the person who typed it) when it is not a web address.
    """
    text = (raw or "").strip()
    if not text:
        raise ValidationError(_("Enter the address of the page or file."))
    if any(character.isspace() for character in text):
        raise ValidationError(_("A web address cannot contain spaces. Check the address and try again."))
    if text.startswith("/") and not text.startswith("//"):
        return text
    if "://" not in text and "." in text.split("/", 1)[0]:
        text = "https://" + text  # "www.example.go.th/x" as people often paste it
    invalid = ValidationError(
        _("This is not a valid web address. It should start with https:// or with / for a page of this site.")
    )
    try:
        parts = urlsplit(text)
        hostname = (parts.hostname or "").lower()
    except ValueError as error:
        raise invalid from error
    # This site's own addresses first: its host name need not look like a public domain ("localhost").
    if parts.scheme in ("http", "https") and hostname and hostname in site_hostnames(organization):
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    try:
        _url_validator(text)
    except ValidationError as error:
        raise invalid from error
    return text


def absolute_url(url: str, *, base: str) -> str:
    """The full address of a stored URL: paths get `base` ("https://www.example.go.th") in front."""
    if url.startswith("/") and base:
        return base.rstrip("/") + url
    return url


def site_base_url(organization: Organization) -> str:
    site = organization.site
    return site.root_url if site is not None else ""


@dataclass(frozen=True)
class InternalTarget:
    """What a path on this site points to: a Wagtail page, a document, another view, or nothing."""

    page: Page | None = None
    document: Any = None
    view_name: str = ""
    found: bool = False


def _strip_language_prefix(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and (path == f"/{code}/" or path.startswith(f"/{code}/")):
            return path[len(code) + 1 :] or "/"
    return path


def resolve_internal(path: str, *, organization: Organization) -> InternalTarget:
    """Find what a path of this site shows (pages by their URL path, documents by id), without HTTP."""
    clean = _strip_language_prefix(urlsplit(path).path or "/")
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(clean)
        except Resolver404:
            return InternalTarget()
    if match.url_name == "wagtail_serve":
        site = organization.site
        if site is None:
            return InternalTarget()
        root = site.root_page
        page = Page.objects.filter(url_path=root.url_path + clean.lstrip("/")).first()
        if page is None or not page.path.startswith(root.path):
            return InternalTarget()
        return InternalTarget(page=page, found=True, view_name=match.url_name)
    if match.url_name == "wagtaildocs_serve":
        document = get_document_model().objects.filter(pk=int(match.args[0])).first()
        return InternalTarget(document=document, found=document is not None, view_name=match.url_name)
    return InternalTarget(found=True, view_name=match.view_name)


def page_problem(page: Page | None, *, organization: Organization) -> str:
    """Why a page cannot be evidence ("" when it can): deleted, not published, private, another site."""
    if page is None:
        return _("The page no longer exists.")
    if not page.live:
        return _("The page is not published. Publish it first, then add it as evidence.")
    site = organization.site
    if site is not None and not page.path.startswith(site.root_page.path):
        return _("The page is not part of this website.")
    if page.get_view_restrictions().exists():
        return _("The page is private; evaluators cannot open it.")
    return ""


def document_problem(document: Any) -> str:
    if document is None:
        return _("The document no longer exists.")
    try:
        if not document.file.storage.exists(document.file.name):
            return _("The document's file is missing.")
    except (OSError, ValueError):
        return _("The document's file is missing.")
    return ""


def page_path(page: Page) -> str:
    """The page's path on its site ("/about/"), in the default language (no "/en/"), without a request."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return str(path)


# --- HTTP checks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    status_code: int | None
    error: str


class _FewRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5  # (urllib itself refuses redirects to anything but http, https and ftp)


def _open(url: str, method: str, timeout: float) -> int:
    # check_external lets only http and https through to here.
    request = urllib.request.Request(  # noqa: S310
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    opener = urllib.request.build_opener(_FewRedirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def check_external(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> CheckResult:
    """HEAD, then GET when HEAD fails or is refused; a short timeout for each. Never raises."""
    if urlsplit(url).scheme not in ("http", "https"):
        return CheckResult(None, _("Only http and https addresses can be checked."))
    status: int | None = None
    try:
        status = _open(url, "HEAD", timeout)
        if status >= 400:
            status = _open(url, "GET", timeout)
    except TimeoutError:
        return CheckResult(status, _("No answer within %(seconds)s seconds.") % {"seconds": f"{timeout:g}"})
    except ssl.SSLError as error:
        return CheckResult(status, _("Secure connection failed: %(reason)s") % {"reason": str(error)[:150]})
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return CheckResult(status, _("No answer within %(seconds)s seconds.") % {"seconds": f"{timeout:g}"})
        return CheckResult(status, _("Cannot connect: %(reason)s") % {"reason": str(reason)[:150]})
    except (OSError, ValueError) as error:
        return CheckResult(status, _("Cannot connect: %(reason)s") % {"reason": str(error)[:150]})
    if status >= 400:
        return CheckResult(status, _("The address answers with error %(code)s.") % {"code": status})
    return CheckResult(status, "")
