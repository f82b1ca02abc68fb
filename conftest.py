"""Fixtures shared by every app's tests."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The full demo municipality, loaded the way `make run` loads it."""
    from prongsai.core.models import Organization

    call_command("load_demo", verbosity=0)
    return Organization.objects.get(slug="maesai")


@pytest.fixture(autouse=True)
def _reset_axes_and_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
