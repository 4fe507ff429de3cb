"""On PostgreSQL, refuse DELETE on claims and their history at the database itself.

The application never deletes claims (they are rejected or retracted with a reason); this
makes the promise hold for raw SQL and bulk deletes too.
"""

from django.db import migrations

TABLES = ("claims_claim", "claims_claimevent")

FUNCTION = """
CREATE OR REPLACE FUNCTION scorecheck_refuse_delete() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'rows of %% are never deleted; retract or reject with a reason', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION scorecheck_refuse_delete()"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_never_deleted ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS scorecheck_refuse_delete()")


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
