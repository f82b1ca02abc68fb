"""The public search page: /search/?q=… (Thai) and /en/search/?q=… (docs/adr/0003-thai-search.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from prongsai.core.pagecache import no_page_cache
from prongsai.core.search import QUERY_MAX_LENGTH, thai_search_query

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class SearchHit:
    """One result as the page shows it."""

    title: str
    url: str
    summary: str
    date: date | None


def _hit(page: Page, request: HttpRequest) -> SearchHit:
    summary = getattr(page, "summary", "") or getattr(page, "intro", "") or page.search_description
    return SearchHit(
        title=page.title,
        url=page.get_url(request=request) or "",
        summary=summary,
        date=getattr(page, "date", None),
    )


def pages_search(*, root: Page, words: str) -> Any:
    """Live, public pages at or under `root` whose index holds every one of `words`, best match first.

    `words` comes from `thai_search_query`. Returns Wagtail search results (sliceable, countable)
    of plain `Page` objects.
    """
    return Page.objects.live().public().descendant_of(root, inclusive=True).search(words, operator="and")


def _specific_hits(results: PaginatorPage, request: HttpRequest) -> list[SearchHit]:
    """The hits on one page of results; one query per page type, however many results there are."""
    pages = list(results.object_list)
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    return [_hit(specific.get(page.pk, page), request) for page in pages]


@no_page_cache
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    cleaned = query.strip()
    context: dict[str, Any] = {"query": query, "max_length": QUERY_MAX_LENGTH, "results": None, "hits": []}
    site = Site.find_for_request(request)
    if not cleaned:
        context["message"] = _("Type a word or phrase to search for, for example a news title or a service.")
    elif len(cleaned) > QUERY_MAX_LENGTH:
        context["message"] = _("Your search is too long: use at most %(max)s characters.") % {"max": QUERY_MAX_LENGTH}
        context["invalid"] = True
    elif not (words := thai_search_query(cleaned)):
        context["message"] = _("Type letters or numbers to search for: symbols and emoji cannot be searched.")
        context["invalid"] = True
    elif site is None or site.root_page is None:
        context["message"] = _("No page matches your search. Try fewer words, or other words.")
    else:
        paginator = Paginator(pages_search(root=site.root_page, words=words), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
        context["results"] = results
        context["hits"] = _specific_hits(results, request) if paginator.count else []
        if not paginator.count:
            context["message"] = _("No page matches your search. Try fewer words, or other words.")
    return render(request, "site/search.html", context)
