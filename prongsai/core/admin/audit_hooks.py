"""Registers the audit log screen (in the "Organization" menu). Imported by core/wagtail_hooks.py."""

from __future__ import annotations

from wagtail import hooks

from .audit import AuditEntryViewSet


@hooks.register("register_admin_viewset")
def register_audit_viewset() -> AuditEntryViewSet:
    return AuditEntryViewSet("core_audit", url_prefix="audit-log")
