"""Thai dates, digits, fiscal years, baht text, national IDs and phone numbers (core/thai.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pythainlp.util import bahttext as pythainlp_bahttext

from prongsai.core import thai
from prongsai.core.templatetags import thai as filters

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2600, 12, 31))
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


# --- Digits ------------------------------------------------------------------------------------


def test_digits_convert_both_ways():
    assert thai.to_thai_digits(2566) == "๒๕๖๖"
    assert thai.to_arabic_digits("ที่ ชร ๕๒๓๐๑/๑๒๓") == "ที่ ชร 52301/123"
    assert thai.digits("พ.ศ. 2566", thai=True) == "พ.ศ. ๒๕๖๖"
    assert thai.digits("พ.ศ. ๒๕๖๖", thai=False) == "พ.ศ. 2566"


@given(st.text())
def test_thai_digits_round_trip(text):
    assume(not any(char in THAI_DIGITS for char in text))
    assert thai.to_arabic_digits(thai.to_thai_digits(text)) == text


@given(st.text())
def test_arabic_digits_round_trip(text):
    assume(not any(char in "0123456789" for char in text))
    assert thai.to_thai_digits(thai.to_arabic_digits(text)) == text


@given(st.integers(min_value=0))
def test_thai_digits_of_a_number_are_only_thai_digits(number):
    converted = thai.to_thai_digits(number)
    assert set(converted) <= set(THAI_DIGITS)
    assert int(thai.to_arabic_digits(converted)) == number


# --- Dates ------------------------------------------------------------------------------------


def test_official_long_and_short_dates():
    day = dt.date(2023, 4, 4)
    assert thai.thai_date_long(day) == "๔ เมษายน ๒๕๖๖"
    assert thai.thai_date_long(day, thai_digits=False) == "4 เมษายน 2566"
    assert thai.thai_date_short(day) == "4 เม.ย. 2566"
    assert thai.thai_date_short(day, thai_digits=True) == "๔ เม.ย. ๒๕๖๖"


def test_an_aware_datetime_is_shown_on_its_bangkok_date():
    late_utc = dt.datetime(2023, 4, 3, 20, 0, tzinfo=dt.UTC)  # 03:00 on 4 April in Bangkok
    assert thai.thai_date_long(late_utc) == "๔ เมษายน ๒๕๖๖"


@given(DATES, st.booleans())
def test_long_dates_round_trip(day, thai_digits):
    assert thai.parse_thai_date(thai.thai_date_long(day, thai_digits=thai_digits)) == day


@given(DATES, st.booleans())
def test_short_dates_round_trip(day, thai_digits):
    assert thai.parse_thai_date(thai.thai_date_short(day, thai_digits=thai_digits)) == day


@given(DATES)
def test_slash_dates_are_read_with_the_buddhist_year(day):
    assert thai.parse_thai_date(f"{day.day}/{day.month}/{day.year + 543}") == day


@pytest.mark.parametrize("text", ["", "4 April 2566", "32 มกราคม 2566", "29 กุมภาพันธ์ 2566", "๔ เมษา ๒๕๖๖", "4/13/2566"])
def test_unreadable_dates_raise_value_error(text):
    with pytest.raises(ValueError):
        thai.parse_thai_date(text)


def test_buddhist_era_years():
    assert thai.be_year(2023) == 2566
    assert thai.ce_year(2566) == 2023


# --- Fiscal years -------------------------------------------------------------------------------------


def test_fiscal_year_2566_runs_october_2022_to_september_2023():
    year = thai.FiscalYear(2566)
    assert year.start == dt.date(2022, 10, 1)
    assert year.end == dt.date(2023, 9, 30)
    assert thai.FiscalYear.for_date(dt.date(2022, 9, 30)) == thai.FiscalYear(2565)
    assert thai.FiscalYear.for_date(dt.date(2022, 10, 1)) == year
    assert thai.FiscalYear.for_date(dt.date(2023, 9, 30)) == year
    assert thai.FiscalYear.for_date(dt.date(2023, 10, 1)) == thai.FiscalYear(2567)
    assert dt.date(2022, 9, 30) not in year and dt.date(2023, 10, 1) not in year
    assert "2023-01-01" not in year  # not a date


def test_fiscal_year_labels():
    year = thai.FiscalYear(2566)
    assert year.label() == "ปีงบประมาณ พ.ศ. ๒๕๖๖ (ตุลาคม ๖๕ - กันยายน ๖๖)"
    assert year.label(thai_digits=False) == "ปีงบประมาณ พ.ศ. 2566 (ตุลาคม 65 - กันยายน 66)"
    assert year.short_label() == "ปีงบประมาณ พ.ศ. ๒๕๖๖"
    assert thai.FiscalYear(2601).label(thai_digits=False) == "ปีงบประมาณ พ.ศ. 2601 (ตุลาคม 00 - กันยายน 01)"
    assert str(year) == "2566"


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (dt.date(2022, 10, 1), 1),
        (dt.date(2022, 12, 31), 1),
        (dt.date(2023, 1, 1), 2),
        (dt.date(2023, 3, 31), 2),
        (dt.date(2023, 4, 1), 3),
        (dt.date(2023, 6, 30), 3),
        (dt.date(2023, 7, 1), 4),
        (dt.date(2023, 9, 30), 4),
    ],
)
def test_fiscal_quarters(day, quarter):
    assert thai.FiscalYear(2566).quarter(day) == quarter


def test_a_quarter_of_a_date_outside_the_year_is_an_error():
    with pytest.raises(ValueError):
        thai.FiscalYear(2566).quarter(dt.date(2023, 10, 1))


@given(DATES)
def test_the_fiscal_year_of_a_date_contains_it(day):
    year = thai.FiscalYear.for_date(day)
    assert day in year
    assert year.start <= day <= year.end
    assert day not in year.previous and day not in year.next
    assert 1 <= year.quarter(day) <= 4
    assert year.quarter(day) == {10: 1, 11: 1, 12: 1, 1: 2, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3}.get(day.month, 4)


@given(st.integers(min_value=2450, max_value=3100))
def test_fiscal_years_follow_each_other_without_gap(be):
    year = thai.FiscalYear(be)
    assert year.end + dt.timedelta(days=1) == year.next.start
    assert year.previous.next == year
    assert thai.FiscalYear.for_date(year.start) == year == thai.FiscalYear.for_date(year.end)


# --- Baht text ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "ศูนย์บาทถ้วน"),
        (1, "หนึ่งบาทถ้วน"),
        (11, "สิบเอ็ดบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (1000000, "หนึ่งล้านบาทถ้วน"),
        (1000001, "หนึ่งล้านเอ็ดบาทถ้วน"),
        (21000000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
        (Decimal("1234.50"), "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
        ("0.25", "ยี่สิบห้าสตางค์"),
        (10, "สิบบาทถ้วน"),
        (20, "ยี่สิบบาทถ้วน"),
        (111, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
        (1001, "หนึ่งพันเอ็ดบาทถ้วน"),
        (11000000, "สิบเอ็ดล้านบาทถ้วน"),
        (101000000, "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
        ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
        ("2.21", "สองบาทยี่สิบเอ็ดสตางค์"),
        ("-5", "ลบห้าบาทถ้วน"),
    ],
)
def test_known_baht_texts(amount, text):
    assert thai.bahttext(amount) == text


def test_satang_are_rounded_half_up():
    assert thai.bahttext("0.005") == "หนึ่งสตางค์"
    assert thai.bahttext("1.994") == "หนึ่งบาทเก้าสิบเก้าสตางค์"
    assert thai.bahttext("1.995") == "สองบาทถ้วน"


@settings(max_examples=400)
@given(st.integers(min_value=100, max_value=10**15 - 1))
@example(100_000_100)
@example(1_000_001_00)
def test_baht_text_agrees_with_pythainlp(satang):
    amount = Decimal(satang) / 100
    assert thai.bahttext(amount) == pythainlp_bahttext(float(amount))


@given(st.integers(min_value=1, max_value=99))
def test_under_one_baht_only_satang_are_read(satang):
    # Excel's BAHTTEXT and official receipts write "ยี่สิบห้าสตางค์"; PyThaiNLP prefixes "ศูนย์บาท".
    amount = Decimal(satang) / 100
    expected = pythainlp_bahttext(float(amount)).removeprefix("ศูนย์บาท")
    assert thai.bahttext(amount) == expected
    assert "บาท" not in thai.bahttext(amount)


# --- National ID ----------------------------------------------------------------------------------------------

FIRST_TWELVE = st.from_regex(r"\A[1-8][0-9]{11}\Z")


def make_id(first12: str) -> str:
    return first12 + str(thai.national_id_checksum(first12))


def test_a_known_national_id():
    assert thai.is_valid_national_id("1101700207030")
    assert thai.is_valid_national_id("1-1017-00207-03-0")
    assert thai.is_valid_national_id("๑-๑๐๑๗-๐๐๒๐๗-๐๓-๐")
    assert thai.format_national_id("1101700207030") == "1-1017-00207-03-0"
    assert not thai.is_valid_national_id("1101700207031")


@pytest.mark.parametrize(
    "value", ["", "123", "0101700207038", "11017002070300", "110170020703x", "１１０１７００２０７０３０"]
)
def test_malformed_national_ids_are_invalid(value):
    assert not thai.is_valid_national_id(value)


@given(FIRST_TWELVE)
def test_a_generated_id_validates_in_every_written_form(first12):
    number = make_id(first12)
    assert thai.is_valid_national_id(number)
    assert thai.is_valid_national_id(thai.format_national_id(number))
    assert thai.is_valid_national_id(thai.to_thai_digits(thai.format_national_id(number)))
    assert thai.normalize_national_id(thai.format_national_id(number)) == number


@given(FIRST_TWELVE, st.integers(min_value=1, max_value=9))
def test_changing_the_check_digit_always_invalidates(first12, delta):
    number = make_id(first12)
    changed = number[:12] + str((int(number[12]) + delta) % 10)
    assert not thai.is_valid_national_id(changed)


@given(FIRST_TWELVE, st.sampled_from([0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11]), st.integers(min_value=1, max_value=9))
def test_changing_any_checked_digit_invalidates(first12, position, delta):
    """Any single-digit change is caught, within what the official checksum can see.

    The checksum is (11 - Σ dᵢ·(13-i) mod 11) mod 10. The third digit is weighted 11,
    i.e. 0 (mod 11), so the official algorithm cannot see it (tested below); and the
    remainders 0 and 10 both give check digit 1, so for IDs ending in 1 one change in
    eleven goes unseen. Every other change must be caught.
    """
    number = make_id(first12)
    assume(number[12] != "1")
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    assert not thai.is_valid_national_id(changed)


@given(FIRST_TWELVE, st.integers(min_value=1, max_value=9))
def test_the_third_digit_is_not_covered_by_the_official_checksum(first12, delta):
    # Documented so nobody "fixes" the algorithm into rejecting real IDs.
    number = make_id(first12)
    changed = number[:2] + str((int(number[2]) + delta) % 10) + number[3:]
    assert thai.is_valid_national_id(changed)


# --- Phone numbers ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalized", "formatted"),
    [
        ("081-234-5678", "0812345678", "081-234-5678"),
        ("0812345678", "0812345678", "081-234-5678"),
        ("+66 81 234 5678", "0812345678", "081-234-5678"),
        ("66812345678", "0812345678", "081-234-5678"),
        ("๐๙๑ ๒๓๔ ๕๖๗๘", "0912345678", "091-234-5678"),
        ("06-1234-5678", "0612345678", "061-234-5678"),
        ("0-5373-1288", "053731288", "0-5373-1288"),
        ("053 731 288", "053731288", "0-5373-1288"),
        ("(053) 731288", "053731288", "0-5373-1288"),
        ("02-123-4567", "021234567", "0-2123-4567"),
        ("+66 2 123 4567", "021234567", "0-2123-4567"),
        ("0-5373-1288 ต่อ 207", "053731288", "0-5373-1288 ต่อ 207"),
        ("0-5373-1288ต่อ207", "053731288", "0-5373-1288 ต่อ 207"),
        ("053731288 ext. 12", "053731288", "0-5373-1288 ต่อ 12"),
        ("๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗", "053731288", "0-5373-1288 ต่อ 207"),
    ],
)
def test_phone_numbers(written, normalized, formatted):
    assert thai.normalize_phone(written) == normalized
    assert thai.format_phone(written) == formatted
    assert thai.is_valid_phone(written)


def test_phone_in_thai_digits():
    assert thai.format_phone("0-5373-1288 ต่อ 207", thai_digits=True) == "๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗"
    assert thai.phone_extension("0-5373-1288 ต่อ 207") == "207"
    assert thai.phone_extension("081-234-5678") == ""


@pytest.mark.parametrize(
    "value",
    ["", "12345", "081234567", "08123456789", "1812345678", "0112345678", "053-731-28", "โทร", "0８１２３４５６７８"],
)
def test_not_phone_numbers(value):
    assert not thai.is_valid_phone(value)
    with pytest.raises(ValueError):
        thai.format_phone(value)


MOBILES = st.from_regex(r"\A0[689][0-9]{8}\Z")
LANDLINES = st.from_regex(r"\A0[23457][0-9]{7}\Z")


@given(st.one_of(MOBILES, LANDLINES), st.booleans(), st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,4}\Z")))
def test_phone_format_round_trips(number, thai_digits, extension):
    written = number + (f" ต่อ {extension}" if extension else "")
    formatted = thai.format_phone(written, thai_digits=thai_digits)
    assert thai.normalize_phone(formatted) == number
    assert thai.phone_extension(formatted) == extension
    assert thai.format_phone(formatted) == thai.format_phone(written)


# --- Template filters -----------------------------------------------------------------------------------------------


def test_filters_in_templates():
    template = Template(
        "{{ d|thai_date_long }}|{{ d|thai_date_short }}|{{ d|fiscal_year_label }}|"
        "{{ 2566|fiscal_year_label:'arabic' }}|"
        "{{ '1234.5'|bahttext }}|{{ '1101700207030'|national_id }}|{{ '053731288'|phone:'thai' }}|{{ 2023|be_year }}|"
        "{{ 'ปี 2566'|thai_digits }}"
    )
    rendered = template.render(Context({"d": dt.date(2023, 4, 4)}))
    assert rendered.split("|") == [
        "๔ เมษายน ๒๕๖๖",
        "4 เม.ย. 2566",
        "ปีงบประมาณ พ.ศ. ๒๕๖๖ (ตุลาคม ๖๕ - กันยายน ๖๖)",
        "ปีงบประมาณ พ.ศ. 2566 (ตุลาคม 65 - กันยายน 66)",
        "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์",
        "1-1017-00207-03-0",
        "๐-๕๓๗๓-๑๒๘๘",
        "2566",
        "ปี ๒๕๖๖",
    ]


def test_filters_show_what_they_cannot_read_unchanged():
    assert filters.thai_date_long("เมื่อวาน") == "เมื่อวาน"
    assert filters.bahttext("ไม่ทราบ") == "ไม่ทราบ"
    assert filters.national_id("123") == "123"
    assert filters.phone("โทร") == "โทร"
    assert filters.be_year("ไม่ระบุ") == "ไม่ระบุ"
    assert filters.fiscal_year_label(None) is None


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(),
    st.from_regex(r"\A[0-9๐-๙ ./:-]{0,20}\Z"),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
    st.lists(st.integers(), max_size=3),
)
ONE_ARGUMENT = [filters.thai_digits, filters.arabic_digits, filters.be_year, filters.bahttext, filters.national_id]
TWO_ARGUMENTS = [filters.thai_date_long, filters.thai_date_short, filters.fiscal_year_label, filters.phone]


@settings(max_examples=300, deadline=None)
@given(ANYTHING, st.sampled_from(["thai", "arabic", "", "xyz"]))
@example(dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC), "thai")  # Bangkok time is past year 9999
@example(dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=14))), "thai")  # before year 1
@example("9" * 5000, "thai")  # more digits than int() reads
@example(Decimal("1e40"), "thai")
def test_template_filters_never_raise(value, arg):
    for template_filter in ONE_ARGUMENT:
        template_filter(value)
    for template_filter in TWO_ARGUMENTS:
        template_filter(value)
        template_filter(value, arg)
