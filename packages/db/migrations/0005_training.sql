CREATE TYPE "public"."training_run_status" AS ENUM('active', 'completed', 'abandoned');--> statement-breakpoint
CREATE TABLE "training_runs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"scenario" text NOT NULL,
	"sandbox_workspace_id" uuid,
	"status" "training_run_status" DEFAULT 'active' NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"visits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_mistake" text,
	"last_mistake_at" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "training_runs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "required_training" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "prescribers" ADD COLUMN "training_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD COLUMN "training_run_id" uuid;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_sandbox_workspace_id_workspaces_id_fk" FOREIGN KEY ("sandbox_workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_workspace_id_learner_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","learner_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_runs_one_active" ON "training_runs" USING btree ("workspace_id","learner_id","scenario") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "training_runs_learner_idx" ON "training_runs" USING btree ("workspace_id","learner_id");