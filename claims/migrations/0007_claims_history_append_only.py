"""Claims and their history are append-only in the database itself, whatever the caller.

- claims_claimevent (history): UPDATE, DELETE and TRUNCATE are refused.
- claims_claim: DELETE (0002) and TRUNCATE are refused, including a TRUNCATE reaching it
  through CASCADE and `manage.py flush`; an UPDATE that changes a row must be accompanied, in
  the same transaction, by a history event for that claim (`claims.services` writes one for
  every change), so `Claim.objects.filter(...).update(...)` cannot rewrite a claim unseen.
  The check is a deferred constraint trigger: it runs at commit, after the service has written
  the event that follows its update.

Each event insert notes its claim in a transaction-local setting (`scorecheck.claim_events`),
which the update check reads; a savepoint rolled back takes its notes with it.

TRUNCATE is allowed only when the session sets `scorecheck.allow_history_truncate` to `on`: the
test suite's flush between transactional tests does (tests/conftest.py), nothing else should.
This guards against accidents, not against a database owner or superuser, who can set that
too, disable triggers or use session_replication_role=replica: see README, "Claims are
never lost", for what protects against that (a non-owner application role, nightly dumps).
"""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION scorecheck_refuse_history_rewrite() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the history of claims (%) is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION scorecheck_refuse_truncate() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('scorecheck.allow_history_truncate', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '% is never truncated: claims and their history are kept', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION scorecheck_note_claim_event() RETURNS trigger AS $$
BEGIN
  PERFORM set_config(
    'scorecheck.claim_events',
    coalesce(current_setting('scorecheck.claim_events', true), '') || ',' || NEW.claim_id,
    true
  );
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION scorecheck_claim_change_has_event() RETURNS trigger AS $$
BEGIN
  IF position(
    ',' || NEW.id || ','
    IN coalesce(current_setting('scorecheck.claim_events', true), '') || ','
  ) = 0 THEN
    RAISE EXCEPTION 'claim % was changed without a history event: change claims through '
      'claims.services', NEW.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_claimevent_append_only BEFORE UPDATE OR DELETE ON claims_claimevent
  FOR EACH ROW EXECUTE FUNCTION scorecheck_refuse_history_rewrite();
CREATE TRIGGER claims_claimevent_never_truncated BEFORE TRUNCATE ON claims_claimevent
  FOR EACH STATEMENT EXECUTE FUNCTION scorecheck_refuse_truncate();
CREATE TRIGGER claims_claim_never_truncated BEFORE TRUNCATE ON claims_claim
  FOR EACH STATEMENT EXECUTE FUNCTION scorecheck_refuse_truncate();
CREATE TRIGGER claims_claimevent_noted AFTER INSERT ON claims_claimevent
  FOR EACH ROW EXECUTE FUNCTION scorecheck_note_claim_event();
CREATE CONSTRAINT TRIGGER claims_claim_change_has_event AFTER UPDATE ON claims_claim
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION scorecheck_claim_change_has_event();
"""

REVERSE = """
DROP TRIGGER IF EXISTS claims_claim_change_has_event ON claims_claim;
DROP TRIGGER IF EXISTS claims_claimevent_noted ON claims_claimevent;
DROP TRIGGER IF EXISTS claims_claim_never_truncated ON claims_claim;
DROP TRIGGER IF EXISTS claims_claimevent_never_truncated ON claims_claimevent;
DROP TRIGGER IF EXISTS claims_claimevent_append_only ON claims_claimevent;
DROP FUNCTION IF EXISTS scorecheck_claim_change_has_event();
DROP FUNCTION IF EXISTS scorecheck_note_claim_event();
DROP FUNCTION IF EXISTS scorecheck_refuse_truncate();
DROP FUNCTION IF EXISTS scorecheck_refuse_history_rewrite();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL.replace("%", "%%"))  # RAISE's placeholders, not the driver's


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_claim_value_finite")]
    operations = [migrations.RunPython(install, uninstall)]
