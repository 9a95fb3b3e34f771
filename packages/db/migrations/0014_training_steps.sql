CREATE TABLE "training_run_steps" (
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"label" text NOT NULL,
	"reached_at" timestamp with time zone NOT NULL,
	"passed_at" timestamp with time zone,
	"hints" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "training_run_steps_workspace_id_run_id_step_pk" PRIMARY KEY("workspace_id","run_id","step")
);
--> statement-breakpoint
ALTER TABLE "training_runs" ADD COLUMN "acknowledged_steps" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "training_runs" ADD COLUMN "last_hint" text;--> statement-breakpoint
ALTER TABLE "training_run_steps" ADD CONSTRAINT "training_run_steps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_run_steps" ADD CONSTRAINT "training_run_steps_workspace_id_run_id_training_runs_workspace_id_id_fk" FOREIGN KEY ("workspace_id","run_id") REFERENCES "public"."training_runs"("workspace_id","id") ON DELETE no action ON UPDATE no action;