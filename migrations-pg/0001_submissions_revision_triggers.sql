-- The tenant's submissions_revision goes up whenever one of its stored questions changes what matching reads, or goes:
-- the same rule as the SQLite triggers of migrations/0007. It runs in the writer's own transaction, so several
-- processes writing at once each raise it under the row lock of the tenant.
CREATE FUNCTION submissions_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE tenants SET submissions_revision = submissions_revision + 1 WHERE id = OLD.tenant_id;
    RETURN OLD;
  END IF;
  UPDATE tenants SET submissions_revision = submissions_revision + 1 WHERE id IN (OLD.tenant_id, NEW.tenant_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER submissions_revision_on_update AFTER UPDATE OF tenant_id, session_id, user_id, normalized, category, status
  ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_revision_bump();
--> statement-breakpoint
CREATE TRIGGER submissions_revision_on_delete AFTER DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_revision_bump();
