"""The demo municipality's website: home page, about, contact, PDPA pages and news."""

from __future__ import annotations

import datetime as dt
import io
import json
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Site

from prongsai.core.demo import DemoContext, register_demo_loader
from prongsai.core.services import roles_grant_content_access

from .models import ContentPage, HomePage, NewsIndexPage, NewsPage


def _emblem_png() -> bytes:
    """A simple round seal in the municipality's colours, drawn here (no external asset)."""
    size = 256
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=(18, 76, 60), outline=(201, 162, 39), width=10)
    draw.ellipse((40, 40, size - 40, size - 40), outline=(201, 162, 39), width=4)
    # A stylised mountain and river: Doi Tung above the Sai river.
    draw.polygon([(60, 170), (110, 90), (140, 130), (165, 100), (200, 170)], fill=(201, 162, 39))
    for k in range(3):
        y = 182 + k * 12
        points = [(60 + x, y + 4 * math.sin(x / 10)) for x in range(0, 141, 5)]
        draw.line(points, fill=(240, 240, 240), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


@register_demo_loader(10, "site")
def load_site_demo(context: DemoContext) -> None:
    organization = context.organization
    root = Page.get_first_root_node()
    emblem = Image(title="ตราสัญลักษณ์เทศบาลตำบลแม่สาย", collection=Collection.get_first_root_node())
    emblem.file = ImageFile(io.BytesIO(_emblem_png()), name="maesai-emblem.png")
    emblem.save()
    organization.emblem = emblem
    organization.save(update_fields=["emblem"])

    home = HomePage(
        title="เทศบาลตำบลแม่สาย",
        slug="maesai",
        intro="ประตูสู่เหนือสุดแดนสยาม บริการประชาชนด้วยความโปร่งใส รวดเร็ว และเป็นธรรม",
        mayor_message=(
            "<p>เทศบาลตำบลแม่สายมุ่งมั่นบริหารงานด้วยหลักธรรมาภิบาล เปิดเผยข้อมูลต่อสาธารณะ "
            "และเปิดช่องทางให้ประชาชนมีส่วนร่วมตรวจสอบการทำงานของเทศบาลทุกขั้นตอน</p>"
        ),
        seo_title="เทศบาลตำบลแม่สาย อำเภอแม่สาย จังหวัดเชียงราย",
        search_description="เว็บไซต์หลักของเทศบาลตำบลแม่สาย: ข่าวสาร บริการประชาชน และการเปิดเผยข้อมูลสาธารณะ",
    )
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    old_root = site.root_page_id
    site.hostname = "localhost"
    site.port = 80
    site.site_name = organization.name
    site.root_page = home
    site.save()
    if old_root and old_root != home.pk:
        # Wagtail's placeholder "Welcome" page from its initial migration.
        Page.objects.filter(pk=old_root, depth=2).exclude(pk=home.pk).delete()
    organization.site = site
    organization.save(update_fields=["site"])
    context.pages["home"] = home

    pages = [
        (
            "about",
            "เกี่ยวกับเทศบาล",
            "ประวัติ วิสัยทัศน์ และพันธกิจของเทศบาลตำบลแม่สาย",
            _paragraphs(
                "เทศบาลตำบลแม่สายตั้งอยู่ที่อำเภอแม่สาย จังหวัดเชียงราย เหนือสุดของประเทศไทย "
                "ติดกับเมืองท่าขี้เหล็ก สาธารณรัฐแห่งสหภาพเมียนมา มีแม่น้ำสายเป็นเส้นแบ่งเขตแดน",
                "วิสัยทัศน์: แม่สายเมืองน่าอยู่ เศรษฐกิจการค้าชายแดนก้าวหน้า ประชาชนมีคุณภาพชีวิตที่ดี บริหารจัดการด้วยหลักธรรมาภิบาล",
            ),
        ),
        (
            "contact",
            "ติดต่อเทศบาล",
            "ที่อยู่ เบอร์โทรศัพท์ และเวลาทำการ",
            _paragraphs(
                "เวลาทำการ วันจันทร์ - วันศุกร์ เวลา ๐๘.๓๐ - ๑๖.๓๐ น. (เว้นวันหยุดราชการ)",
                "โทรศัพท์ ๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗ (งานนิติการ)",
            ),
        ),
        (
            "privacy",
            "ประกาศความเป็นส่วนตัว",
            "การเก็บรวบรวม ใช้ และเปิดเผยข้อมูลส่วนบุคคลตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒",
            _paragraphs(
                "เทศบาลตำบลแม่สายในฐานะผู้ควบคุมข้อมูลส่วนบุคคล เก็บรวบรวมข้อมูลส่วนบุคคลเท่าที่จำเป็น"
                "ต่อการให้บริการตามอำนาจหน้าที่ตามกฎหมาย เช่น ชื่อ ที่อยู่ และช่องทางติดต่อที่ท่านให้ไว้เมื่อยื่นคำขอหรือเรื่องร้องเรียน",
                "ข้อมูลของท่านใช้เพื่อดำเนินการตามคำขอ ติดต่อกลับ และจัดทำสถิติที่ไม่ระบุตัวบุคคล "
                "เทศบาลจะไม่เปิดเผยข้อมูลส่วนบุคคลแก่บุคคลภายนอก เว้นแต่กฎหมายกำหนด",
                "ช่องทางร้องเรียนการทุจริตไม่บันทึกหมายเลข IP หรือข้อมูลอุปกรณ์ของผู้ร้องเรียน",
                "ท่านมีสิทธิขอเข้าถึง แก้ไข ลบ หรือคัดค้านการประมวลผลข้อมูลส่วนบุคคลของท่าน "
                "โดยติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลของเทศบาล โทรศัพท์ ๐-๕๓๗๓-๑๒๘๘",
            ),
        ),
        (
            "cookies",
            "นโยบายคุกกี้",
            "เว็บไซต์นี้ไม่ใช้คุกกี้ที่ไม่จำเป็น จึงไม่ต้องขอความยินยอมก่อนเข้าชม",
            _paragraphs(
                "การเข้าชมหน้าเว็บไซต์ของเทศบาลไม่มีการบันทึกคุกกี้ใด ๆ ลงในอุปกรณ์ของท่าน "
                "การเลือกภาษาไทยหรือภาษาอังกฤษใช้ที่อยู่ของหน้าเว็บ (เช่น /en/) ไม่ใช้คุกกี้",
                "เว็บไซต์ใช้เฉพาะคุกกี้ที่จำเป็นต่อการทำงาน และเฉพาะเมื่อท่านส่งแบบฟอร์ม เช่น คำขอหรือเรื่องร้องเรียน "
                "ได้แก่ คุกกี้ความปลอดภัย (csrftoken) ที่ป้องกันการปลอมแปลงการส่งแบบฟอร์ม "
                "และเมื่อเจ้าหน้าที่เข้าสู่ระบบ ได้แก่ คุกกี้เซสชัน (sessionid)",
                "เว็บไซต์ไม่ใช้คุกกี้เพื่อการวิเคราะห์ การโฆษณา หรือการติดตามข้ามเว็บไซต์ "
                "และไม่โหลดเนื้อหาจากผู้ให้บริการภายนอก หากในอนาคตมีความจำเป็นต้องใช้คุกกี้ประเภทอื่น "
                "เทศบาลจะขอความยินยอมจากท่านก่อนทุกครั้ง",
            ),
        ),
    ]
    for slug, title, summary, body in pages:
        # The header menu shows the pages marked "show in menus"; the PDPA pages are linked from the footer.
        page = ContentPage(
            title=title, slug=slug, summary=summary, body=body, show_in_menus=slug in {"about", "contact"}
        )
        home.add_child(instance=page)
        context.pages[slug] = page
        if slug == "about":  # the menu follows the tree order: about, news, contact
            news_index = NewsIndexPage(
                title="ข่าวประชาสัมพันธ์", slug="news", intro="ข่าวสารและกิจกรรมของเทศบาลตำบลแม่สาย", show_in_menus=True
            )
            home.add_child(instance=news_index)
            context.pages["news"] = news_index

    news = [
        (
            dt.date(2023, 4, 4),
            "ita-2566-results",
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "งานนิติการ สำนักปลัดเทศบาล รายงานผลการดำเนินการตามมาตรการเพื่อยกระดับผลการประเมิน ITA",
        ),
        (
            dt.date(2023, 3, 28),
            "staff-meeting-2566-03",
            "ประชุมส่วนราชการประจำเดือนมีนาคม ๒๕๖๖",
            "นายกเทศมนตรีตำบลแม่สายมอบนโยบายการปฏิบัติงานและติดตามผลการดำเนินงานของทุกส่วนราชการ",
        ),
        (
            dt.date(2023, 3, 15),
            "corruption-channel-online",
            "เปิดช่องทางร้องเรียนการทุจริตและประพฤติมิชอบทางออนไลน์",
            "ประชาชนแจ้งเรื่องร้องเรียนการทุจริตได้ทางเว็บไซต์หลักของเทศบาล แยกจากช่องทางร้องเรียนทั่วไป",
        ),
    ]
    for date, slug, title, summary in news:
        news_index.add_child(
            instance=NewsPage(title=title, slug=slug, date=date, summary=summary, body=_paragraphs(summary))
        )

    home.quick_links = json.dumps(
        [
            {
                "type": "link",
                "value": {
                    "title": "เกี่ยวกับเทศบาล",
                    "page": context.pages["about"].pk,
                    "url": "",
                    "description": "ประวัติ วิสัยทัศน์ พันธกิจ",
                },
            },
            {
                "type": "link",
                "value": {"title": "ข่าวประชาสัมพันธ์", "page": news_index.pk, "url": "", "description": "ข่าวสารและกิจกรรม"},
            },
            {
                "type": "link",
                "value": {
                    "title": "ติดต่อเทศบาล",
                    "page": context.pages["contact"].pk,
                    "url": "",
                    "description": "ที่อยู่ โทรศัพท์ เวลาทำการ",
                },
            },
            # Platform features answer at fixed URLs (the complaint channel and the ITA pages).
            {
                "type": "link",
                "value": {
                    "title": "ร้องเรียนการทุจริตและประพฤติมิชอบ",
                    "page": None,
                    "url": "/corruption/",
                    "description": "ช่องทางแจ้งเรื่องที่ปลอดภัยสำหรับผู้ร้องเรียน แยกจากเรื่องร้องเรียนทั่วไป",
                },
            },
            {
                "type": "link",
                "value": {
                    "title": "การเปิดเผยข้อมูลสาธารณะ (ITA)",
                    "page": None,
                    "url": "/ita/2566/",
                    "description": "ข้อมูลตามแบบตรวจ OIT ทุกข้อ พร้อมหลักฐาน",
                },
            },
            {
                "type": "link",
                "value": {
                    "title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                    "page": None,
                    "url": "/ita/measures/2566/",
                    "description": "แผนและรายงานผลการดำเนินการตามมาตรการ",
                },
            },
        ]
    )
    home.save_revision().publish()
    roles_grant_content_access(organization=organization, root_page=home, collection=Collection.get_first_root_node())
    _adopt_wagtail_defaults(context)
    context.log.append(f"website: {Page.objects.descendant_of(home).count() + 1} pages")


def _adopt_wagtail_defaults(context: DemoContext) -> None:
    """Wagtail's first migration makes English "Moderators"/"Editors" groups and a "Moderators approval"
    workflow; the platform's roles replace the groups, and page moderation goes to department heads."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow

    from prongsai.core.roles import DEPARTMENT_HEAD, ROLES

    head_group = Group.objects.get(name=ROLES[DEPARTMENT_HEAD].group_name)
    for task in GroupApprovalTask.objects.filter(name="Moderators approval"):
        task.name = "ตรวจและอนุมัติโดยหัวหน้าส่วนราชการ"
        task.save(update_fields=["name"])
        task.groups.set([head_group])
    Workflow.objects.filter(name="Moderators approval").update(name="การอนุมัติก่อนเผยแพร่")
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()
