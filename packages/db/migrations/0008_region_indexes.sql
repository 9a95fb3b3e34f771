CREATE INDEX "loans_unit_idx" ON "loans" USING btree ("workspace_id","unit_id");--> statement-breakpoint
CREATE INDEX "bmb_lines_loan_idx" ON "bmb_lines" USING btree ("workspace_id","loan_id");--> statement-breakpoint
CREATE INDEX "bmbs_from_patient_idx" ON "bmbs" USING btree ("workspace_id","from_patient_id");--> statement-breakpoint
CREATE INDEX "bmbs_to_patient_idx" ON "bmbs" USING btree ("workspace_id","to_patient_id");--> statement-breakpoint
CREATE INDEX "bmbs_sent_at_idx" ON "bmbs" USING btree ("workspace_id","sent_at");--> statement-breakpoint
CREATE INDEX "bmbs_open_sent_at_idx" ON "bmbs" USING btree ("workspace_id","sent_at") WHERE status = 'sent';