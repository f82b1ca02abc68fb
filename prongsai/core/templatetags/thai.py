"""Template filters for Thai dates, digits, fiscal years, baht text, IDs and phones.

Loaded as a builtin (settings.TEMPLATES), so templates use them without {% load %}.
Filters never raise: a value they cannot read is shown as it is.
"""

from __future__ import annotations

import datetime as dt

from django import template

from prongsai.core import thai

register = template.Library()


@register.filter
def thai_digits(value: object) -> str:
    return thai.to_thai_digits(value)


@register.filter
def arabic_digits(value: object) -> str:
    return thai.to_arabic_digits(value)


@register.filter
def thai_date_long(value: object, arg: str = "thai") -> object:
    """{{ d|thai_date_long }} -> ๔ เมษายน ๒๕๖๖; {{ d|thai_date_long:"arabic" }} -> 4 เมษายน 2566."""
    if not isinstance(value, dt.date):
        return value
    try:
        return thai.thai_date_long(value, thai_digits=arg != "arabic")
    except OverflowError:  # an aware datetime whose Bangkok date is outside year 1-9999
        return value


@register.filter
def thai_date_short(value: object, arg: str = "arabic") -> object:
    """{{ d|thai_date_short }} -> 4 เม.ย. 2566; {{ d|thai_date_short:"thai" }} -> ๔ เม.ย. ๒๕๖๖."""
    if not isinstance(value, dt.date):
        return value
    try:
        return thai.thai_date_short(value, thai_digits=arg == "thai")
    except OverflowError:
        return value


@register.filter
def be_year(value: object) -> object:
    if isinstance(value, dt.date):
        return thai.be_year(value.year)
    try:
        return thai.be_year(int(str(value)))
    except ValueError:
        return value


@register.filter
def fiscal_year_label(value: object, arg: str = "thai") -> object:
    """A date or a BE year -> "ปีงบประมาณ พ.ศ. ๒๕๖๖ (ตุลาคม ๖๕ - กันยายน ๖๖)"."""
    try:
        if isinstance(value, dt.date):
            year = thai.FiscalYear.for_date(value)
        else:
            year = thai.FiscalYear(int(thai.to_arabic_digits(str(value))))
    except (ValueError, OverflowError):
        return value
    return year.label(thai_digits=arg != "arabic")


@register.filter
def bahttext(value: object) -> object:
    try:
        return thai.bahttext(str(value))
    except (ArithmeticError, ValueError):
        return value


@register.filter
def national_id(value: object) -> object:
    try:
        return thai.format_national_id(str(value))
    except ValueError:
        return value


@register.filter
def phone(value: object, arg: str = "arabic") -> object:
    try:
        return thai.format_phone(str(value), thai_digits=arg == "thai")
    except ValueError:
        return value
