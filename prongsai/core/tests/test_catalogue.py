"""The Thai catalogue: check_catalogue's verdicts, compile_catalogue's merge, and Thai in the admin."""

from __future__ import annotations

import gettext
import json
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import translation

from prongsai.core import i18n

needs_gettext = pytest.mark.skipif(shutil.which("xgettext") is None, reason="extraction needs GNU gettext")


def write_po(path: Path, entries: list[polib.POEntry]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Language": "th",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in entries:
        catalogue.append(entry)
    catalogue.save(str(path))
    return path


def entry(msgid: str, msgstr: str = "", *, fuzzy: bool = False) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [])


@pytest.fixture
def dirs(tmp_path: Path) -> dict[str, Path]:
    """A small project: code under src/, our catalogue under locale/, supplements under locale_src/."""
    src = tmp_path / "src" / "app"
    (src / "templates").mkdir(parents=True)
    (src / "views.py").write_text(
        "from django.utils.translation import gettext as _\n\nGREETING = _('Hello staff')\n", encoding="utf-8"
    )
    (src / "templates" / "page.html").write_text(
        '{% load i18n %}<p>{% translate "Save the memo" %}</p>\n', encoding="utf-8"
    )
    return {"source": tmp_path / "src", "locale": tmp_path / "locale", "supplement": tmp_path / "locale_src"}


def check(dirs: dict[str, Path], **options: object) -> str:
    call_command(
        "check_catalogue",
        locale_dir=dirs["locale"],
        supplement_dir=dirs["supplement"],
        source_root=dirs["source"],
        no_wagtail=True,
        **options,
    )
    return "ok"


@needs_gettext
def test_complete_catalogue_passes(dirs, capsys):
    write_po(
        i18n.our_po_path(dirs["locale"], "django"),
        [entry("Hello staff", "สวัสดีเจ้าหน้าที่"), entry("Save the memo", "บันทึกบันทึกข้อความ")],
    )
    write_po(dirs["supplement"] / "th" / "django" / "wagtail.po", [entry("Unlock", "ปลดล็อก")])

    check(dirs)

    assert "Thai catalogue complete." in capsys.readouterr().out


def test_untranslated_entry_fails(dirs):
    write_po(i18n.our_po_path(dirs["locale"], "django"), [entry("Hello staff", "สวัสดี"), entry("Save the memo")])

    with pytest.raises(CommandError) as failure:
        check(dirs, no_extract=True)

    assert "untranslated: 'Save the memo'" in str(failure.value)
    assert "Hello staff" not in str(failure.value)


def test_fuzzy_entry_fails(dirs):
    write_po(
        i18n.our_po_path(dirs["locale"], "django"),
        [entry("Hello staff", "สวัสดี"), entry("Save the memo", "บันทึก", fuzzy=True)],
    )

    with pytest.raises(CommandError) as failure:
        check(dirs, no_extract=True)

    assert "fuzzy: 'Save the memo'" in str(failure.value)


def test_untranslated_supplement_entry_fails(dirs):
    write_po(i18n.our_po_path(dirs["locale"], "django"), [entry("Hello staff", "สวัสดี")])
    write_po(dirs["supplement"] / "th" / "djangojs" / "wagtail.po", [entry("Page explorer")])

    with pytest.raises(CommandError) as failure:
        check(dirs, no_extract=True)

    assert "djangojs/wagtail.po: untranslated: 'Page explorer'" in str(failure.value)


@needs_gettext
def test_msgid_used_in_code_but_missing_from_catalogue_fails(dirs):
    write_po(i18n.our_po_path(dirs["locale"], "django"), [entry("Hello staff", "สวัสดีเจ้าหน้าที่")])

    with pytest.raises(CommandError) as failure:
        check(dirs)

    assert "not in catalogue" in str(failure.value)
    assert "'Save the memo'" in str(failure.value)
    assert "'Hello staff'" not in str(failure.value)


def test_wagtail_msgid_without_thai_fails(dirs):
    """With no supplement, msgids Wagtail's own Thai catalogue lacks are reported."""
    with pytest.raises(CommandError) as failure:
        call_command("check_catalogue", locale_dir=dirs["locale"], supplement_dir=dirs["supplement"], no_extract=True)

    assert "Wagtail msgid without Thai" in str(failure.value)
    problems = i18n.catalogue_problems(locale_dir=dirs["locale"], supplement_dir=dirs["supplement"], source_root=None)
    missing = {p.key[1] for p in problems if p.kind == "Wagtail msgid without Thai"}
    assert {"Unlock", "Forgotten password?", "Page explorer"} <= missing
    assert len(missing) > 1000


def test_our_supplements_cover_every_wagtail_msgid_staff_meet(dirs):
    """The supplements we ship give Thai to every msgid Wagtail's Thai catalogue lacks, with none left empty."""
    call_command(
        "check_catalogue", locale_dir=dirs["locale"], supplement_dir=i18n.default_supplement_dir(), no_extract=True
    )


def test_compile_merges_supplements_and_our_strings_win(dirs):
    write_po(
        dirs["supplement"] / "th" / "django" / "wagtail.po",
        [entry("Unlock", "ปลดล็อก"), entry("Save", "เก็บ"), entry("Not yet", "")],
    )
    write_po(i18n.our_po_path(dirs["locale"], "django"), [entry("Save", "บันทึก"), entry("Hello staff", "สวัสดี")])

    changed = i18n.compile_catalogues(locale_dir=dirs["locale"], supplement_dir=dirs["supplement"])

    mo_path = i18n.our_po_path(dirs["locale"], "django").with_suffix(".mo")
    assert changed == [mo_path]
    with mo_path.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    assert compiled.gettext("Unlock") == "ปลดล็อก"
    assert compiled.gettext("Save") == "บันทึก"
    assert compiled.gettext("Hello staff") == "สวัสดี"
    assert compiled.gettext("Not yet") == "Not yet"
    assert i18n.compile_catalogues(locale_dir=dirs["locale"], supplement_dir=dirs["supplement"]) == []


# --- Thai in the running admin ---------------------------------------------------------------------------


@pytest.fixture
def compiled_thai(tmp_path, settings):
    """The real catalogue and supplements compiled into a scratch LOCALE_PATHS (the repo tree is left alone)."""
    locale_dir = tmp_path / "locale"
    for po_path in i18n.default_locale_dir().glob("th/LC_MESSAGES/*.po"):
        target = locale_dir / "th" / "LC_MESSAGES" / po_path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po_path, target)
    i18n.compile_catalogues(locale_dir=locale_dir, supplement_dir=i18n.default_supplement_dir())
    settings.LOCALE_PATHS = [locale_dir]  # also resets Django's translation caches
    return locale_dir


def test_formerly_missing_wagtail_strings_are_thai(compiled_thai):
    with translation.override("th"):
        assert translation.gettext("Unlock") == "ปลดล็อก"
        assert translation.gettext("Forgotten password?") == "ลืมรหัสผ่าน"
        assert translation.gettext("Snippets") == "ข้อมูลย่อย"
        assert translation.gettext("Save draft") == "บันทึกฉบับร่าง"
        assert translation.gettext("Page not found") == "ไม่พบหน้าที่ต้องการ"
        assert translation.ngettext("%(count)s image", "%(count)s images", 3) % {"count": 3} == "รูปภาพ 3 รูป"
        # Django's own Thai lacks these; staff see them as "16 นาทีที่แล้ว" in page listings.
        assert translation.ngettext("%(num)d minute", "%(num)d minutes", 16) % {"num": 16} == "16 นาที"
    with translation.override("en"):
        assert translation.gettext("Unlock") == "Unlock"


def test_admin_javascript_catalogue_is_thai(compiled_thai):
    from wagtail.admin.views.i18n import js_catalog

    with translation.override("th"):
        response = js_catalog(RequestFactory().get("/admin/jsi18n/"))

    body = response.content.decode()
    catalog = json.loads(body.split("const newcatalog = ", 1)[1].split(";\n", 1)[0])
    assert catalog["Page explorer"] == "ตัวสำรวจหน้า"
    assert catalog["Main menu"] == "เมนูหลัก"


@pytest.mark.django_db
def test_admin_login_page_is_thai(compiled_thai, client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="th")

    page = response.content.decode()
    assert response.status_code == 200
    assert "ลืมรหัสผ่าน" in page
    assert "จดจำการเข้าสู่ระบบ" in page
    assert "Forgotten password?" not in page
    assert "Remember me" not in page
