CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("workspace_id","action","occurred_at");--> statement-breakpoint
CREATE INDEX "patient_access_log_time_idx" ON "patient_access_log" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE INDEX "patient_access_log_action_idx" ON "patient_access_log" USING btree ("workspace_id","action","occurred_at");