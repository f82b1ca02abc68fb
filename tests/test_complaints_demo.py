"""The demo municipality's corruption channel works as `make run` shows it."""

from __future__ import annotations

import re

import pytest

from prongsai.complaints import services
from prongsai.complaints.evidence import evidence_for
from prongsai.complaints.models import Report
from prongsai.core.demo import DEMO_PASSWORD
from prongsai.core.thai import FiscalYear
from prongsai.core.twofactor.testing import login_verified


@pytest.mark.django_db
def test_demo_channel_statistics_and_officer_key(demo, client, django_user_model):
    officer = django_user_model.objects.get(username="officer")
    private = services.officer_key_unlock(user=officer, organization=demo, passphrase=DEMO_PASSWORD)
    reports = list(Report.objects.filter(organization=demo))
    assert len(reports) == 4
    for report in reports:
        opened = services.report_open_for_officer(report=report, user=officer, officer_private=private)
        assert opened.answers["what"]
    page = client.get("/corruption/statistics/2566/").content.decode()
    assert re.search(r'data-testid="received">4<', page)
    assert re.search(r'data-testid="completed">2<', page)
    landing = client.get("/corruption/").content.decode()
    assert "งานนิติการ" in landing  # who receives reports, by position and unit
    assert "สุดารัตน์" not in landing  # never the officer's name
    evidence = evidence_for(demo, FiscalYear(2566))
    assert evidence["complaint_statistics"][0][1].endswith("/corruption/statistics/2566/")
    login_verified(client, officer)
    client.post("/admin/complaints/key/unlock/", {"passphrase": DEMO_PASSWORD})
    inbox = client.get("/admin/complaints/").content.decode()
    assert all(f"/admin/complaints/{report.pk}/" in inbox for report in reports)
