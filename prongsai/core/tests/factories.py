"""Factories build test data through the services, as a user's action would."""

from __future__ import annotations

import itertools
from typing import Any

from prongsai.core import services
from prongsai.core.models import Department, Membership, Organization, Position

_counter = itertools.count(1)

PASSWORD = "correct-horse-battery-2566"


def make_organization(**overrides: Any) -> Organization:
    n = next(_counter)
    fields: dict[str, Any] = {
        "name": f"เทศบาลตำบลทดสอบ{n}",
        "slug": f"test-{n}",
        "kind": "subdistrict_municipality",
        "province": "เชียงราย",
        "district": "เมืองเชียงราย",
    }
    fields.update(overrides)
    return services.organization_create(**fields)


def make_department(*, organization: Organization, name: str | None = None, **kwargs: Any) -> Department:
    kwargs.setdefault("kind", "division" if kwargs.get("parent") is None else "unit")
    return services.department_create(organization=organization, name=name or f"กองทดสอบ{next(_counter)}", **kwargs)


def make_staff(*, organization: Organization, roles: tuple[str, ...] = ("staff",), **kwargs: Any) -> Membership:
    n = next(_counter)
    kwargs.setdefault("username", f"user{n}")
    kwargs.setdefault("first_name", "ทดสอบ")
    kwargs.setdefault("last_name", f"คนที่{n}")
    kwargs.setdefault("password", PASSWORD)
    return services.staff_create(organization=organization, roles=roles, **kwargs)


def make_position(*, organization: Organization, name: str | None = None) -> Position:
    return services.position_create(organization=organization, name=name or f"ตำแหน่งทดสอบ{next(_counter)}")


def make_site_organization(
    *, hostname: str, name: str, home_title: str | None = None, **overrides: Any
) -> Organization:
    """An organization with its own Wagtail Site on `hostname`, rooted at its own home page.

    The home page is the site app's HomePage (looked up by label, so core does not import it).
    """
    from django.apps import apps
    from wagtail.models import Page, Site

    home_model = apps.get_model("site", "HomePage")
    root = Page.get_first_root_node()
    home = home_model(title=home_title or name, slug=f"home-{hostname.replace('.', '-')}")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name)
    organization = make_organization(name=name, **overrides)
    organization.site = site
    organization.save(update_fields=["site"])
    return organization
