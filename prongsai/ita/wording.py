"""The memo wording of the two reports, with placeholders, and the safe way to fill them.

The results report's wording is the Mae Sai memo of 4 April 2566 (the seed), with the year,
names and framework items turned into placeholders. Organizations edit their own copy
(ReportTemplate); these defaults are used until they do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Official-document vocabulary: printed in Thai whatever the interface language.
CHIEF_OPTIONS: tuple[str, ...] = ("เห็นควรตามเสนอ", "เห็นควรถือปฏิบัติ", "เพื่อโปรดทราบ / พิจารณา")
EXECUTIVE_OPTIONS: tuple[str, ...] = ("อนุมัติ / ดำเนินการตามเสนอ", "ทราบ / ถือปฏิบัติ")

HEADING_BACKGROUND = "เรื่องเดิม"
HEADING_FACTS = "ข้อเท็จจริง"
HEADING_PROPOSAL = "ข้อเรียนเสนอ"

RESULTS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("ตัวชี้วัด", 1.1),
    ("มาตรการ/แนวทาง", 1.7),
    ("ขั้นตอน/วิธีการ", 2.5),
    ("ระยะเวลาการดำเนินการ", 1.2),
    ("ผู้รับผิดชอบ", 1.2),
    ("ผลการดำเนินการ", 2.5),
    ("ข้อเสนอแนะ", 1.6),
)
PLAN_COLUMNS = RESULTS_COLUMNS[:5]

PLACEHOLDERS: dict[str, str] = {
    "year": "ปีงบประมาณของรายงาน เช่น 2566",
    "previous_year": "ปีก่อนหน้า เช่น 2565",
    "organization": "ชื่อหน่วยงาน เช่น เทศบาลตำบลแม่สาย",
    "department": "ส่วนราชการที่จัดทำ เช่น งานนิติการ",
    "department_parent": "ส่วนราชการต้นสังกัด เช่น สำนักปลัดเทศบาล",
    "department_full": "เช่น งานนิติการ สำนักปลัดเทศบาล",
    "executive_position": "ตำแหน่งผู้บริหาร เช่น นายกเทศมนตรีตำบลแม่สาย",
    "chief_position": "ตำแหน่งปลัด เช่น ปลัดเทศบาล",
    "number_prefix": "เลขที่หนังสือของหน่วยงาน เช่น ชร 52301",
    "plan_indicator": "ตัวชี้วัดของข้อมาตรการ เช่น 10 การป้องกันการทุจริต",
    "plan_sub_indicator": "ตัวชี้วัดย่อยของข้อมาตรการ เช่น 10.2 มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "plan_item_code": "ข้อ OIT ของมาตรการ เช่น O42",
    "plan_item_title": "ชื่อข้อ OIT ของมาตรการ",
    "results_item_code": "ข้อ OIT ของผลการดำเนินการ เช่น O43",
    "results_item_title": "ชื่อข้อ OIT ของผลการดำเนินการ",
    "previous_total": "คะแนนรวม ITA ของปีก่อน",
    "previous_level": "ระดับผล ITA ของปีก่อน",
}

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
MISSING = "…………"


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace {name} with its value. A name that is not a known placeholder is printed as it is;
    a known one without a value prints as a dotted gap. Never raises."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values and name not in PLACEHOLDERS:
            return match.group(0)
        value = values.get(name)
        return MISSING if value in (None, "") else str(value)

    return _PLACEHOLDER.sub(replace, str(text or ""))


def paragraphs(text: str, values: Mapping[str, object]) -> list[str]:
    """Each non-blank line of a template field is one paragraph."""
    return [line.strip() for line in fill(text, values).splitlines() if line.strip()]


_BACKGROUND = (
    "สำนักงาน ป.ป.ช. ได้ดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. {year} โดยมีกลุ่มเป้าหมายเป็นหน่วยงานภาครัฐทั่วประเทศ "
    "เพื่อให้หน่วยงานที่เข้าร่วมการประเมินฯ ได้รับทราบคุณลักษณะและสถานการณ์ดำเนินงานในด้านคุณธรรมและความโปร่งใส "
    "เพื่อใช้เป็นข้อมูลประกอบการปรับปรุงแก้ไขและพัฒนาหน่วยงานภาครัฐทุกแห่ง ให้มีคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ภายใต้มาตรฐานเดียวกันทั่วประเทศ และเพื่อขับเคลื่อนให้หน่วยงานภาครัฐมีผลการดำเนินงานบรรลุซึ่งเป้าหมายที่กำหนดไว้"
    "ในแผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็นการต่อต้านการทุจริตและประพฤติมิชอบ (พ.ศ. 2561 - 2580)"
)
_FACTS_FRAMEWORK = (
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year} "
    "ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) ตัวชี้วัดที่ {plan_indicator} ตัวชี้วัดย่อยที่ {plan_sub_indicator} "
    "ข้อ {plan_item_code} เรื่อง {plan_item_title} กำหนดให้หน่วยงานต้องแสดงผลการวิเคราะห์การประเมินคุณธรรมและความโปร่งใส"
    "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {previous_year} และข้อ {results_item_code} "
    "เรื่อง {results_item_title} กำหนดให้หน่วยงานต้องแสดงความก้าวหน้าหรือผลการดำเนินการตามมาตรการ"
    "เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
)

DEFAULT_WORDING: dict[str, dict[str, str]] = {
    "results": {
        "number_text": "{number_prefix}/",
        "subject": (
            "รายงานผลการดำเนินการตามมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            "เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            "ประจำปีงบประมาณ พ.ศ. {year}"
        ),
        "salutation": "{executive_position}",
        "background": _BACKGROUND,
        "facts": _FACTS_FRAMEWORK
        + "\n"
        + (
            "{organization} โดย{department_full} ได้ดำเนินการจัดทำรายงานวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
            "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {previous_year} และได้จัดทำแนวทางมาตรการต่าง ๆ "
            "เพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            "ประจำปีงบประมาณ พ.ศ. {year} ของ{organization}ให้เป็นไปตามเกณฑ์ที่กำหนด"
        ),
        "proposal": (
            "{department_full} ได้จัดทำรายงานผลการดำเนินการตามมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรม"
            "และความโปร่งใสภายในหน่วยงาน เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            "ประจำปีงบประมาณ พ.ศ. {year} แล้วเสร็จ"
            "\n"
            "เพื่อให้การดำเนินการด้านการส่งเสริมคุณธรรมและความโปร่งใสของ{organization}เป็นไปด้วยความเรียบร้อย "
            "จึงขอรายงานผลการดำเนินการตามแผนดังกล่าวให้ผู้บริหารทราบ และเพื่อเป็นการส่งเสริมและสนับสนุนให้บุคลากร"
            "ปฏิบัติราชการด้วยความโปร่งใสเป็นธรรมตามหลักธรรมาภิบาล จึงเห็นควรประชาสัมพันธ์รายงานผลการดำเนินงานดังกล่าว"
            "ให้บุคลากรในสังกัดและประชาชนทราบต่อไป รายละเอียดปรากฏตามเอกสารแนบท้ายบันทึกนี้"
        ),
        "closing": "จึงเรียนมาเพื่อโปรดทราบและโปรดพิจารณา",
        "table_title": (
            "รายงานผลการดำเนินการตามมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
            "เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน (ITA) ประจำปี พ.ศ. {year}"
        ),
    },
    "plan": {
        "number_text": "{number_prefix}/",
        "subject": (
            "ขออนุมัติมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            "เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            "ประจำปีงบประมาณ พ.ศ. {year}"
        ),
        "salutation": "{executive_position}",
        "background": _BACKGROUND,
        "facts": _FACTS_FRAMEWORK
        + "\n"
        + (
            "{organization} โดย{department_full} ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
            "ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {previous_year} ซึ่งได้คะแนนรวม {previous_total} คะแนน "
            "ระดับ {previous_level} เพื่อหาประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วนและประเด็นที่ต้องพัฒนา"
            "ให้ดีขึ้น และได้กำหนดมาตรการหรือแนวทางเพื่อยกระดับผลการประเมินประจำปีงบประมาณ พ.ศ. {year}"
        ),
        "proposal": (
            "เพื่อให้การดำเนินการด้านการส่งเสริมคุณธรรมและความโปร่งใสของ{organization}เป็นไปด้วยความเรียบร้อย "
            "จึงเห็นควรอนุมัติมาตรการหรือแนวทางดังกล่าว และแจ้งให้ส่วนราชการที่รับผิดชอบถือปฏิบัติ "
            "พร้อมทั้งเผยแพร่ให้บุคลากรในสังกัดและประชาชนทราบต่อไป รายละเอียดปรากฏตามเอกสารแนบท้ายบันทึกนี้"
        ),
        "closing": "จึงเรียนมาเพื่อโปรดพิจารณา",
        "table_title": (
            "มาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
            "เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน (ITA) ประจำปี พ.ศ. {year}"
        ),
    },
}
