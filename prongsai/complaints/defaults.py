"""Default content of a new channel: the Thai questionnaire and handling guideline (data, edited by staff).

The questions follow the required content of a corruption complaint in Thai practice (who is
accused, the conduct, when and where, evidence and witnesses, whether it was filed elsewhere).
"""

from __future__ import annotations

from typing import Any

DEFAULT_QUESTIONNAIRE: dict[str, Any] = {
    "fields": [
        {
            "name": "what",
            "type": "textarea",
            "label": "เกิดอะไรขึ้น (พฤติการณ์การทุจริตหรือประพฤติมิชอบ)",
            "label_en": "What happened (the corrupt or improper conduct)",
            "help": "เล่าตามลำดับเหตุการณ์ให้ละเอียดที่สุดเท่าที่ทำได้",
            "help_en": "Tell what happened in order, in as much detail as you can.",
            "required": True,
            "max_length": 5000,
        },
        {
            "name": "who",
            "type": "textarea",
            "label": "ผู้ถูกร้องเรียน (ชื่อ ตำแหน่ง ส่วนราชการ)",
            "label_en": "Who is involved (names, positions, departments)",
            "help": "หากไม่ทราบชื่อ ให้ระบุตำแหน่งหรือลักษณะของบุคคล",
            "help_en": "If you do not know a name, give the position or describe the person.",
            "required": True,
            "max_length": 2000,
        },
        {
            "name": "when",
            "type": "text",
            "label": "เกิดขึ้นเมื่อใด (วัน เวลา โดยประมาณ)",
            "label_en": "When (date and time, roughly)",
            "required": False,
            "max_length": 300,
        },
        {
            "name": "where",
            "type": "text",
            "label": "เกิดขึ้นที่ใด",
            "label_en": "Where",
            "required": False,
            "max_length": 300,
        },
        {
            "name": "how_known",
            "type": "textarea",
            "label": "ท่านทราบเรื่องนี้ได้อย่างไร",
            "label_en": "How do you know about it",
            "help": "เช่น พบเห็นด้วยตนเอง ได้รับแจ้งจากผู้อื่น พบจากเอกสาร",
            "help_en": "For example: you saw it, someone told you, you found it in documents.",
            "required": False,
            "max_length": 2000,
        },
        {
            "name": "damage",
            "type": "text",
            "label": "ความเสียหายหรือจำนวนเงินที่เกี่ยวข้อง (ถ้าทราบ)",
            "label_en": "Damage or amount of money involved (if known)",
            "required": False,
            "max_length": 300,
        },
        {
            "name": "witnesses",
            "type": "textarea",
            "label": "พยานหรือหลักฐานอื่นที่ไม่ได้แนบมา",
            "label_en": "Witnesses or other evidence not attached",
            "required": False,
            "max_length": 2000,
        },
        {
            "name": "elsewhere",
            "type": "textarea",
            "label": "เคยร้องเรียนเรื่องนี้ต่อหน่วยงานอื่นหรือไม่ และผลเป็นอย่างไร",
            "label_en": "Have you reported this to another agency, and with what result",
            "required": False,
            "max_length": 1000,
        },
    ]
}

DEFAULT_GUIDELINE_TITLE = "แนวทางการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"


def default_guideline_html(*, organization_name: str, acknowledgement_days: int) -> str:
    return f"""
<h2>ช่องทางนี้มีไว้เพื่ออะไร</h2>
<p>{organization_name} เปิดช่องทางออนไลน์นี้เพื่อรับแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่
แยกจากช่องทางร้องเรียนทั่วไป เนื้อหาที่ท่านแจ้งจะถูกเข้ารหัสทันที มีเพียงเจ้าหน้าที่รับเรื่องที่ได้รับมอบหมายเท่านั้นที่เปิดอ่านได้
ระบบไม่บันทึกหมายเลขไอพีหรือข้อมูลเครื่องของท่าน</p>
<h2>วิธีแจ้งเรื่อง</h2>
<ol>
<li>กดปุ่ม "แจ้งเรื่องร้องเรียน" แล้วกรอกรายละเอียด ผู้ถูกร้องเรียน วัน เวลา สถานที่ และพฤติการณ์</li>
<li>แนบหลักฐาน (ภาพถ่าย PDF หรือเอกสาร Word) ถ้ามี ระบบจะลบข้อมูลแฝงในภาพ เช่น พิกัด GPS ให้อัตโนมัติ</li>
<li>จะระบุชื่อและช่องทางติดต่อหรือไม่ก็ได้ หากไม่ระบุตัวตนและไม่มีหลักฐานที่ชัดเจน
เรื่องอาจถูกพิจารณาเป็นบัตรสนเท่ห์และอาจไม่ได้รับการดำเนินการ</li>
<li>เมื่อส่งแล้ว ท่านจะได้รับรหัสติดตามเรื่อง ๑๖ หลัก ซึ่งแสดงเพียงครั้งเดียว โปรดจดเก็บไว้ในที่ปลอดภัย</li>
</ol>
<h2>ขั้นตอนการดำเนินการ</h2>
<ol>
<li>รับเรื่องและตอบรับภายใน {acknowledgement_days} วัน</li>
<li>ตรวจสอบข้อเท็จจริงเบื้องต้น และแจ้งความคืบหน้าผ่านรหัสติดตามเรื่อง</li>
<li>สืบสวนข้อเท็จจริงหรือส่งต่อหน่วยงานที่มีอำนาจ เช่น สำนักงาน ป.ป.ช. สำนักงาน ป.ป.ท. หรือจังหวัด</li>
<li>แจ้งผลการพิจารณาให้ผู้ร้องเรียนทราบผ่านรหัสติดตามเรื่อง</li>
</ol>
<h2>ผู้รับผิดชอบ</h2>
<p>งานนิติการ สำนักปลัดเทศบาล เป็นผู้รับเรื่องและดำเนินการ หากเรื่องเกี่ยวข้องกับเจ้าหน้าที่ผู้รับเรื่อง
ท่านเลือกไม่ส่งให้ผู้นั้นได้ก่อนกดส่ง</p>
<h2>ระยะเวลาดำเนินการ</h2>
<p>ตอบรับเรื่องภายใน {acknowledgement_days} วันนับแต่วันที่ได้รับ และรายงานความคืบหน้าจนกว่าจะได้ข้อยุติ</p>
""".strip()
