"""Reads for the public website's chrome (header menu, footer links)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page, Site

# Slugs of the PDPA pages every municipality's site has under its home page; the footer links them.
PRIVACY_SLUG = "privacy"
COOKIES_SLUG = "cookies"


@dataclass(frozen=True)
class SiteLinks:
    """The pages the site chrome links to. Pages are plain `Page` objects (not `.specific`)."""

    home: Page | None = None
    menu: list[Page] = field(default_factory=list)
    news_index: Page | None = None
    privacy: Page | None = None
    cookies: Page | None = None


def site_links_for_request(request: HttpRequest) -> SiteLinks:
    """The home page's live children that the chrome needs, read in one query and kept on the request.

    `menu` holds the children marked "show in menus" in tree order; `privacy` and `cookies` are the
    children with those slugs; `news_index` is the first news index under the home page. Children
    with their own view restriction are left out, so a private page never shows in public chrome.
    """
    cached: SiteLinks | None = getattr(request, "_prongsai_site_links", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    links = SiteLinks()
    if site is not None and site.root_page is not None:
        home = site.root_page  # select_related by Site.find_for_request: no query
        children = list(
            Page.objects.child_of(home)
            .live()
            .filter(view_restrictions__isnull=True)
            .filter(
                Q(show_in_menus=True)
                | Q(slug__in=[PRIVACY_SLUG, COOKIES_SLUG])
                | Q(content_type__app_label="site", content_type__model="newsindexpage")
            )
            .select_related("content_type")
            .order_by("path")
        )
        by_slug = {page.slug: page for page in children}
        news_indexes = [page for page in children if page.content_type.model == "newsindexpage"]
        links = SiteLinks(
            home=home,
            menu=[page for page in children if page.show_in_menus],
            news_index=news_indexes[0] if news_indexes else None,
            privacy=by_slug.get(PRIVACY_SLUG),
            cookies=by_slug.get(COOKIES_SLUG),
        )
    request._prongsai_site_links = links  # type: ignore[attr-defined]
    return links
