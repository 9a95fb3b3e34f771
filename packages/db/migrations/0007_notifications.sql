CREATE TYPE "public"."notification_kind" AS ENUM('bmb_arrived', 'bmb_reminder', 'bmb_answered', 'bmb_locked', 'unlock_answered');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'queued', 'sent', 'cancelled');--> statement-breakpoint
CREATE TABLE "notifications" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"recipient_id" uuid NOT NULL,
	"bmb_id" uuid NOT NULL,
	"unlock_request_id" uuid,
	"dedupe_key" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"queued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notifications_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "notifications_dedupe_key" UNIQUE("workspace_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "prescribers" ADD COLUMN "reminders_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_recipient_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","recipient_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_bmb_id_bmbs_workspace_id_id_fk" FOREIGN KEY ("workspace_id","bmb_id") REFERENCES "public"."bmbs"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_unlock_request_id_unlock_requests_workspace_id_id_fk" FOREIGN KEY ("workspace_id","unlock_request_id") REFERENCES "public"."unlock_requests"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_bmb_idx" ON "notifications" USING btree ("workspace_id","bmb_id");--> statement-breakpoint
-- Training sandboxes never send mail: the outbox refuses their rows outright.
CREATE FUNCTION notifications_production_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT kind FROM workspaces WHERE id = NEW.workspace_id) <> 'production' THEN
    RAISE EXCEPTION 'notifications are only for the production workspace' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER notifications_production_only BEFORE INSERT OR UPDATE OF workspace_id ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_production_only();
