"""Registers the "Organization" menu (settings, departments, positions, staff) and the scoped Users bulk actions.

Imported by core/wagtail_hooks.py.
"""

from __future__ import annotations

from wagtail import hooks

from .organization import OrganizationViewSetGroup
from .users import SCOPED_USER_BULK_ACTIONS


@hooks.register("register_admin_viewset")
def register_organization_viewsets() -> OrganizationViewSetGroup:
    return OrganizationViewSetGroup()


# Registered after wagtail.users' own (order), so these replace the unscoped bulk actions.
for _action in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=100)
