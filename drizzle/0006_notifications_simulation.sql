CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"order_id" uuid,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_event_id" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "simulation_orders" (
	"run_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"shopper_idx" integer NOT NULL,
	"outcome" text NOT NULL,
	"order_id" uuid,
	"stage" text DEFAULT 'planned' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "simulation_orders_run_id_idx_pk" PRIMARY KEY("run_id","idx")
);
--> statement-breakpoint
CREATE TABLE "simulation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"executor" text DEFAULT 'local' NOT NULL,
	"params" jsonb NOT NULL,
	"seed" integer NOT NULL,
	"total_shoppers" integer NOT NULL,
	"total_orders" integer NOT NULL,
	"batch_size" integer NOT NULL,
	"batch_count" integer NOT NULL,
	"batch_interval_ms" integer DEFAULT 0 NOT NULL,
	"next_batch" integer DEFAULT 0 NOT NULL,
	"next_batch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shoppers_created" integer DEFAULT 0 NOT NULL,
	"orders_created" integer DEFAULT 0 NOT NULL,
	"orders_failed" integer DEFAULT 0 NOT NULL,
	"outcome_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "simulation_runs_progress" CHECK ("simulation_runs"."next_batch" >= 0 AND "simulation_runs"."next_batch" <= "simulation_runs"."batch_count")
);
--> statement-breakpoint
CREATE TABLE "simulation_shoppers" (
	"run_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "simulation_shoppers_run_id_idx_pk" PRIMARY KEY("run_id","idx")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_orders" ADD CONSTRAINT "simulation_orders_run_id_simulation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."simulation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_orders" ADD CONSTRAINT "simulation_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_runs" ADD CONSTRAINT "simulation_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_shoppers" ADD CONSTRAINT "simulation_shoppers_run_id_simulation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."simulation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "simulation_shoppers" ADD CONSTRAINT "simulation_shoppers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_event_unique" ON "notifications" USING btree ("user_id","source_event_id");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_index" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "simulation_orders_order_id_index" ON "simulation_orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "simulation_runs_created_at_index" ON "simulation_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "simulation_runs_status_next_batch_at_index" ON "simulation_runs" USING btree ("status","next_batch_at");--> statement-breakpoint
CREATE UNIQUE INDEX "simulation_runs_one_running" ON "simulation_runs" USING btree ((true)) WHERE "simulation_runs"."status" = 'running';