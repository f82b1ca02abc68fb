"""The public ITA page: every OIT item of a year with its approved evidence.

Anonymous and the same for every visitor (no cookie, no form, no per-user content), so the page
cache and any shared cache can keep it; its queries do not grow with the number of items.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from prongsai.site.templatetags.site_tags import content_lang

from . import selectors


@require_GET
@cache_control(public=True, max_age=300)
def public_index(request: HttpRequest) -> HttpResponse:
    year = selectors.default_public_year(organization=getattr(request, "organization", None))
    if year is None:
        raise Http404("No ITA framework")
    return redirect("disclosure:public_year", year=year)


@require_GET
@cache_control(public=True, max_age=300)
def public_year(request: HttpRequest, year: int) -> HttpResponse:
    organization = getattr(request, "organization", None)
    if not organization:
        raise Http404("No organization")
    data = selectors.public_year(organization=organization, fiscal_year=year)
    if data is None:
        raise Http404("No framework for this year")
    lang_attribute, other_site = content_lang(), _("another website")
    for item in data.items:
        item.links_html = item.evidence_html(lang_attribute=lang_attribute, other_site=other_site)
    context = {"data": data, "year": year, "th": lang_attribute}
    return render(request, "disclosure/public_year.html", context)
