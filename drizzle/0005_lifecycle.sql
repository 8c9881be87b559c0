CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"order_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_receipts" (
	"event_id" uuid NOT NULL,
	"consumer_id" text NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_receipts_event_id_consumer_id_pk" PRIMARY KEY("event_id","consumer_id")
);
--> statement-breakpoint
CREATE TABLE "task_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" text NOT NULL,
	"trigger" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"run_id" text,
	"event_name" text,
	"event_data" jsonb,
	"result" jsonb,
	"error" text,
	"retry_of" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "task_runs_runId_unique" UNIQUE("run_id")
);
--> statement-breakpoint
ALTER TABLE "outbox_receipts" ADD CONSTRAINT "outbox_receipts_event_id_outbox_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."outbox_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_events_undelivered_idx" ON "outbox_events" USING btree ("next_attempt_at") WHERE "outbox_events"."delivered_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_events_order_id_created_at_index" ON "outbox_events" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_events_name_created_at_index" ON "outbox_events" USING btree ("name","created_at");--> statement-breakpoint
CREATE INDEX "task_runs_task_id_started_at_index" ON "task_runs" USING btree ("task_id","started_at");--> statement-breakpoint
CREATE INDEX "task_runs_status_started_at_index" ON "task_runs" USING btree ("status","started_at");--> statement-breakpoint
CREATE INDEX "task_runs_started_at_index" ON "task_runs" USING btree ("started_at");