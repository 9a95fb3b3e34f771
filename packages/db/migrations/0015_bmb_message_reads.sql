CREATE TYPE "public"."bmb_message_kind" AS ENUM('rejected', 'unlocked', 'unlock_declined');--> statement-breakpoint
CREATE TABLE "bmb_message_reads" (
	"workspace_id" uuid NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"kind" "bmb_message_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"bmb_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bmb_message_reads_workspace_id_prescriber_id_kind_subject_id_pk" PRIMARY KEY("workspace_id","prescriber_id","kind","subject_id")
);
--> statement-breakpoint
ALTER TABLE "bmb_message_reads" ADD CONSTRAINT "bmb_message_reads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmb_message_reads" ADD CONSTRAINT "bmb_message_reads_workspace_id_prescriber_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","prescriber_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmb_message_reads" ADD CONSTRAINT "bmb_message_reads_workspace_id_bmb_id_bmbs_workspace_id_id_fk" FOREIGN KEY ("workspace_id","bmb_id") REFERENCES "public"."bmbs"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bmb_message_reads_bmb_idx" ON "bmb_message_reads" USING btree ("workspace_id","bmb_id");