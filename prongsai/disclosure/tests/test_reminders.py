"""Reminder e-mails: before the due date (configurable), once per due date, and when an item is returned."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from prongsai.disclosure import services
from prongsai.disclosure.tests.factories import assign, open_year


def test_heads_are_reminded_of_items_due_soon_once_per_due_date(town, settings):
    settings.PRONGSAI_OIT_REMINDER_DAYS = 5
    today = timezone.localdate()
    items = open_year(town.organization)
    assign(items["O5"], town.departments["pr"], due=today + dt.timedelta(days=3))  # due soon
    assign(items["O7"], town.departments["pr"], due=today - dt.timedelta(days=1))  # overdue
    assign(items["O8"], town.departments["pr"], due=today + dt.timedelta(days=20))  # not yet
    assign(items["O9"], town.departments["pr"], due=today + dt.timedelta(days=1))  # approved: no reminder
    services.oit_evidence_add(
        actor=town.people["pr_staff"], assignment=items["O9"], kind="url", url="https://www.facebook.com/x"
    )
    services.oit_assignment_approve(actor=town.people["coordinator"], assignment=items["O9"])
    mail.outbox.clear()
    call_command("oit_send_reminders")  # enqueues; the immediate backend of the tests runs it at once
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["head@example.go.th"]
    assert "O5" in message.body and "O7" in message.body
    assert "O8" not in message.body and "O9" not in message.body
    mail.outbox.clear()
    call_command("oit_send_reminders")
    assert mail.outbox == []  # each item once per due date
    assign(items["O5"], town.departments["pr"], due=today + dt.timedelta(days=4))
    call_command("oit_send_reminders")
    assert len(mail.outbox) == 1 and "O5" in mail.outbox[0].body and "O7" not in mail.outbox[0].body


def test_the_number_of_days_can_be_given_on_the_command_line(town):
    today = timezone.localdate()
    items = open_year(town.organization)
    assign(items["O15"], town.departments["admin"], due=today + dt.timedelta(days=10))
    mail.outbox.clear()
    call_command("oit_send_reminders", "--days", "3")
    assert mail.outbox == []
    call_command("oit_send_reminders", "--days", "10")
    assert [m.to for m in mail.outbox] == [["admin_staff@example.go.th"]]
