"""On PostgreSQL, refuse UPDATE and DELETE on the audit log inside the database itself.

The ORM already refuses; the trigger also stops a raw SQL session of the application
role. A database superuser can still drop the trigger, which is why the log is also
hash-chained and `audit_verify` exists (docs/security/audit-log.md).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION prongsai_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only
    BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION prongsai_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS prongsai_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
