"""Tags for the public site's chrome: header menu, footer links, language switch, names.

`{% load site_tags %}` then:
- `{% site_links as links %}`: home page, menu pages, news index and PDPA pages (one query per request).
- `{% language_links as languages %}`: the same page in each language, for the switch and hreflang.
- `{% organization_name %}`: the organization's name in the current language.
- `{% content_lang %}`: ` lang="th"` where the page around Thai content is in another language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from prongsai.site.selectors import SiteLinks, site_links_for_request

register = template.Library()

# Wagtail's content language (WAGTAIL_CONTENT_LANGUAGES): page titles and bodies are written in Thai.
CONTENT_LANGUAGE = "th"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool


@register.simple_tag(takes_context=True)
def site_links(context: template.Context) -> SiteLinks:
    request = context.get("request")
    if request is None:
        return SiteLinks()
    return site_links_for_request(request)


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[LanguageLink]:
    """Plain links to this page in every language: "/about/" <-> "/en/about/" (no form, no cookie)."""
    request = context.get("request")
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path() if request is not None else "/"
    links = []
    for code, name in settings.LANGUAGES:
        url = path if code == current else translate_url(path, code)
        absolute_url = request.build_absolute_uri(url) if request is not None else url
        links.append(LanguageLink(code, str(name), url, absolute_url, code == current))
    return links


@register.simple_tag(takes_context=True)
def organization_name(context: template.Context) -> str:
    organization = context.get("organization")
    if not organization:
        return ""
    if translation.get_language() != CONTENT_LANGUAGE and organization.name_en:
        return str(organization.name_en)
    return str(organization.name)


@register.simple_tag
def content_lang() -> SafeString:
    if (translation.get_language() or settings.LANGUAGE_CODE) == CONTENT_LANGUAGE:
        return mark_safe("")
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')  # noqa: S308 - constant markup


@register.filter
def is_within(page: Any, section: Page | None) -> bool:
    """True when `page` is `section` or one of its descendants (for the menu's current item)."""
    path = getattr(page, "path", None)
    return bool(section is not None and path and path.startswith(section.path))
