"""Public pages: the approved plans and results reports of each fiscal year, with their files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import selectors
from .models import ReportRound, RoundStatus
from .services.reports import CONTENT_TYPES, FORMATS, report_filename, report_round_render


def _organization(request: HttpRequest):  # type: ignore[no-untyped-def]
    organization = getattr(request, "organization", None)
    if not organization:
        raise Http404
    return organization


@require_GET
@cache_control(public=True, max_age=300)
def public_index(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    years = selectors.published_years(organization=organization)
    if years:
        return redirect("ita:public_year", year=years[0])
    return render(request, "ita/public_year.html", {"year": None, "rounds": [], "years": []})


@require_GET
@cache_control(public=True, max_age=300)
def public_year(request: HttpRequest, year: int) -> HttpResponse:
    organization = _organization(request)
    rounds = list(selectors.published_rounds(organization=organization, year=year))
    years = selectors.published_years(organization=organization)
    if not rounds and year not in years:
        raise Http404
    return render(request, "ita/public_year.html", {"year": year, "rounds": rounds, "years": years})


@require_GET
@cache_control(public=True, max_age=3600)
def public_download(request: HttpRequest, year: int, pk: int, fmt: str) -> HttpResponse:
    organization = _organization(request)
    if fmt not in FORMATS:
        raise Http404
    report_round = get_object_or_404(
        ReportRound,
        pk=pk,
        organization=organization,
        fiscal_year=year,
        status=RoundStatus.APPROVED,
        published_at__isnull=False,
    )
    content = report_round_render(report_round=report_round, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = report_filename(report_round, kind=report_round.kind, year=year, fmt=fmt)
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
