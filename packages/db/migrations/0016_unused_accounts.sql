ALTER TABLE "workspaces" ADD COLUMN "deactivate_unused_after_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "prescribers" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prescribers" ADD COLUMN "deactivated_unused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_deactivate_months" CHECK ("workspaces"."deactivate_unused_after_months" between 1 and 60);--> statement-breakpoint
-- Accounts that exist when this migration runs are judged from their last login in the trail, or
-- from now: none is deactivated for having been unused before BMB kept track.
UPDATE "prescribers" p SET "last_login_at" = coalesce(
  (SELECT max(a."occurred_at") FROM "audit_events" a
   WHERE a."workspace_id" = p."workspace_id" AND a."actor_id" = p."id" AND a."action" = 'login.succeeded'),
  now());
