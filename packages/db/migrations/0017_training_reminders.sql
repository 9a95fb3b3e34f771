ALTER TYPE "public"."notification_kind" ADD VALUE 'training_reminder';--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "bmb_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "training_reminder_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_training_reminder_days" CHECK ("workspaces"."training_reminder_days" between 1 and 90);--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_bmb_unless_training" CHECK (("notifications"."kind"::text = 'training_reminder') = ("notifications"."bmb_id" is null));