"""Mae Sai's OIT year ๒๕๖๖: every item O1–O43 assigned to the department that prepares it in a
municipality of this size, evidence for most items (pages and documents of the demo site, a few other
sites, and what Prongsai publishes itself), most approved, two returned with a comment, a few still
with the departments, and one overdue.

Most answers need content the demo site does not have, so this loader adds a small "ข้อมูลสาธารณะ"
section of pages and a few PDF documents under the home page.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from prongsai.core.demo import DemoContext, register_demo_loader

YEAR = 2566
PR = "ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์"
PLAN = "งานวิเคราะห์นโยบายและแผน"
LEGAL = "งานนิติการ"
ADMIN = "งานธุรการ"
HR = "งานการเจ้าหน้าที่"
FINANCE = "กองคลัง"
WORKS = "กองช่าง"

# item code -> responsible departments
ASSIGNMENTS: dict[str, tuple[str, ...]] = {
    "O1": (HR,),
    "O2": (ADMIN,),
    "O3": (LEGAL,),
    "O4": (PLAN,),
    "O5": (PR,),
    "O6": (LEGAL,),
    "O7": (PR,),
    "O8": (PR,),
    "O9": (PR,),
    "O10": (LEGAL,),
    "O11": (PLAN, FINANCE),
    "O12": (PLAN,),
    "O13": (PLAN,),
    "O14": (HR,),
    "O15": (ADMIN,),
    "O16": (ADMIN,),
    "O17": (PLAN,),
    "O18": (PR,),
    "O19": (FINANCE,),
    "O20": (FINANCE, WORKS),
    "O21": (FINANCE,),
    "O22": (FINANCE,),
    "O23": (HR,),
    "O24": (HR,),
    "O25": (HR,),
    "O26": (HR,),
    "O27": (LEGAL,),
    "O28": (LEGAL,),
    "O29": (LEGAL,),
    "O30": (PLAN,),
    "O31": (LEGAL,),
    "O32": (LEGAL, HR),
    "O33": (LEGAL,),
    "O34": (LEGAL,),
    "O35": (LEGAL,),
    "O36": (LEGAL, PLAN),
    "O37": (LEGAL,),
    "O38": (LEGAL,),
    "O39": (HR,),
    "O40": (HR,),
    "O41": (HR,),
    "O42": (LEGAL,),
    "O43": (LEGAL,),
}

# Pages of the "ข้อมูลสาธารณะ" section: slug, title, summary, paragraphs.
PAGES: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "structure",
        "โครงสร้างหน่วยงาน",
        "แผนผังโครงสร้างการแบ่งส่วนราชการของเทศบาลตำบลแม่สาย ทั้งฝ่ายการเมืองและฝ่ายประจำ",
        (
            "ฝ่ายการเมือง: นายกเทศมนตรี รองนายกเทศมนตรี ๒ คน เลขานุการนายกเทศมนตรี ที่ปรึกษานายกเทศมนตรี และสภาเทศบาล ๑๒ คน",
            "ฝ่ายประจำ: ปลัดเทศบาล รองปลัดเทศบาล สำนักปลัดเทศบาล กองยุทธศาสตร์และงบประมาณ กองคลัง กองช่าง "
            "กองสาธารณสุขและสิ่งแวดล้อม และกองการศึกษา",
        ),
    ),
    (
        "executives",
        "ผู้บริหาร",
        "ชื่อ ตำแหน่ง รูปถ่าย และช่องทางติดต่อผู้บริหารเทศบาลตำบลแม่สาย",
        (
            "นายชัยยนต์ ศรีสมุทร นายกเทศมนตรีตำบลแม่สาย โทรศัพท์ ๐-๕๓๗๓-๑๒๘๘ ต่อ ๑๐๑",
            "นายสุระกิจ โยชมณเฑียร ปลัดเทศบาล โทรศัพท์ ๐-๕๓๗๓-๑๒๘๘ ต่อ ๑๐๒",
        ),
    ),
    (
        "duties",
        "อำนาจหน้าที่",
        "อำนาจหน้าที่ของเทศบาลตามพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ และพระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจฯ",
        ("เทศบาลตำบลมีหน้าที่ตามมาตรา ๕๐ และอาจจัดทำกิจการตามมาตรา ๕๑ แห่งพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖",),
    ),
    (
        "development-plan",
        "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)",
        "วิสัยทัศน์ ยุทธศาสตร์ และแผนงานโครงการของเทศบาลตำบลแม่สาย ห้าปี",
        ("แผนพัฒนาท้องถิ่นได้รับความเห็นชอบจากสภาเทศบาลและประกาศใช้เมื่อวันที่ ๒๘ ตุลาคม ๒๕๖๕",),
    ),
    (
        "laws",
        "กฎหมายที่เกี่ยวข้อง",
        "พระราชบัญญัติ กฎกระทรวง ระเบียบ และเทศบัญญัติที่ใช้ในการปฏิบัติงานของเทศบาล",
        (
            "พระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ และที่แก้ไขเพิ่มเติม",
            "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. ๒๕๕๘",
            "เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        ),
    ),
    (
        "questions",
        "ถาม - ตอบ (Q&A)",
        "ส่งคำถามถึงเทศบาลและอ่านคำตอบของคำถามที่พบบ่อย",
        ("ถาม: ยื่นคำร้องขออนุญาตก่อสร้างอาคารได้ที่ไหน ตอบ: กองช่าง ชั้น ๑ อาคารสำนักงานเทศบาล ในวันและเวลาราชการ",),
    ),
    (
        "annual-plan-2566",
        "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "โครงการ งบประมาณ และระยะเวลาดำเนินการของทุกส่วนราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        ("แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. ๒๕๖๖ มีโครงการทั้งสิ้น ๑๒๔ โครงการ งบประมาณรวม ๙๘,๔๐๐,๐๐๐ บาท",),
    ),
    (
        "service-manual",
        "คู่มือสำหรับประชาชน",
        "หลักเกณฑ์ วิธีการ เอกสาร และระยะเวลาของงานบริการตามพระราชบัญญัติการอำนวยความสะดวกฯ",
        ("คู่มือการขออนุญาตก่อสร้างอาคาร การรับชำระภาษีที่ดินและสิ่งปลูกสร้าง การลงทะเบียนเบี้ยยังชีพผู้สูงอายุ",),
    ),
    (
        "service-statistics",
        "สถิติการให้บริการ ปีงบประมาณ พ.ศ. ๒๕๖๖",
        "จำนวนผู้รับบริการแยกตามงานบริการ รายเดือน",
        ("ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖ ให้บริการประชาชนรวม ๓,๔๑๒ ราย",),
    ),
    (
        "procurement",
        "ประกาศจัดซื้อจัดจ้าง",
        "ประกาศเชิญชวน ประกาศผู้ชนะการเสนอราคา และสรุปผลการจัดซื้อจัดจ้างรายเดือน",
        ("สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.๑) ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖",),
    ),
    (
        "human-resources",
        "การบริหารและพัฒนาทรัพยากรบุคคล",
        "นโยบาย หลักเกณฑ์ และผลการบริหารและพัฒนาทรัพยากรบุคคลของเทศบาล",
        ("นโยบายการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ประกาศ ณ วันที่ ๓ ตุลาคม ๒๕๖๕",),
    ),
    (
        "no-gift-policy",
        "นโยบายไม่รับของขวัญ (No Gift Policy)",
        "ประกาศเจตนารมณ์ การสร้างวัฒนธรรม และรายงานผลตามนโยบาย No Gift Policy",
        ("นายกเทศมนตรีประกาศเจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ เมื่อวันที่ ๑๔ พฤศจิกายน ๒๕๖๕",),
    ),
    (
        "anti-corruption",
        "การป้องกันการทุจริต",
        "การประเมินความเสี่ยง แผนปฏิบัติการป้องกันการทุจริต และรายงานผล",
        ("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ มี ๑๘ โครงการ",),
    ),
    (
        "ethics",
        "จริยธรรม",
        "ประมวลจริยธรรมของพนักงานเทศบาลและการขับเคลื่อนจริยธรรม",
        ("ประมวลจริยธรรมของพนักงานเทศบาล ลูกจ้าง และพนักงานจ้าง เทศบาลตำบลแม่สาย",),
    ),
    (
        "participation",
        "การมีส่วนร่วมของประชาชน",
        "การเปิดโอกาสให้ประชาชนมีส่วนร่วมในการวางแผนและติดตามการดำเนินงานของเทศบาล",
        ("ประชาคมเมืองเพื่อจัดทำแผนพัฒนาท้องถิ่น วันที่ ๑๒ มกราคม ๒๕๖๖ ณ หอประชุมเทศบาล",),
    ),
]

DOCUMENTS: dict[str, str] = {
    "procurement-plan": "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    "annual-report-2565": "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
    "procurement-report-2565": "รายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
    "hr-report-2565": "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
    "anti-corruption-report-2565": "รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
    "code-of-ethics": "ประมวลจริยธรรมพนักงานเทศบาล",
}

# item code -> [(kind, target, note, date)]; kind "page" (slug under the section or of the site),
# "document" (key of DOCUMENTS) or "url" (an address); None date = no date.
D = dt.date
EVIDENCE: dict[str, list[tuple[str, str, str, dt.date | None]]] = {
    "O1": [("page", "structure", "แผนผังโครงสร้างอยู่ในภาพแรกของหน้า ทั้งฝ่ายการเมืองและฝ่ายประจำ", None)],
    "O2": [("page", "executives", "ชื่อ ตำแหน่ง รูปถ่าย และเบอร์โทรศัพท์ของผู้บริหารทุกคน", None)],
    "O3": [("page", "duties", "อำนาจหน้าที่ตามมาตรา ๕๐ และ ๕๑", None)],
    "O4": [("page", "development-plan", "แผนพัฒนาท้องถิ่นห้าปีที่ครอบคลุมปี ๒๕๖๖", D(2022, 10, 28))],
    "O5": [("page", "/contact/", "ที่อยู่ เบอร์โทรศัพท์ อีเมล และเวลาทำการ", None)],
    "O6": [
        ("page", "laws", "รายชื่อกฎหมายพร้อมลิงก์ไปยังฉบับเต็ม", None),
        ("url", "https://www.krisdika.go.th/", "ฐานข้อมูลกฎหมายของสำนักงานคณะกรรมการกฤษฎีกา", None),
    ],
    "O7": [("page", "/news/", "ข่าวประชาสัมพันธ์ของปีงบประมาณ ๒๕๖๖ เรียงจากใหม่ไปเก่า", D(2023, 4, 4))],
    "O8": [("page", "questions", "แบบฟอร์มส่งคำถามอยู่ท้ายหน้า", None)],
    "O9": [("url", "https://www.facebook.com/maesaimunicipality", "เพจ Facebook ทางการของเทศบาล", None)],
    "O10": [("page", "/privacy/", "ประกาศความเป็นส่วนตัวตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล", None)],
    "O11": [("page", "annual-plan-2566", "แผนการดำเนินงานและงบประมาณของปี ๒๕๖๖", D(2022, 9, 15))],
    "O12": [("page", "annual-plan-2566", "รายงานรอบ ๖ เดือนอยู่ท้ายหน้า", D(2022, 4, 30))],
    "O13": [("document", "annual-report-2565", "รายงานผลการดำเนินงานของปีงบประมาณที่ผ่านมา", D(2022, 11, 30))],
    "O14": [("page", "service-manual", "คู่มือการปฏิบัติงานของแต่ละงาน", None)],
    "O15": [("page", "service-manual", "คู่มือสำหรับประชาชนทุกงานบริการ", None)],
    "O16": [("page", "service-statistics", "สถิติรายเดือนของปีงบประมาณ ๒๕๖๖", D(2023, 3, 31))],
    "O18": [("page", "service-manual", "ลิงก์ระบบยื่นคำร้องออนไลน์อยู่ในหัวข้อ E-Service", None)],
    "O19": [("document", "procurement-plan", "แผนการจัดซื้อจัดจ้างของปี ๒๕๖๖", D(2022, 10, 20))],
    "O20": [("page", "procurement", "ประกาศเชิญชวนและประกาศผู้ชนะการเสนอราคา", D(2023, 2, 1))],
    "O21": [("page", "procurement", "สรุปผลรายเดือน ต.ค. ๒๕๖๕ - ก.พ. ๒๕๖๖", D(2023, 3, 5))],
    "O22": [("document", "procurement-report-2565", "รายงานประจำปีของปีงบประมาณที่ผ่านมา", D(2022, 10, 31))],
    "O23": [("page", "human-resources", "นโยบายการบริหารทรัพยากรบุคคลของปี ๒๕๖๖", D(2022, 10, 3))],
    "O24": [("page", "human-resources", "ผลการดำเนินการตามนโยบาย ไตรมาส ๑ - ๒", D(2023, 3, 31))],
    "O25": [("page", "human-resources", "หลักเกณฑ์การสรรหา การแต่งตั้ง และการพัฒนาบุคลากร", None)],
    "O26": [("document", "hr-report-2565", "รายงานประจำปีของปีงบประมาณที่ผ่านมา", D(2022, 11, 15))],
    "O30": [("page", "participation", "ภาพและรายงานการประชุมประชาคม", D(2023, 1, 12))],
    "O31": [("page", "no-gift-policy", "ประกาศเจตนารมณ์ลงนามโดยนายกเทศมนตรี", D(2022, 11, 14))],
    "O32": [("page", "no-gift-policy", "กิจกรรมสร้างวัฒนธรรม No Gift Policy", D(2022, 12, 8))],
    "O33": [("page", "no-gift-policy", "รายงานการรับของขวัญ (ไม่มีการรับ)", None)],
    "O34": [("page", "anti-corruption", "ผลการประเมินความเสี่ยงการทุจริตปี ๒๕๖๖", D(2022, 11, 1))],
    "O35": [("page", "anti-corruption", "มาตรการจัดการความเสี่ยง", D(2022, 11, 20))],
    "O36": [("page", "anti-corruption", "แผนปฏิบัติการป้องกันการทุจริตปี ๒๕๖๖", D(2022, 10, 15))],
    "O37": [("page", "anti-corruption", "รายงานรอบ ๖ เดือน", D(2023, 4, 3))],
    "O38": [("document", "anti-corruption-report-2565", "รายงานผลประจำปีของปีงบประมาณที่ผ่านมา", D(2022, 10, 28))],
    "O39": [("document", "code-of-ethics", "ประมวลจริยธรรมฉบับประกาศใช้", None)],
    "O41": [("page", "ethics", "ผลการประเมินจริยธรรมพนักงาน", D(2023, 3, 20))],
}

SUBMITTED = {"O14", "O24", "O41"}
IN_PROGRESS = {"O17", "O33"}  # O17 has no evidence yet
RETURNED = {
    "O12": "รายงานที่แนบเป็นของปีงบประมาณ ๒๕๖๕ กรุณาแนบรายงานการกำกับติดตามรอบ ๖ เดือนของปีงบประมาณ ๒๕๖๖ (ต.ค. ๖๕ - มี.ค. ๖๖)",
    "O21": "ยังขาดสรุปผลการจัดซื้อจัดจ้างของเดือนมีนาคม ๒๕๖๖ กรุณาเพิ่มให้ครบทุกเดือนจนถึงเดือนล่าสุด",
}
OVERDUE = "O40"  # not started, due three days ago
URL_TITLES = {
    "https://www.krisdika.go.th/": "ระบบกลางทางกฎหมาย สำนักงานคณะกรรมการกฤษฎีกา",
    "https://www.facebook.com/maesaimunicipality": "Facebook เทศบาลตำบลแม่สาย",
}


def _pdf(text: str) -> bytes:
    """A one-page PDF with an ASCII label: enough for a demo document that opens in any viewer."""
    stream = f"BT /F1 16 Tf 72 770 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _body(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def _create_content(context: DemoContext) -> tuple[dict[str, Any], dict[str, Any]]:
    from prongsai.site.models import ContentPage

    from .uploads import evidence_collection

    home = context.pages["home"]
    section = ContentPage(
        title="ข้อมูลสาธารณะ",
        slug="public-information",
        summary="ข้อมูลที่เทศบาลเปิดเผยต่อสาธารณะตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>ดูข้อมูลครบทุกข้อตามการประเมิน ITA ได้ที่หน้า "
                        f'<a href="/ita/{YEAR}/">การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. {YEAR}</a></p>'
                    ),
                }
            ]
        ),
    )
    home.add_child(instance=section)
    pages: dict[str, Any] = {"public-information": section}
    for slug, title, summary, paragraphs in PAGES:
        page = ContentPage(title=title, slug=slug, summary=summary, body=_body(*paragraphs))
        section.add_child(instance=page)
        pages[slug] = page
    collection = evidence_collection()
    document_model = get_document_model()
    documents: dict[str, Any] = {}
    for key, title in DOCUMENTS.items():
        document = document_model(title=title, collection=collection)
        document.file = ContentFile(_pdf(f"Mae Sai demo: {key}"), name=f"{key}.pdf")
        document._set_document_file_metadata()
        document.save()
        documents[key] = document
    return pages, documents


@register_demo_loader(40, "disclosure")
def load_disclosure_demo(context: DemoContext) -> None:
    from wagtail.models import Page

    from . import services
    from .models import OitAssignment

    organization = context.organization
    coordinator = context.accounts["ita_coordinator"].user
    staff = context.accounts["staff"].user  # งานธุรการ
    head = context.accounts["department_head"].user  # กองยุทธศาสตร์และงบประมาณ (and the ฝ่าย under it)
    pages, documents = _create_content(context)
    home = context.pages["home"]

    assignments = {a.oit_item.code: a for a in services.oit_year_open(organization=organization, fiscal_year=YEAR)}
    today = timezone.localdate()
    for code, names in ASSIGNMENTS.items():
        assignment = assignments.get(code)
        if assignment is None:
            continue
        if code == OVERDUE:
            due = today - dt.timedelta(days=3)
        elif code in SUBMITTED | IN_PROGRESS | set(RETURNED):
            due = today + dt.timedelta(days=14)
        else:
            due = dt.date(2023, 3, 31)
        services.oit_assignment_assign(
            actor=coordinator,
            assignment=assignment,
            departments=[context.departments[name] for name in names],
            due_date=due,
        )

    def actor_for(names: tuple[str, ...]) -> Any:
        if ADMIN in names:
            return staff
        if PR in names or PLAN in names:
            return head
        return coordinator

    for code, entries in EVIDENCE.items():
        assignment = assignments.get(code)
        if assignment is None:
            continue
        actor = actor_for(ASSIGNMENTS[code])
        for kind, target, note, date in entries:
            if kind == "page":
                page = (
                    Page.objects.get(url_path=home.url_path + target.strip("/") + "/")
                    if target.startswith("/")
                    else pages[target]
                )
                services.oit_evidence_add(
                    actor=actor, assignment=assignment, kind="page", page=page, note=note, evidence_date=date
                )
            elif kind == "document":
                services.oit_evidence_add(
                    actor=actor,
                    assignment=assignment,
                    kind="document",
                    document=documents[target],
                    note=note,
                    evidence_date=date,
                )
            else:
                services.oit_evidence_add(
                    actor=actor,
                    assignment=assignment,
                    kind="url",
                    url=target,
                    title=URL_TITLES.get(target, ""),
                    note=note,
                    evidence_date=date,
                )

    # What Prongsai publishes itself: the complaint channel, its guideline and statistics, the ITA reports.
    services.oit_sync_produced_evidence(organization=organization, fiscal_year=YEAR)

    for code, assignment in assignments.items():
        assignment.refresh_from_db()
        if code in IN_PROGRESS or code == OVERDUE or not assignment.evidence.exists():
            continue
        actor = actor_for(ASSIGNMENTS.get(code, ()))
        if assignment.status in ("in_progress", "returned"):
            services.oit_assignment_submit(actor=actor, assignment=assignment)
        if code in RETURNED:
            services.oit_assignment_return(actor=coordinator, assignment=assignment, comment=RETURNED[code])
        elif code not in SUBMITTED and assignment.status != "approved":
            services.oit_assignment_approve(actor=coordinator, assignment=assignment)
    services.oit_evidence_check_links(organization=organization, fiscal_year=YEAR, external=False)
    counts = {
        status: OitAssignment.objects.filter(organization=organization, fiscal_year=YEAR, status=status).count()
        for status in ("approved", "submitted", "returned", "in_progress", "not_started")
    }
    context.pages.update({f"oit-{slug}": page for slug, page in pages.items()})
    context.log.append(
        f"OIT {YEAR}: {len(assignments)} items; "
        + ", ".join(f"{status} {count}" for status, count in counts.items())
        + f"; public page /ita/{YEAR}/"
    )
