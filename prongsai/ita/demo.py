"""Mae Sai's ITA data: the 2565 result and its analysis, and the 2566 measures and results exactly as
the memo of 4 April 2566 reports them, with the scan errors of the source normalised:

- "จัดซื้อแม่ข่ายปฏิบัติงาน" (twice) reads "จัดทำแนวทางปฏิบัติงาน": "จัด" survived, and ทำ→ซื้อ, แนวทาง→แม่ข่าย
  are shape confusions; a monthly meeting agenda item "จัดทำแนวทางปฏิบัติงาน…มาตรฐานการให้บริการ" makes sense.
- "กรปฏิบัติงาน" → "การปฏิบัติงาน"; "ปลุกพลังการปฏิบัติงาน" → "ปลูกฝังการปฏิบัติงาน"; a stray "ที่" before
  "รวมถึง" dropped; "ให้อัปบนหน้าเว็บไซต์" → "ให้อยู่บนหน้าเว็บไซต์"; "นายชัยนต์" → "นายชัยยนต์";
  "งานนิติกร" → "งานนิติการ"; "นิตรกร" → "นิติกร"; "มาตรฐานหรือแนวทาง" → "มาตรการหรือแนวทาง";
  "จัดทำรายงานรายงานวิเคราะห์" → "จัดทำรายงานวิเคราะห์"; "ข้อ ๐๔๒" → "ข้อ O42".
- The row the source numbers "๓. การเปิดเผยข้อมูล" is indicator 9 (การเปิดเผยข้อมูล); it prints as "๙.".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from prongsai.core.demo import DemoContext, register_demo_loader

FY = "ปีงบประมาณ พ.ศ. 2566 (ตุลาคม 65 - กันยายน 66)"
MORE_CHANNELS = (
    "เพิ่มช่องทางอำนวยความสะดวกในการบริการให้กับประชาชนและผู้รับบริการมากขึ้น "
    "ส่งผลให้ประชาชนผู้รับบริการมีความพึงพอใจต่อคุณภาพการให้บริการของหน่วยงานมากขึ้น"
)
OIT_2566 = (
    "ตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ประกอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
    "ประจำปีงบประมาณ พ.ศ. 2566"
)
ASSIGN_DEPARTMENTS = (
    "โดยมอบหมายหน้าที่ความรับผิดชอบให้แก่ส่วนราชการในสังกัดเทศบาลตำบลแม่สาย ดำเนินการจัดทำข้อมูลตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
    "ให้เป็นไปตามหลักเกณฑ์และตัวชี้วัดตามกรอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
    "ประจำปีงบประมาณ พ.ศ. 2566"
)

# indicator, title, steps, schedule, recurrence, owners (department names), owners as printed,
# result (date, text), recommendation, status
MEASURES_2566: list[dict[str, Any]] = [
    {
        "indicator": 6,
        "title": "จัดทำแนวทางปฏิบัติงานเกี่ยวกับการปฏิบัติงานของเจ้าหน้าที่ในหน่วยงาน",
        "steps": (
            "จัดประชุมส่วนราชการประจำเดือน โดยนำระเบียบวาระการประชุม เรื่อง จัดทำแนวทางปฏิบัติงานเกี่ยวกับมาตรฐาน"
            "การให้บริการประชาชน เพื่อส่งเสริมให้ทุกส่วนราชการรักษาคุณภาพการดำเนินงานให้เป็นไปตามมาตรฐานการปฏิบัติงาน"
            "และการให้บริการ"
        ),
        "schedule_text": "ประจำทุกเดือน ตลอด" + FY,
        "recurrence": "monthly",
        "owners": ["งานธุรการ"],
        "owners_text": "",
        "result": (
            dt.date(2023, 3, 28),
            "เทศบาลตำบลแม่สาย โดยนายชัยยนต์ ศรีสมุทร นายกเทศมนตรี พร้อมด้วยคณะผู้บริหาร หัวหน้าส่วนราชการ "
            "พนักงานและเจ้าหน้าที่ที่เกี่ยวข้อง ดำเนินการจัดประชุมส่วนราชการเป็นประจำทุกเดือน เพื่อมอบนโยบายการปฏิบัติงาน "
            "ปลูกฝังการปฏิบัติงานที่ถูกต้อง และให้ความรู้ด้านกฎหมายที่เกี่ยวข้องกับการปฏิบัติงาน รวมถึงการติดตาม"
            "การปฏิบัติงานของทุกส่วนราชการ ทั้งนี้ งานธุรการ สำนักปลัดเทศบาล จัดทำสรุปผลการประชุมประจำเดือน "
            "และแจ้งเวียนให้ทุกส่วนราชการในสังกัดทราบและถือปฏิบัติ",
        ),
        "recommendations": (
            "บุคลากรของหน่วยงานต้องให้ความสำคัญกับเรื่องการปฏิบัติงานและการให้บริการประชาชน โดยปฏิบัติงานหรือให้บริการ"
            "ประชาชนให้เป็นไปตามมาตรฐานการปฏิบัติงานและการให้บริการ"
        ),
        "status": "in_progress",
    },
    {
        "indicator": 7,
        "title": ("มาตรการจัดให้มีระบบและช่องทางบริการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตของเทศบาลตำบลแม่สายทางออนไลน์"),
        "steps": (
            "พัฒนาระบบและช่องทางบริการร้องเรียนเกี่ยวกับการทุจริตผ่านทางช่องทางออนไลน์ ให้อยู่บนหน้าเว็บไซต์หลักของหน่วยงาน "
            "(แยกต่างหากจากช่องทางทั่วไป) และดำเนินการเผยแพร่ประชาสัมพันธ์ช่องทางบริการร้องเรียนการทุจริตให้บุคลากร"
            "และประชาชนทราบโดยทั่วกัน"
        ),
        "schedule_text": FY,
        "recurrence": "none",
        "owners": ["งานนิติการ"],
        "owners_text": "",
        "result": (
            dt.date(2023, 1, 16),
            "เทศบาลตำบลแม่สายได้ดำเนินการพัฒนาระบบและเพิ่มช่องทางบริการร้องเรียนเกี่ยวกับการทุจริตผ่านทางช่องทางออนไลน์ "
            'โดยเพิ่มจุดบริการ One Stop Service หัวข้อ "ร้องเรียนการทุจริตและประพฤติมิชอบ" และเผยแพร่บนหน้าเว็บไซต์หลัก'
            "ของเทศบาลตำบลแม่สาย โดยประชาชนสามารถขอรับบริการทางออนไลน์ได้ ทำให้มีระบบและช่องทางบริการรับเรื่องร้องเรียน"
            "เกี่ยวกับการทุจริตที่สะดวกรวดเร็วและปลอดภัยสำหรับผู้ร้องเรียน",
        ),
        "recommendations": MORE_CHANNELS,
        "status": "done",
    },
    {
        "indicator": 7,
        "title": "มาตรการเปิดเผยข้อมูลสาธารณะ และกำกับติดตามการเผยแพร่ข้อมูลสาธารณะของเทศบาลตำบลแม่สาย",
        "steps": (
            "จัดตั้งคณะทำงานจัดทำมาตรการเปิดเผยข้อมูลสาธารณะ และกำกับติดตามการเผยแพร่ข้อมูลสาธารณะของหน่วยงาน "
            "และดำเนินการประชุมคณะทำงาน เพื่อกำหนดแนวทาง/มาตรการ ในการเผยแพร่ข้อมูลของเทศบาลตำบลแม่สายต่อสาธารณชน "
            "โดยพิจารณาให้มีการเผยแพร่ข้อมูลที่เป็นประโยชน์กับสาธารณชนให้เป็นปัจจุบันทางเว็บไซต์หลักของหน่วยงาน"
            "และสื่อออนไลน์รูปแบบอื่น ๆ และช่องทางที่หลากหลาย และรายงานผลการดำเนินการให้ผู้บริหารทราบ"
        ),
        "schedule_text": FY,
        "recurrence": "none",
        "owners": ["ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์", "งานนิติการ"],
        "owners_text": "ฝ่ายเผยแพร่วิชาการฯ กองยุทธศาสตร์ฯ ร่วมกับงานนิติการ สำนักปลัดเทศบาล",
        "result": (
            dt.date(2023, 2, 20),
            "เทศบาลตำบลแม่สายดำเนินการเปิดเผยและเผยแพร่ประชาสัมพันธ์ข้อมูลข่าวสารที่เป็นประโยชน์ต่อสาธารณชน "
            "โดยจัดทำข้อมูลบนเว็บไซต์ของหน่วยงานให้เป็นปัจจุบัน รวมทั้งประชาสัมพันธ์ข้อมูลให้ประชาชนทราบในสื่อออนไลน์"
            "รูปแบบอื่น ๆ",
        ),
        "recommendations": "ควรเผยแพร่ข้อมูลข่าวสารที่เป็นปัจจุบันอย่างสม่ำเสมอ และหลากหลายช่องทาง",
        "status": "in_progress",
    },
    {
        "indicator": 8,
        "title": "จัดทำคู่มือสำหรับประชาชนผ่านสื่ออิเล็กทรอนิกส์",
        "steps": (
            "จัดทำคู่มือสำหรับประชาชนผ่านสื่ออิเล็กทรอนิกส์ โดยกำหนดกรอบเนื้อหาสาระ ประกอบด้วย หลักเกณฑ์ วิธีการ "
            "และเงื่อนไขในการยื่นคำขอ ขั้นตอน และระยะเวลาในการพิจารณา รายการเอกสารหรือหลักฐานที่ต้องใช้ เป็นต้น "
            "และดำเนินการปิดประกาศคู่มือสำหรับประชาชน ณ จุดบริการของหน่วยงาน และเผยแพร่ประชาสัมพันธ์ผ่านสื่ออิเล็กทรอนิกส์"
        ),
        "schedule_text": FY,
        "recurrence": "none",
        "owners": ["ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์"],
        "owners_text": "ฝ่ายเผยแพร่วิชาการฯ กองยุทธศาสตร์ฯ",
        "result": (
            dt.date(2023, 2, 1),
            "เทศบาลตำบลแม่สายได้จัดทำคู่มือการใช้งานหรือขอรับบริการทางออนไลน์ จุดบริการ One Stop Service "
            "และเผยแพร่บนหน้าเว็บไซต์หลักของเทศบาลตำบลแม่สาย",
        ),
        "recommendations": MORE_CHANNELS,
        "status": "done",
    },
    {
        "indicator": 8,
        "title": "พัฒนาระบบการให้บริการประชาชนผ่านระบบอิเล็กทรอนิกส์ (E-Service)",
        "steps": (
            "กำหนดภารกิจในการให้บริการประชาชนผ่านระบบอิเล็กทรอนิกส์ (E-Service) และจัดทำระบบการให้บริการประชาชน"
            "ผ่านระบบอิเล็กทรอนิกส์ (E-Service) โดยประชาชนผู้รับบริการสามารถขอรับบริการความจำเป็นหรือภารกิจของหน่วยงาน"
            "ผ่านทางเว็บไซต์หรือเครือข่ายอินเทอร์เน็ต โดยเป็นช่องทางที่ช่วยอำนวยความสะดวกให้แก่ผู้มาขอรับบริการ "
            "โดยผู้ขอรับบริการไม่จำเป็นต้องเดินทางมาติดต่อด้วยตนเองอีก เช่น ระบบยื่นคำร้องออนไลน์ผ่านทาง Google Form "
            "เพื่อขอรับบริการต่างๆ ระบบยื่นชำระภาษีออนไลน์ และดำเนินการเผยแพร่ประชาสัมพันธ์ระบบการให้บริการประชาชน"
            "ผ่านระบบอิเล็กทรอนิกส์ (E-Service) ผ่านสื่ออิเล็กทรอนิกส์ เช่น เว็บไซต์ของหน่วยงาน สื่อออนไลน์ ฯลฯ"
        ),
        "schedule_text": FY,
        "recurrence": "none",
        "owners": ["*top"],
        "owners_text": "ทุกส่วนราชการ ในสังกัดเทศบาลตำบลแม่สาย",
        "result": (
            dt.date(2023, 3, 1),
            "เทศบาลตำบลแม่สายได้ดำเนินการพัฒนาระบบและเพิ่มช่องทางบริการขอรับบริการทางออนไลน์ให้กับประชาชน "
            "โดยเพิ่มจุดบริการ One Stop Service และเผยแพร่บนหน้าเว็บไซต์หลักของเทศบาลตำบลแม่สาย "
            "โดยประชาชนสามารถขอรับบริการทางออนไลน์ได้โดยสะดวกยิ่งขึ้น",
        ),
        "recommendations": MORE_CHANNELS,
        "status": "in_progress",
    },
    {
        "indicator": 9,
        "title": "มอบหมายหน้าที่ความรับผิดชอบดำเนินการจัดทำข้อมูล" + OIT_2566,
        "steps": "จัดทำคำสั่งมอบหมายหน้าที่ความรับผิดชอบดำเนินการจัดทำข้อมูล" + OIT_2566 + " " + ASSIGN_DEPARTMENTS,
        "schedule_text": FY,
        "recurrence": "none",
        "owners": ["งานนิติการ"],
        "owners_text": "",
        "result": (
            dt.date(2022, 12, 15),
            "เทศบาลตำบลแม่สายได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            "ประจำปีงบประมาณ พ.ศ. 2565 และกำหนดมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส"
            "ภายในหน่วยงาน เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน (ITA) ประจำปี พ.ศ. 2566 "
            "รวมถึงจัดทำคำสั่งมอบหมายหน้าที่ความรับผิดชอบดำเนินการจัดทำข้อมูลตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
            "เพื่อประกอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. 2566 "
            + ASSIGN_DEPARTMENTS,
        ),
        "recommendations": (
            "หน่วยงานต้องจัดทำข้อมูลตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ให้เป็นไปตามหลักเกณฑ์ ตัวชี้วัด "
            "สำหรับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) โดยจะต้องมีข้อมูลที่ถูกต้อง"
            "และเป็นปัจจุบัน"
        ),
        "status": "done",
    },
]

# A plausible 2565 result: the indicators the 2566 measures answer (6–9) are the ones below 85.
RESULT_2565: dict[str, Any] = {
    "total": Decimal("87.25"),
    "iit_score": Decimal("94.21"),
    "eit_score": Decimal("84.10"),
    "oit_score": Decimal("84.40"),
    "indicator_scores": {
        1: Decimal("96.12"),
        2: Decimal("93.40"),
        3: Decimal("95.58"),
        4: Decimal("94.75"),
        5: Decimal("91.20"),
        6: Decimal("83.25"),
        7: Decimal("84.10"),
        8: Decimal("84.95"),
        9: Decimal("81.30"),
        10: Decimal("87.50"),
    },
    "analysis": (
        "จากผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. 2565 "
        "เทศบาลตำบลแม่สายได้คะแนน 87.25 คะแนน อยู่ในระดับ A ผ่านเกณฑ์ 85 คะแนน แต่ยังมีตัวชี้วัดที่ได้คะแนนต่ำกว่า 85 "
        "คะแนนซึ่งต้องแก้ไขโดยเร่งด่วน ได้แก่ ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร "
        "ตัวชี้วัดที่ 8 การปรับปรุงระบบการทำงาน และตัวชี้วัดที่ 9 การเปิดเผยข้อมูล\n"
        "แนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ: กำหนดมาตรการสำหรับตัวชี้วัดที่ 6–9 ประจำปีงบประมาณ พ.ศ. 2566 "
        "มอบหมายส่วนราชการที่รับผิดชอบ และให้งานนิติการ สำนักปลัดเทศบาล กำกับติดตามและรายงานผลต่อผู้บริหาร"
    ),
}


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


@register_demo_loader(20, "ita")
def load_ita_demo(context: DemoContext) -> None:
    from .models import Indicator, Measure, ReportRound
    from .services import (
        assessment_result_save,
        measure_create,
        measure_result_add,
        measure_update,
        report_round_create,
        report_round_opine,
        report_round_order,
        report_round_submit,
        report_template_save,
    )

    organization = context.organization
    departments = context.departments
    coordinator = context.accounts["ita_coordinator"]
    chief = context.accounts["chief_administrator"].user
    mayor = context.accounts["executive"].user

    assessment_result_save(organization=organization, fiscal_year=2565, **RESULT_2565)

    indicators = {i.number: i for i in Indicator.objects.filter(framework__fiscal_year=2566)}
    top_level = [d for d in departments.values() if d.parent_id is None]
    for entry in MEASURES_2566:
        owners = top_level if entry["owners"] == ["*top"] else [departments[name] for name in entry["owners"]]
        measure = measure_create(
            organization=organization,
            fiscal_year=2566,
            indicator=indicators[entry["indicator"]],
            title=entry["title"],
            steps=entry["steps"],
            schedule_text=entry["schedule_text"],
            start_date=dt.date(2022, 10, 1),
            end_date=dt.date(2023, 9, 30),
            recurrence=entry["recurrence"],
            owners=owners,
            owners_text=entry["owners_text"],
            recommendations=entry["recommendations"],
        )
        date, text = entry["result"]
        measure_result_add(measure=measure, date=date, text=text)
        measure_update(measure=measure, status=entry["status"])

    for kind in ("plan", "results"):
        report_template_save(
            organization=organization, kind=kind, phone="0-5373-1288 ต่อ 207", number_text="{number_prefix}.6/"
        )

    # The plan (approved in November 2565) and the seed's results report (4 April 2566), both signed.
    for kind, memo_date, chief_choice, order_choice in (
        ("plan", dt.date(2022, 11, 15), "เห็นควรตามเสนอ", "อนุมัติ / ดำเนินการตามเสนอ"),
        ("results", dt.date(2023, 4, 4), "เห็นควรตามเสนอ", "ทราบ / ถือปฏิบัติ"),
    ):
        report_round = report_round_create(
            organization=organization, fiscal_year=2566, kind=kind, memo_date=memo_date, signer=coordinator
        )
        report_round = report_round_submit(report_round=report_round)
        report_round = report_round_opine(actor=chief, report_round=report_round, choice=chief_choice)
        report_round = report_round_order(actor=mayor, report_round=report_round, choice=order_choice)
        # Paper approvals recorded afterwards carry the day they were signed.
        ReportRound.objects.filter(pk=report_round.pk).update(
            submitted_at=_aware(memo_date, 9),
            chief_at=_aware(memo_date, 11),
            executive_at=_aware(memo_date, 15),
            published_at=_aware(memo_date, 16),
        )
    context.log.append(
        f"ITA: result 2565, {Measure.objects.filter(organization=organization, fiscal_year=2566).count()} measures "
        "for 2566, approved plan and results report"
    )
