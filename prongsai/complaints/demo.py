"""The demo corruption channel: guideline, questionnaire v1, the officer's key and a few 2566 reports.

The officer `officer` unlocks with the demo password. Nothing secret is printed: the demo
reports' receipts and the officer's recovery key are thrown away.
"""

from __future__ import annotations

import datetime as dt

from prongsai.core.demo import DEMO_PASSWORD, DemoContext, register_demo_loader

# (received on, type, path of statuses, outcome, referred to, what happened, who)
DEMO_REPORTS: list[tuple[dt.date, str, list[str], str, str, str, str]] = [
    (
        dt.date(2022, 11, 14),
        "procurement",
        ["acknowledged", "under_review", "investigating", "concluded", "closed"],
        "unsubstantiated",
        "",
        "สงสัยว่าการจัดซื้อวัสดุก่อสร้างซ่อมถนนซอยวัดพรหมวิหารมีราคาสูงกว่าท้องตลาด",
        "เจ้าหน้าที่พัสดุ (ไม่ทราบชื่อ)",
    ),
    (
        dt.date(2023, 2, 3),
        "bribery",
        ["acknowledged", "under_review", "concluded", "referred"],
        "substantiated",
        "nacc",
        "มีผู้เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้างอาคาร",
        "บุคคลที่อ้างว่าเป็นเจ้าหน้าที่กองช่าง",
    ),
    (
        dt.date(2023, 5, 22),
        "funds",
        ["acknowledged", "under_review"],
        "",
        "",
        "มีการนำรถยนต์ส่วนกลางไปใช้ในธุระส่วนตัวในวันหยุดราชการ",
        "พนักงานขับรถยนต์ส่วนกลาง",
    ),
    (
        dt.date(2023, 8, 9),
        "misconduct",
        [],
        "",
        "",
        "เจ้าหน้าที่ไม่มาปฏิบัติงานแต่มีการลงชื่อแทน",
        "เจ้าหน้าที่งานรักษาความสะอาด",
    ),
]


@register_demo_loader(30, "complaints")
def load_complaints_demo(context: DemoContext) -> None:
    from . import services

    organization = context.organization
    services.channel_settings_ensure(organization=organization)
    services.questionnaire_ensure(organization=organization)
    officer = context.accounts["complaint_officer"].user
    services.officer_key_create(user=officer, organization=organization, passphrase=DEMO_PASSWORD)
    for number, (received, category, path, outcome, referred_to, what, who) in enumerate(DEMO_REPORTS, start=1):
        submission = services.report_submit(
            organization=organization,
            form_nonce=f"demo-{number}",
            category=category,
            answers={"what": what, "who": who, "when": "", "where": "เขตเทศบาลตำบลแม่สาย"},
            identity=None,
            files=[],
            today=received,
        )
        day = received
        for status in path:
            day += dt.timedelta(days=7)
            services.report_status_change(
                report=submission.report,
                actor=officer,
                status=status,
                outcome=outcome if status == "concluded" else "",
                referred_to=referred_to if status == "referred" else "",
                today=day,
            )
    context.log.append(
        f"ช่องทางร้องเรียนการทุจริต: {len(DEMO_REPORTS)} เรื่องตัวอย่าง; เจ้าหน้าที่ {officer.get_username()} ใช้รหัสผ่านสาธิตปลดล็อกกุญแจ"
    )
