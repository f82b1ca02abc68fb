from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from prongsai.core.models import AuditEntry
from prongsai.ita.models import Framework, FrameworkStatus, GradeBand, Indicator, OitItem
from prongsai.ita.services import framework_clone, framework_load, grade_level_for

pytestmark = pytest.mark.django_db


def test_every_install_has_the_shipped_frameworks():
    years = list(Framework.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True))
    assert years == [2563, 2564, 2565, 2566, 2567, 2568, 2569]
    f2566 = Framework.objects.get(fiscal_year=2566)
    assert f2566.oit_items.count() == 43
    assert f2566.indicators.count() == 10
    assert {t.code: t.weight for t in f2566.tools.all()} == {
        "IIT": Decimal("30.00"),
        "EIT": Decimal("30.00"),
        "OIT": Decimal("40.00"),
    }
    o42 = f2566.oit_items.get(code="O42")
    assert o42.title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert o42.sub_indicator.code == "10.2"
    assert o42.indicator.number == 10
    assert "integrity_measures_plan" in o42.topics
    assert "integrity_measures_results" in f2566.oit_items.get(code="O43").topics
    assert f2566.oit_items.get(code="O28").title == "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    # every 2566 item has Thai criteria for the evaluator
    assert not f2566.oit_items.filter(description="").exists()


def test_later_years_are_provisional_and_previous_year_items_say_so():
    assert Framework.objects.get(fiscal_year=2568).status == FrameworkStatus.PROVISIONAL
    assert Framework.objects.get(fiscal_year=2569).status == FrameworkStatus.PROVISIONAL
    assert Framework.objects.get(fiscal_year=2566).status == FrameworkStatus.VERIFIED
    o26 = OitItem.objects.get(framework__fiscal_year=2569, code="O26")
    assert o26.topics == ["integrity_measures_results"]
    assert o26.evidence_year_offset == -1


def test_load_is_idempotent_and_updates_in_place():
    indicator = Indicator.objects.get(framework__fiscal_year=2566, number=6)
    item = OitItem.objects.get(framework__fiscal_year=2566, code="O1")
    item.title = "แก้ไขโดยผู้ดูแล"
    item.save()
    counts = (Framework.objects.count(), OitItem.objects.count(), GradeBand.objects.count())
    call_command("load_frameworks", verbosity=0)
    framework_load(year=2566)
    assert (Framework.objects.count(), OitItem.objects.count(), GradeBand.objects.count()) == counts
    assert Indicator.objects.get(framework__fiscal_year=2566, number=6).pk == indicator.pk
    assert OitItem.objects.get(pk=item.pk).title == "โครงสร้าง"
    assert AuditEntry.objects.filter(action="ita.framework.load").exists()


def test_clone_makes_a_provisional_copy_with_the_years_moved_on():
    Framework.objects.filter(fiscal_year=2569).delete()
    clone = framework_clone(from_year=2568, to_year=2569)
    assert clone.status == FrameworkStatus.PROVISIONAL
    assert clone.oit_items.count() == 26
    o13 = clone.oit_items.get(code="O13")
    assert "2568" in o13.title and "2567" not in o13.title
    with pytest.raises(ValidationError):
        framework_clone(from_year=2568, to_year=2569)
    with pytest.raises(ValidationError):
        framework_clone(from_year=2400, to_year=2570)


@pytest.mark.parametrize(
    ("year", "total", "tools", "level"),
    [
        (2565, "95.00", {}, "AA"),
        (2565, "94.99", {}, "A"),
        (2565, "49.99", {}, "F"),
        (2567, "96", {"IIT": Decimal(96), "EIT": Decimal(97), "OIT": Decimal(95)}, "ผ่านดีเยี่ยม"),
        (2567, "96", {"IIT": Decimal(96), "EIT": Decimal(90), "OIT": Decimal(95)}, "ผ่านดี"),
        (2567, "96", {"IIT": Decimal(80), "EIT": Decimal(90), "OIT": Decimal(95)}, "ผ่าน"),
        (2567, "86", {}, "ผ่าน"),
        (2567, "72", {}, "ต้องปรับปรุง"),
        (2567, "10", {}, "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_grade_bands_are_data_per_year(year, total, tools, level):
    framework = Framework.objects.get(fiscal_year=year)
    assert grade_level_for(framework=framework, total=Decimal(total), tool_scores=tools) == level


def test_roles_get_their_ita_permissions():
    from django.contrib.auth.models import Group

    from prongsai.core.roles import ROLES

    def perms(role: str) -> set[str]:
        group = Group.objects.get(name=ROLES[role].group_name)
        return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}

    assert {"ita.change_oititem", "ita.add_framework"} <= perms("system_admin")
    assert {"ita.change_measure", "ita.submit_reportround"} <= perms("ita_coordinator")
    assert "ita.opine_reportround" in perms("chief_administrator")
    assert "ita.order_reportround" in perms("executive")
    assert "ita.add_measureresult" in perms("staff")
    assert "ita.change_measure" not in perms("staff") | perms("department_head")
