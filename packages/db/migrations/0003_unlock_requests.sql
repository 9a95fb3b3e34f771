CREATE TYPE "public"."unlock_request_status" AS ENUM('open', 'unlocked', 'declined');--> statement-breakpoint
CREATE TABLE "unlock_requests" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"bmb_id" uuid NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" "unlock_request_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by_id" uuid,
	"answered_at" timestamp with time zone,
	"answer_message" text,
	CONSTRAINT "unlock_requests_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "unlock_requests" ADD CONSTRAINT "unlock_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlock_requests" ADD CONSTRAINT "unlock_requests_workspace_id_bmb_id_bmbs_workspace_id_id_fk" FOREIGN KEY ("workspace_id","bmb_id") REFERENCES "public"."bmbs"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlock_requests" ADD CONSTRAINT "unlock_requests_workspace_id_requested_by_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","requested_by_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unlock_requests" ADD CONSTRAINT "unlock_requests_workspace_id_answered_by_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","answered_by_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unlock_requests_one_open_per_bmb" ON "unlock_requests" USING btree ("workspace_id","bmb_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "unlock_requests_queue_idx" ON "unlock_requests" USING btree ("workspace_id","status","created_at");