"""The audit log: append-only, hash-chained, verified by `audit_verify`, browsable by the system admin."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from prongsai.core import services
from prongsai.core.audit import GENESIS_HASH, audit_record, audit_verify_chain, compute_hash
from prongsai.core.models import AuditEntry

from .admin_helpers import admin_client, is_denied
from .factories import PASSWORD, make_organization, make_site_organization, make_staff

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigger")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite has no trigger")


def verify() -> tuple[int, str]:
    """Run `manage.py audit_verify`: (exit status, what it printed)."""
    out = io.StringIO()
    try:
        call_command("audit_verify", stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue().strip()
    return 0, out.getvalue().strip()


def record_many(count: int, **kwargs: object) -> list[AuditEntry]:
    return [audit_record(action="test.event", data={"n": n}, **kwargs) for n in range(count)]  # type: ignore[arg-type]


def raw_sql(sql: str, params: list[object]) -> None:
    """Run SQL as someone with direct database access would, bypassing the ORM.

    On PostgreSQL that person must also get past the append-only trigger, which a database
    superuser can do by switching triggers off for the session; the hash chain still catches them.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


# --- manage.py audit_verify ---------------------------------------------------------------------


def test_an_untouched_log_verifies():
    record_many(7)
    total = AuditEntry.objects.count()
    assert verify() == (0, f"Audit log intact: {total} entries verified.")


def test_changed_data_is_reported_at_that_entry():
    entries = record_many(6)
    target = entries[3]
    raw_sql("UPDATE core_auditentry SET data = %s WHERE id = %s", ['{"n": 999}', target.pk])
    assert verify() == (1, f"Audit log broken at entry #{target.sequence}: its content does not match its hash")


def test_a_changed_and_rehashed_entry_is_reported_at_the_next_link():
    entries = record_many(6)
    target = AuditEntry.objects.get(pk=entries[2].pk)
    target.action = "test.innocent"
    forged_hash = compute_hash(target)
    raw_sql(
        "UPDATE core_auditentry SET action = %s, entry_hash = %s WHERE id = %s", [target.action, forged_hash, target.pk]
    )
    status, output = verify()
    assert status == 1
    assert output == (
        f"Audit log broken at entry #{entries[3].sequence}: its previous-hash does not match the entry before it"
    )


def test_a_deleted_middle_entry_is_reported_as_missing():
    entries = record_many(6)
    gone = entries[2]
    raw_sql("DELETE FROM core_auditentry WHERE id = %s", [gone.pk])
    assert verify() == (1, f"Audit log broken at entry #{gone.sequence}: entry #{gone.sequence} is missing")


def test_a_forged_row_is_reported_at_its_place():
    entries = record_many(4)
    last = entries[-1]
    forged = AuditEntry(
        sequence=last.sequence + 1,
        created_at=timezone.now(),
        action="auth.login",
        actor_label="nobody",
        data={},
        prev_hash=GENESIS_HASH,  # the forger does not know where to hook in
    )
    forged.entry_hash = compute_hash(forged)
    columns = (
        "sequence, created_at, actor_label, action, object_type, object_id, object_label, data, prev_hash, entry_hash"
    )
    raw_sql(
        f"INSERT INTO core_auditentry ({columns}) VALUES (%s, %s, %s, %s, '', '', '', %s, %s, %s)",  # noqa: S608
        [forged.sequence, forged.created_at, "nobody", "auth.login", "{}", forged.prev_hash, forged.entry_hash],
    )
    assert verify() == (
        1,
        f"Audit log broken at entry #{forged.sequence}: its previous-hash does not match the entry before it",
    )


def test_a_forged_row_with_a_made_up_hash_is_reported():
    record_many(3)
    last = AuditEntry.objects.order_by("-sequence").first()
    assert last is not None
    columns = (
        "sequence, created_at, actor_label, action, object_type, object_id, object_label, data, prev_hash, entry_hash"
    )
    raw_sql(
        f"INSERT INTO core_auditentry ({columns}) VALUES (%s, %s, '', 'core.staff.create', '', '', '', '{{}}', %s, %s)",  # noqa: S608
        [last.sequence + 1, timezone.now(), last.entry_hash, "f" * 64],
    )
    assert verify() == (1, f"Audit log broken at entry #{last.sequence + 1}: its content does not match its hash")


def test_only_the_first_broken_link_is_reported():
    entries = record_many(8)
    raw_sql("UPDATE core_auditentry SET object_label = 'x' WHERE id IN (%s, %s)", [entries[5].pk, entries[2].pk])
    _checked, broken = audit_verify_chain(batch_size=3)  # across batch boundaries too
    assert broken is not None and broken.sequence == entries[2].sequence


# --- Append-only -----------------------------------------------------------------------------------


def test_the_orm_refuses_to_change_or_delete_entries():
    entry = audit_record(action="test.event")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"
    assert verify()[0] == 0


@postgres_only
def test_postgresql_refuses_raw_update_and_delete():
    entry = audit_record(action="test.event")
    for sql in ("UPDATE core_auditentry SET action = 'x' WHERE id = %s", "DELETE FROM core_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"


@sqlite_only
def test_on_sqlite_only_the_chain_guards_against_raw_sql():
    # No trigger on SQLite (the embedded default): a raw UPDATE goes through, and audit_verify catches it.
    entry = audit_record(action="test.event")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    assert verify()[0] == 1


# --- Appends keep the chain ------------------------------------------------------------------------


def test_many_appends_from_many_organizations_form_one_chain():
    first, second = make_organization(), make_organization()
    for n in range(120):
        audit_record(action="test.event", organization=first if n % 2 else second, data={"n": n})
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    assert all(later.prev_hash == earlier.entry_hash for earlier, later in itertools.pairwise(entries))
    assert verify() == (0, f"Audit log intact: {len(entries)} entries verified.")


def test_an_entry_rolled_back_with_its_transaction_leaves_no_gap():
    audit_record(action="test.before")
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="test.rolled_back")
        raise RuntimeError
    audit_record(action="test.after")
    assert verify()[0] == 0
    assert not AuditEntry.objects.filter(action="test.rolled_back").exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_on_postgresql_keep_the_chain():
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        from django.db import connection as thread_connection

        try:
            for k in range(15):
                audit_record(action="test.concurrent", data={"worker": n, "k": k})
        except BaseException as exc:
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert AuditEntry.objects.filter(action="test.concurrent").count() == 90
    assert verify()[0] == 0


# --- What gets logged -----------------------------------------------------------------------------------


@pytest.fixture
def organization():
    return make_organization()


def test_sign_in_and_failed_sign_in_are_logged(organization):
    user = make_staff(organization=organization, roles=("staff",), username="somsri").user
    browser = Client()
    assert browser.post("/admin/login/", {"username": "somsri", "password": "wrong-password-1"}).status_code == 200
    failed = AuditEntry.objects.filter(action="auth.login_failed").order_by("-sequence").first()
    assert failed is not None
    assert failed.data == {"username": "somsri"}
    assert "wrong-password-1" not in str(failed.data) + failed.object_label
    assert browser.post("/admin/login/", {"username": "somsri", "password": PASSWORD}).status_code == 302
    login = AuditEntry.objects.filter(action="auth.login").order_by("-sequence").first()
    assert login is not None and login.actor == user and login.organization == organization


def test_role_changes_are_logged(organization):
    membership = make_staff(organization=organization, roles=("staff",))
    services.staff_set_roles(membership=membership, roles=["complaint_officer"])
    actions = list(AuditEntry.objects.order_by("-sequence").values_list("action", flat=True)[:2])
    assert sorted(actions) == ["auth.roles.add", "auth.roles.remove"]


def test_publishing_a_page_in_the_admin_is_logged_with_its_organization():
    organization = make_site_organization(hostname="a.test", name="เทศบาลตำบลทดสอบหน้า")
    editor = make_staff(organization=organization, roles=("system_admin",)).user
    editor.is_superuser = True
    editor.save()
    home = Page.objects.get(pk=organization.site.root_page_id)
    client = admin_client(editor, host="a.test")
    add_url = f"/admin/pages/add/site/contentpage/{home.pk}/"
    form = querydict_from_html(client.get(add_url).content.decode(), form_id="page-edit-form")
    form["title"] = "ประกาศรับสมัครงาน"
    form["slug"] = "jobs"
    form["body-count"] = "0"  # the StreamField's form data is normally written by the editor's JavaScript
    form["action-publish"] = "action-publish"
    response = client.post(add_url, form)
    assert response.status_code == 302, response.content.decode()[:800]
    page = Page.objects.get(slug="jobs")
    assert page.live
    entry = AuditEntry.objects.filter(action="wagtail.publish").order_by("-sequence").first()
    assert entry is not None
    assert entry.actor == editor
    assert entry.organization == organization
    assert entry.object_id == str(page.pk)
    assert entry.object_label == "ประกาศรับสมัครงาน"


# --- The audit log screen ---------------------------------------------------------------------------------

LOG = "/admin/audit-log/"


@pytest.fixture
def sysadmin(organization):
    return make_staff(organization=organization, roles=("system_admin",)).user


def sequences_on(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/admin/audit-log/inspect/\d+/"[^>]*>\s*(\d+)\s*</a>', html)]


def test_the_log_lists_newest_first_fifty_a_page(sysadmin, organization):
    record_many(60, organization=organization)
    client = admin_client(sysadmin)
    page = client.get(LOG).content.decode()
    shown = sequences_on(page)
    newest = AuditEntry.objects.filter(organization=organization).order_by("-sequence")
    assert shown == list(newest.values_list("sequence", flat=True)[:50])
    second = sequences_on(client.get(LOG, {"p": 2}).content.decode())
    assert second and max(second) < min(shown)


def test_the_log_takes_the_same_number_of_queries_for_more_entries(sysadmin, organization):
    client = admin_client(sysadmin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LOG).status_code == 200
        return len(queries)

    record_many(3, organization=organization, actor=sysadmin)
    few = count()
    record_many(80, organization=organization, actor=sysadmin)
    assert count() == few


def test_the_log_is_scoped_to_the_organization_and_unscoped_entries_to_superusers(sysadmin, organization):
    other = make_organization()
    audit_record(action="test.ours", organization=organization)
    audit_record(action="test.theirs", organization=other)
    audit_record(action="test.nobodys")
    page = admin_client(sysadmin).get(LOG).content.decode()
    assert "test.ours" in page and "test.theirs" not in page and "test.nobodys" not in page
    sysadmin.is_superuser = True
    sysadmin.save()
    page = admin_client(sysadmin).get(LOG).content.decode()
    assert "test.ours" in page and "test.nobodys" in page and "test.theirs" not in page


def test_the_log_filters_by_action_user_date_and_object_type(sysadmin, organization):
    clerk = make_staff(organization=organization, roles=("staff",), username="clerk").user
    old = audit_record(action="test.old", organization=organization, actor=clerk, object_type="core.department")
    audit_record(action="test.new", organization=organization, actor=sysadmin, object_type="core.position")
    client = admin_client(sysadmin)

    def shown(**query: object) -> set[str]:
        listed = sequences_on(client.get(LOG, query).content.decode())
        actions = AuditEntry.objects.filter(sequence__in=listed).values_list("action", flat=True)
        return set(actions) & {"test.old", "test.new"}

    assert shown() == {"test.old", "test.new"}
    assert shown(action="test.old") == {"test.old"}
    assert shown(actor=clerk.pk) == {"test.old"}
    assert shown(object_type="core.position") == {"test.new"}
    today = timezone.localdate()
    assert shown(created_at_from=today.isoformat(), created_at_to=today.isoformat()) == {"test.old", "test.new"}
    tomorrow = today + dt.timedelta(days=1)
    assert shown(created_at_from=tomorrow.isoformat()) == set()
    # Only this organization's people are offered in the user filter.
    make_staff(organization=make_organization(), username="stranger", first_name="คนแปลกหน้า")
    assert "คนแปลกหน้า" not in client.get(LOG).content.decode()
    assert old.sequence in sequences_on(client.get(LOG, {"action": "test.old"}).content.decode())


def test_an_entry_shows_its_details_as_json(sysadmin, organization):
    entry = audit_record(
        action="core.department.update",
        organization=organization,
        actor=sysadmin,
        object_label="กองคลัง",
        data={"changes": {"name": ["กองคลัง", "กองคลังและพัสดุ"]}},
    )
    page = admin_client(sysadmin).get(f"{LOG}inspect/{entry.pk}/").content.decode()
    assert '<pre class="prongsai-audit-data">' in page
    assert "กองคลังและพัสดุ" in page
    assert "&quot;changes&quot;" in page or '"changes"' in page
    assert entry.entry_hash in page


def test_the_log_is_only_for_those_allowed_to_read_it(organization):
    audit_record(action="test.secret", organization=organization)
    for role in ("staff", "executive", "complaint_officer"):
        client = admin_client(make_staff(organization=organization, roles=(role,)).user)
        assert is_denied(client.get(LOG)), role
        assert "/admin/audit-log/" not in client.get("/admin/").content.decode()


def test_the_log_has_no_add_edit_or_delete_screens(sysadmin, organization):
    entry = audit_record(action="test.event", organization=organization)
    client = admin_client(sysadmin)
    for url in (f"{LOG}new/", f"{LOG}edit/{entry.pk}/", f"{LOG}delete/{entry.pk}/"):
        assert client.get(url).status_code == 404, url
