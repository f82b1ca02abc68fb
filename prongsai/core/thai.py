"""Thai conventions in one place: Buddhist-era dates, Thai digits, fiscal years,
baht text, national ID numbers and phone numbers.

Every other module formats Thai dates and numbers through these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_ARABIC = "0123456789"
_THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC, _THAI)
_TO_ARABIC = str.maketrans(_THAI, _ARABIC)


# --- Digits -----------------------------------------------------------------


def to_thai_digits(value: object) -> str:
    """ "2566" -> "๒๕๖๖". Any other character is kept as it is."""
    return str(value).translate(_TO_THAI)


def to_arabic_digits(value: object) -> str:
    """ "๒๕๖๖" -> "2566". Any other character is kept as it is."""
    return str(value).translate(_TO_ARABIC)


def digits(value: object, *, thai: bool) -> str:
    return to_thai_digits(value) if thai else to_arabic_digits(value)


# --- Buddhist-era years and dates ---------------------------------------------


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def ce_year(year_be: int) -> int:
    return year_be - BE_OFFSET


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value)
        return value.date()
    return value


def thai_date_long(value: dt.date | dt.datetime, *, thai_digits: bool = True) -> str:
    """The official long form: "๔ เมษายน ๒๕๖๖" (or "4 เมษายน 2566")."""
    day = _as_date(value)
    text = f"{day.day} {THAI_MONTHS[day.month - 1]} {be_year(day.year)}"
    return digits(text, thai=thai_digits)


def thai_date_short(value: dt.date | dt.datetime, *, thai_digits: bool = False) -> str:
    """The short form: "4 เม.ย. 2566" (or "๔ เม.ย. ๒๕๖๖")."""
    day = _as_date(value)
    text = f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {be_year(day.year)}"
    return digits(text, thai=thai_digits)


_LONG_DATE = re.compile(r"^\s*(\d{1,2})\s+(\S+)\s+(\d{4})\s*$")


def parse_thai_date(text: str) -> dt.date:
    """Read "๔ เมษายน ๒๕๖๖", "4 เม.ย. 2566" or "4/4/2566" back to a date. Raises ValueError."""
    plain = to_arabic_digits(text).strip()
    slash = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", plain)
    if slash:
        day, month, year = (int(part) for part in slash.groups())
        return dt.date(ce_year(year), month, day)
    match = _LONG_DATE.match(plain)
    if not match:
        raise ValueError(f"Not a Thai date: {text!r}")
    day_text, month_text, year_text = match.groups()
    if month_text in THAI_MONTHS:
        month = THAI_MONTHS.index(month_text) + 1
    elif month_text in THAI_MONTHS_SHORT:
        month = THAI_MONTHS_SHORT.index(month_text) + 1
    else:
        raise ValueError(f"Unknown Thai month: {month_text!r}")
    return dt.date(ce_year(int(year_text)), month, int(day_text))


# --- Fiscal years ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A Thai government fiscal year: 1 October to 30 September, named by the BE year it ends in."""

    be: int

    @classmethod
    def for_date(cls, value: dt.date | dt.datetime) -> FiscalYear:
        day = _as_date(value)
        return cls(be_year(day.year + 1 if day.month >= 10 else day.year))

    @classmethod
    def current(cls) -> FiscalYear:
        from django.utils import timezone

        return cls.for_date(timezone.localdate())

    @property
    def start(self) -> dt.date:
        return dt.date(ce_year(self.be) - 1, 10, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(ce_year(self.be), 9, 30)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, dt.date):
            return False
        return self.start <= _as_date(value) <= self.end

    @property
    def previous(self) -> FiscalYear:
        return FiscalYear(self.be - 1)

    @property
    def next(self) -> FiscalYear:
        return FiscalYear(self.be + 1)

    def label(self, *, thai_digits: bool = True) -> str:
        """ "ปีงบประมาณ พ.ศ. ๒๕๖๖ (ตุลาคม ๖๕ - กันยายน ๖๖)"."""
        text = f"ปีงบประมาณ พ.ศ. {self.be} (ตุลาคม {(self.be - 1) % 100:02d} - กันยายน {self.be % 100:02d})"
        return digits(text, thai=thai_digits)

    def short_label(self, *, thai_digits: bool = True) -> str:
        """ "ปีงบประมาณ พ.ศ. ๒๕๖๖"."""
        return digits(f"ปีงบประมาณ พ.ศ. {self.be}", thai=thai_digits)

    def quarter(self, value: dt.date) -> int:
        """The fiscal quarter (1–4) of a date inside this year: Oct–Dec is quarter 1."""
        if value not in self:
            raise ValueError(f"{value} is outside {self.be}")
        return ((value.month - 10) % 12) // 3 + 1

    def __str__(self) -> str:
        return str(self.be)


# --- Baht text ------------------------------------------------------------------

_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def _read_below_million(number: int) -> str:
    words = []
    text = str(number)
    length = len(text)
    for index, char in enumerate(text):
        digit = int(char)
        place = length - index - 1
        if digit == 0:
            continue
        if place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        elif place == 0 and digit == 1 and length > 1:
            words.append("เอ็ด")
        else:
            words.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(words)


def read_number(number: int) -> str:
    """A non-negative whole number in Thai words: 21 -> "ยี่สิบเอ็ด", 1000000 -> "หนึ่งล้าน"."""
    if number < 0:
        return "ลบ" + read_number(-number)
    if number == 0:
        return _DIGIT_WORDS[0]
    millions, rest = divmod(number, 1_000_000)
    text = ""
    if millions:
        text = read_number(millions) + "ล้าน"
    if rest:
        # "ร้อยเอ็ดล้าน" but "หนึ่งล้านหนึ่ง"? Official usage reads 1,000,001 as "หนึ่งล้านเอ็ด".
        part = _read_below_million(rest)
        if millions and rest == 1:
            part = "เอ็ด"
        text += part
    return text


def bahttext(amount: Decimal | int | float | str) -> str:
    """An amount of money as written on Thai official documents and receipts.

    1234.50 -> "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"; 100 -> "หนึ่งร้อยบาทถ้วน".
    Satang are rounded half-up to two places.
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    value = abs(value)
    baht = int(value)
    satang = int((value - baht) * 100)
    parts = []
    if baht:
        parts.append(read_number(baht) + "บาท")
    if satang:
        parts.append(read_number(satang) + "สตางค์")
    elif baht:
        parts.append("ถ้วน")
    else:
        parts.append("ศูนย์บาทถ้วน")
    text = "".join(parts)
    return ("ลบ" + text) if negative else text


# --- National ID ------------------------------------------------------------------


def national_id_checksum(first12: str) -> int:
    """The 13th digit of a Thai national ID for its first twelve digits."""
    if len(first12) != 12 or not first12.isdigit():
        raise ValueError("Need exactly 12 digits")
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def normalize_national_id(value: str) -> str:
    """Strip spaces and dashes, convert Thai digits: "1-2345-67890-12-1" -> "1234567890121"."""
    return re.sub(r"[\s-]", "", to_arabic_digits(value))


def is_valid_national_id(value: str) -> bool:
    number = normalize_national_id(value)
    if not re.fullmatch(r"[1-9]\d{12}", number, re.ASCII):
        return False
    return national_id_checksum(number[:12]) == int(number[12])


def format_national_id(value: str) -> str:
    """ "1234567890121" -> "1-2345-67890-12-1"."""
    n = normalize_national_id(value)
    if len(n) != 13:
        raise ValueError("A national ID has 13 digits")
    return f"{n[0]}-{n[1:5]}-{n[5:10]}-{n[10:12]}-{n[12]}"


# --- Phone numbers ------------------------------------------------------------------


_PHONE_EXTENSION = re.compile(r"\s*(?:ต่อ|ext\.?|x)\s*", re.IGNORECASE)


def normalize_phone(value: str) -> str:
    """Digits only, in the national form: "+66 81 234 5678" -> "0812345678".

    An extension ("ต่อ 207") is left out. Raises ValueError if this is not a Thai
    landline (9 digits) or mobile (10 digits) number.
    """
    text = _PHONE_EXTENSION.split(to_arabic_digits(value), maxsplit=1)[0]
    number = re.sub(r"[\s().-]", "", text)
    if number.startswith("+66"):
        number = "0" + number[3:]
    elif number.startswith("66") and len(number) in (10, 11):
        number = "0" + number[2:]
    if re.fullmatch(r"0[689]\d{8}", number, re.ASCII) or re.fullmatch(r"0[23457]\d{7}", number, re.ASCII):
        return number
    raise ValueError(f"Not a Thai phone number: {value!r}")


def phone_extension(value: str) -> str:
    """The extension written after the number ("0-5373-1288 ต่อ 207" -> "207"), or ""."""
    parts = _PHONE_EXTENSION.split(to_arabic_digits(value), maxsplit=1)
    if len(parts) == 2 and re.fullmatch(r"\d{1,6}", parts[1].strip(), re.ASCII):
        return parts[1].strip()
    return ""


def is_valid_phone(value: str) -> bool:
    try:
        normalize_phone(value)
    except ValueError:
        return False
    return True


def format_phone(value: str, *, thai_digits: bool = False) -> str:
    """Mobile "081-234-5678"; landline "0-5373-1288" (with " ต่อ 207" if given), as Thai offices print them."""
    n = normalize_phone(value)
    text = f"{n[:3]}-{n[3:6]}-{n[6:]}" if len(n) == 10 else f"{n[0]}-{n[1:5]}-{n[5:]}"
    extension = phone_extension(value)
    if extension:
        text += f" ต่อ {extension}"
    return digits(text, thai=thai_digits)
