CREATE TYPE "public"."article_kind" AS ENUM('H', 'T', 'R');--> statement-breakpoint
CREATE TYPE "public"."bmb_status" AS ENUM('draft', 'sent', 'accepted', 'rejected', 'discarded', 'unlocked');--> statement-breakpoint
CREATE TYPE "public"."prescriber_role" AS ENUM('prescriber', 'admin');--> statement-breakpoint
CREATE TYPE "public"."workspace_kind" AS ENUM('production', 'training');--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "workspace_kind" NOT NULL,
	"name" text NOT NULL,
	"clock_offset_seconds" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_addresses" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "delivery_addresses_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "delivery_addresses_code_key" UNIQUE("workspace_id","code")
);
--> statement-breakpoint
CREATE TABLE "payers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "payers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "payers_code_key" UNIQUE("workspace_id","code")
);
--> statement-breakpoint
CREATE TABLE "prescriber_delivery_addresses" (
	"workspace_id" uuid NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"delivery_address_id" uuid NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	CONSTRAINT "prescriber_delivery_addresses_workspace_id_prescriber_id_delivery_address_id_pk" PRIMARY KEY("workspace_id","prescriber_id","delivery_address_id")
);
--> statement-breakpoint
CREATE TABLE "prescriber_payers" (
	"workspace_id" uuid NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	CONSTRAINT "prescriber_payers_workspace_id_prescriber_id_payer_id_pk" PRIMARY KEY("workspace_id","prescriber_id","payer_id")
);
--> statement-breakpoint
CREATE TABLE "prescribers" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"mobile" text DEFAULT '' NOT NULL,
	"fax" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"role" "prescriber_role" DEFAULT 'prescriber' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prescribers_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "prescribers_username_key" UNIQUE("workspace_id","username"),
	CONSTRAINT "prescribers_username_lower" CHECK ("prescribers"."username" = lower("prescribers"."username"))
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"article_no" text NOT NULL,
	"name" text NOT NULL,
	"kind" "article_kind" DEFAULT 'H' NOT NULL,
	"price_ore" integer NOT NULL,
	"patient_fee" boolean DEFAULT false NOT NULL,
	"individual" boolean NOT NULL,
	CONSTRAINT "articles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "articles_article_no_key" UNIQUE("workspace_id","article_no"),
	CONSTRAINT "articles_price_not_negative" CHECK ("articles"."price_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"unit_id" uuid,
	"quantity" integer DEFAULT 1 NOT NULL,
	"prescriber_id" uuid NOT NULL,
	"payer_id" uuid NOT NULL,
	"delivery_address_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"ordered_on" date NOT NULL,
	"ordered_quantity" integer NOT NULL,
	"delivered_on" date,
	"delivered_quantity" integer,
	"returned_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "loans_quantity_positive" CHECK ("loans"."quantity" > 0),
	CONSTRAINT "loans_individ_is_one" CHECK ("loans"."unit_id" is null or "loans"."quantity" = 1)
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"personnummer" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "patients_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "patients_personnummer_key" UNIQUE("workspace_id","personnummer"),
	CONSTRAINT "patients_personnummer_12_digits" CHECK ("patients"."personnummer" ~ '^[0-9]{12}$')
);
--> statement-breakpoint
CREATE TABLE "units" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"individ_no" text NOT NULL,
	CONSTRAINT "units_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "units_individ_no_key" UNIQUE("workspace_id","individ_no"),
	CONSTRAINT "units_article_key" UNIQUE("workspace_id","id","article_id")
);
--> statement-breakpoint
CREATE TABLE "bmb_lines" (
	"workspace_id" uuid NOT NULL,
	"bmb_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"bmb_status" "bmb_status" DEFAULT 'draft' NOT NULL,
	CONSTRAINT "bmb_lines_workspace_id_bmb_id_loan_id_pk" PRIMARY KEY("workspace_id","bmb_id","loan_id")
);
--> statement-breakpoint
CREATE TABLE "bmbs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" "bmb_status" DEFAULT 'draft' NOT NULL,
	"sender_id" uuid NOT NULL,
	"receiver_id" uuid NOT NULL,
	"from_patient_id" uuid NOT NULL,
	"to_patient_id" uuid NOT NULL,
	"bmb_date" date NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"needs_assessment_confirmed" boolean DEFAULT false NOT NULL,
	"device_safe_confirmed" boolean DEFAULT false NOT NULL,
	"send_key" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answer_message" text,
	"chosen_delivery_address_id" uuid,
	"chosen_payer_id" uuid,
	"discarded_at" timestamp with time zone,
	"unlocked_at" timestamp with time zone,
	"unlocked_by_id" uuid,
	"unlock_reason" text,
	CONSTRAINT "bmbs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "bmbs_status_key" UNIQUE("workspace_id","id","status"),
	CONSTRAINT "bmbs_something_changes" CHECK ("bmbs"."sender_id" <> "bmbs"."receiver_id" or "bmbs"."from_patient_id" <> "bmbs"."to_patient_id"),
	CONSTRAINT "bmbs_sent_at_matches_status" CHECK (("bmbs"."sent_at" is not null) = ("bmbs"."status" in ('sent', 'accepted', 'rejected', 'unlocked'))),
	CONSTRAINT "bmbs_answer_matches_status" CHECK (("bmbs"."answered_at" is not null) = ("bmbs"."status" in ('accepted', 'rejected'))),
	CONSTRAINT "bmbs_accepted_has_choice" CHECK ("bmbs"."status" <> 'accepted' or ("bmbs"."chosen_delivery_address_id" is not null and "bmbs"."chosen_payer_id" is not null)),
	CONSTRAINT "bmbs_discarded_matches_status" CHECK (("bmbs"."discarded_at" is not null) = ("bmbs"."status" = 'discarded')),
	CONSTRAINT "bmbs_unlock_matches_status" CHECK (("bmbs"."unlocked_at" is not null and "bmbs"."unlocked_by_id" is not null and "bmbs"."unlock_reason" is not null) = ("bmbs"."status" = 'unlocked')),
	CONSTRAINT "bmbs_patient_change_confirmed" CHECK ("bmbs"."from_patient_id" = "bmbs"."to_patient_id" or "bmbs"."status" in ('draft', 'discarded') or ("bmbs"."needs_assessment_confirmed" and "bmbs"."device_safe_confirmed"))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "patient_access_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "patient_access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"care_unit_id" uuid,
	"patient_id" uuid NOT NULL,
	"action" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivery_addresses" ADD CONSTRAINT "delivery_addresses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payers" ADD CONSTRAINT "payers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_delivery_addresses" ADD CONSTRAINT "prescriber_delivery_addresses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_delivery_addresses" ADD CONSTRAINT "prescriber_delivery_addresses_workspace_id_prescriber_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","prescriber_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_delivery_addresses" ADD CONSTRAINT "prescriber_delivery_addresses_workspace_id_delivery_address_id_delivery_addresses_workspace_id_id_fk" FOREIGN KEY ("workspace_id","delivery_address_id") REFERENCES "public"."delivery_addresses"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_payers" ADD CONSTRAINT "prescriber_payers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_payers" ADD CONSTRAINT "prescriber_payers_workspace_id_prescriber_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","prescriber_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescriber_payers" ADD CONSTRAINT "prescriber_payers_workspace_id_payer_id_payers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","payer_id") REFERENCES "public"."payers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prescribers" ADD CONSTRAINT "prescribers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_patient_id_patients_workspace_id_id_fk" FOREIGN KEY ("workspace_id","patient_id") REFERENCES "public"."patients"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_article_id_articles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","article_id") REFERENCES "public"."articles"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_unit_id_article_id_units_workspace_id_id_article_id_fk" FOREIGN KEY ("workspace_id","unit_id","article_id") REFERENCES "public"."units"("workspace_id","id","article_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_prescriber_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","prescriber_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_payer_id_payers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","payer_id") REFERENCES "public"."payers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_workspace_id_delivery_address_id_delivery_addresses_workspace_id_id_fk" FOREIGN KEY ("workspace_id","delivery_address_id") REFERENCES "public"."delivery_addresses"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_workspace_id_article_id_articles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","article_id") REFERENCES "public"."articles"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmb_lines" ADD CONSTRAINT "bmb_lines_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmb_lines" ADD CONSTRAINT "bmb_lines_workspace_id_bmb_id_bmb_status_bmbs_workspace_id_id_status_fk" FOREIGN KEY ("workspace_id","bmb_id","bmb_status") REFERENCES "public"."bmbs"("workspace_id","id","status") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "bmb_lines" ADD CONSTRAINT "bmb_lines_workspace_id_loan_id_loans_workspace_id_id_fk" FOREIGN KEY ("workspace_id","loan_id") REFERENCES "public"."loans"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_sender_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","sender_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_receiver_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","receiver_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_unlocked_by_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","unlocked_by_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_from_patient_id_patients_workspace_id_id_fk" FOREIGN KEY ("workspace_id","from_patient_id") REFERENCES "public"."patients"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_to_patient_id_patients_workspace_id_id_fk" FOREIGN KEY ("workspace_id","to_patient_id") REFERENCES "public"."patients"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_chosen_delivery_address_id_delivery_addresses_workspace_id_id_fk" FOREIGN KEY ("workspace_id","chosen_delivery_address_id") REFERENCES "public"."delivery_addresses"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bmbs" ADD CONSTRAINT "bmbs_workspace_id_chosen_payer_id_payers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","chosen_payer_id") REFERENCES "public"."payers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_workspace_id_actor_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","actor_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access_log" ADD CONSTRAINT "patient_access_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access_log" ADD CONSTRAINT "patient_access_log_workspace_id_user_id_prescribers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","user_id") REFERENCES "public"."prescribers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access_log" ADD CONSTRAINT "patient_access_log_workspace_id_care_unit_id_payers_workspace_id_id_fk" FOREIGN KEY ("workspace_id","care_unit_id") REFERENCES "public"."payers"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_access_log" ADD CONSTRAINT "patient_access_log_workspace_id_patient_id_patients_workspace_id_id_fk" FOREIGN KEY ("workspace_id","patient_id") REFERENCES "public"."patients"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_one_production" ON "workspaces" USING btree ("kind") WHERE kind = 'production';--> statement-breakpoint
CREATE UNIQUE INDEX "prescriber_delivery_addresses_one_default" ON "prescriber_delivery_addresses" USING btree ("workspace_id","prescriber_id") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "prescriber_payers_one_default" ON "prescriber_payers" USING btree ("workspace_id","prescriber_id") WHERE is_default;--> statement-breakpoint
CREATE UNIQUE INDEX "loans_one_active_per_unit" ON "loans" USING btree ("workspace_id","unit_id") WHERE unit_id is not null and returned_on is null;--> statement-breakpoint
CREATE INDEX "loans_patient_idx" ON "loans" USING btree ("workspace_id","patient_id");--> statement-breakpoint
CREATE INDEX "loans_prescriber_idx" ON "loans" USING btree ("workspace_id","prescriber_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bmb_lines_one_open_bmb_per_loan" ON "bmb_lines" USING btree ("workspace_id","loan_id") WHERE bmb_status = 'sent';--> statement-breakpoint
CREATE UNIQUE INDEX "bmbs_send_key" ON "bmbs" USING btree ("workspace_id","send_key") WHERE send_key is not null;--> statement-breakpoint
CREATE INDEX "bmbs_receiver_idx" ON "bmbs" USING btree ("workspace_id","receiver_id","status");--> statement-breakpoint
CREATE INDEX "bmbs_sender_idx" ON "bmbs" USING btree ("workspace_id","sender_id","status");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("workspace_id","entity_type","entity_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("workspace_id","actor_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_time_idx" ON "audit_events" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE INDEX "patient_access_log_patient_idx" ON "patient_access_log" USING btree ("workspace_id","patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "patient_access_log_user_idx" ON "patient_access_log" USING btree ("workspace_id","user_id","occurred_at");