"""Admin editing of framework data (system administrators): Wagtail model viewsets, no menu of their own;
linked from the ITA › Frameworks screens."""

from __future__ import annotations

from wagtail.admin.viewsets.model import ModelViewSet

from .models import Framework, GradeBand, OitItem


class FrameworkViewSet(ModelViewSet):
    model = Framework
    name = "ita_framework_data"
    url_prefix = "ita/framework-data"
    icon = "folder-open-inverse"
    add_to_admin_menu = False
    form_fields = ["title", "status", "source_note"]
    list_display = ["fiscal_year", "title", "status"]
    search_fields = ["title"]


class OitItemViewSet(ModelViewSet):
    model = OitItem
    name = "ita_oit_items"
    url_prefix = "ita/oit-items"
    icon = "list-ul"
    add_to_admin_menu = False
    form_fields = [
        "framework",
        "indicator",
        "sub_indicator",
        "code",
        "order",
        "title",
        "description",
        "topics",
        "requires_current_year",
        "evidence_year_offset",
        "provenance",
        "source_note",
    ]
    list_display = ["code", "title", "framework", "provenance"]
    list_filter = ["framework", "provenance"]
    search_fields = ["code", "title"]


class GradeBandViewSet(ModelViewSet):
    model = GradeBand
    name = "ita_grade_bands"
    url_prefix = "ita/grade-bands"
    icon = "order"
    add_to_admin_menu = False
    form_fields = ["framework", "label", "min_score", "min_tool_score", "order"]
    list_display = ["label", "min_score", "min_tool_score", "framework"]
    list_filter = ["framework"]
