from __future__ import annotations

import pytest

from prongsai.complaints.tests.factories import cheap_argon2  # noqa: F401  (fixture)
from prongsai.core.tests.factories import make_organization


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    return make_organization()
