"""Test data built through the services, as a user's action would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prongsai.core.models import Organization
from prongsai.core.tests.factories import make_department, make_organization, make_staff
from prongsai.ita.models import Indicator, Measure
from prongsai.ita.services import measure_create

__all__ = ["make_department", "make_measure", "make_organization", "make_staff"]


def indicator(year: int, number: int) -> Indicator:
    return Indicator.objects.get(framework__fiscal_year=year, number=number)


def make_measure(*, organization: Organization, year: int = 2566, number: int = 6, **kwargs: Any) -> Measure:
    kwargs.setdefault("title", "มาตรการทดสอบ")
    kwargs.setdefault("steps", "ขั้นตอนทดสอบ")
    kwargs.setdefault("start_date", dt.date(2022, 10, 1))
    kwargs.setdefault("end_date", dt.date(2023, 9, 30))
    return measure_create(organization=organization, fiscal_year=year, indicator=indicator(year, number), **kwargs)
