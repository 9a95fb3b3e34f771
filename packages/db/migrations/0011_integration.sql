CREATE TYPE "public"."line_closed_reason" AS ENUM('returned');--> statement-breakpoint
CREATE TYPE "public"."bmb_event_type" AS ENUM('bmb.sent', 'bmb.accepted', 'bmb.rejected', 'bmb.unlocked', 'bmb.line-closed');--> statement-breakpoint
CREATE TABLE "bmb_events" (
	"workspace_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"type" "bmb_event_type" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"bmb_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "bmb_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
DROP INDEX "bmb_lines_one_open_bmb_per_loan";--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "source_version" bigint;--> statement-breakpoint
ALTER TABLE "bmb_lines" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bmb_lines" ADD COLUMN "closed_reason" "line_closed_reason";--> statement-breakpoint
ALTER TABLE "bmb_events" ADD CONSTRAINT "bmb_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmb_events" ADD CONSTRAINT "bmb_events_workspace_id_bmb_id_bmbs_workspace_id_id_fk" FOREIGN KEY ("workspace_id","bmb_id") REFERENCES "public"."bmbs"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bmb_events_feed_idx" ON "bmb_events" USING btree ("workspace_id","tx_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_source_id_key" ON "loans" USING btree ("workspace_id","source_id") WHERE source_id is not null;--> statement-breakpoint
CREATE INDEX "bmbs_updated_idx" ON "bmbs" USING btree ("workspace_id","updated_at","id") WHERE status <> 'draft' and status <> 'discarded';--> statement-breakpoint
CREATE UNIQUE INDEX "bmb_lines_one_open_bmb_per_loan" ON "bmb_lines" USING btree ("workspace_id","loan_id") WHERE bmb_status = 'sent' and closed_at is null;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_source_versioned" CHECK (("loans"."source_id" is null) = ("loans"."source_version" is null));--> statement-breakpoint
ALTER TABLE "bmb_lines" ADD CONSTRAINT "bmb_lines_closed_with_reason" CHECK (("bmb_lines"."closed_at" is null) = ("bmb_lines"."closed_reason" is null));--> statement-breakpoint
-- The feed is what the stock system was told: immutable, like the trail.
CREATE TRIGGER bmb_events_append_only
  BEFORE UPDATE OR DELETE ON bmb_events
  FOR EACH ROW EXECUTE FUNCTION refuse_log_change();
--> statement-breakpoint
CREATE TRIGGER bmb_events_no_truncate
  BEFORE TRUNCATE ON bmb_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change();
--> statement-breakpoint
-- A machine client never sees a training workspace: sandboxes have no feed.
CREATE FUNCTION bmb_events_production_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT kind FROM workspaces WHERE id = NEW.workspace_id) <> 'production' THEN
    RAISE EXCEPTION 'events are only for the production workspace' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER bmb_events_production_only BEFORE INSERT ON bmb_events
  FOR EACH ROW EXECUTE FUNCTION bmb_events_production_only();
