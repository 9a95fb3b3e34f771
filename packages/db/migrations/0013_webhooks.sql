CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'sent', 'failing', 'given_up');--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"event_type" "bmb_event_type" NOT NULL,
	"status" "webhook_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "webhook_deliveries_once_per_endpoint" UNIQUE("workspace_id","endpoint_id","event_id"),
	CONSTRAINT "webhook_deliveries_sent_at" CHECK (("webhook_deliveries"."status" = 'sent') = ("webhook_deliveries"."sent_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"event_types" "bmb_event_type"[] NOT NULL,
	"secret" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid NOT NULL,
	"disabled_at" timestamp with time zone,
	"cursor_tx_id" "xid8" DEFAULT pg_snapshot_xmin(pg_current_snapshot()) NOT NULL,
	"cursor_id" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "webhook_endpoints_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "webhook_endpoints_disabled_when_inactive" CHECK ("webhook_endpoints"."active" = ("webhook_endpoints"."disabled_at" is null)),
	CONSTRAINT "webhook_endpoints_some_event_type" CHECK (cardinality("webhook_endpoints"."event_types") > 0)
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_endpoint_id_webhook_endpoints_workspace_id_id_fk" FOREIGN KEY ("workspace_id","endpoint_id") REFERENCES "public"."webhook_endpoints"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_event_id_bmb_events_workspace_id_id_fk" FOREIGN KEY ("workspace_id","event_id") REFERENCES "public"."bmb_events"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_created_by_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","created_by") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_open_idx" ON "webhook_deliveries" USING btree ("workspace_id","endpoint_id","event_id") WHERE status in ('pending', 'failing');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_failed_idx" ON "webhook_deliveries" USING btree ("workspace_id","created_at") WHERE status in ('failing', 'given_up');--> statement-breakpoint
-- Webhooks carry the feed, which only the production workspace has: a sandbox registers none and owes none.
CREATE FUNCTION webhooks_production_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT kind FROM workspaces WHERE id = NEW.workspace_id) <> 'production' THEN
    RAISE EXCEPTION 'webhooks are only for the production workspace' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhook_endpoints_production_only BEFORE INSERT OR UPDATE OF workspace_id ON webhook_endpoints
  FOR EACH ROW EXECUTE FUNCTION webhooks_production_only();
--> statement-breakpoint
CREATE TRIGGER webhook_deliveries_production_only BEFORE INSERT OR UPDATE OF workspace_id ON webhook_deliveries
  FOR EACH ROW EXECUTE FUNCTION webhooks_production_only();
