-- Training sandboxes are thrown away whole (pnpm training:purge). The logs stay
-- append-only for production: only rows of a training workspace may be deleted.
CREATE OR REPLACE FUNCTION refuse_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (
    SELECT 1 FROM workspaces w WHERE w.id = OLD.workspace_id AND w.kind = 'training'
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION refuse_production_workspace_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.kind = 'production' THEN
    RAISE EXCEPTION 'the production workspace is never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER workspaces_keep_production
  BEFORE DELETE ON workspaces
  FOR EACH ROW EXECUTE FUNCTION refuse_production_workspace_delete();
