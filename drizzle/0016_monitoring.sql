CREATE TABLE "process_heartbeats" (
	"instance_id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"pid" integer NOT NULL,
	"host" text NOT NULL,
	"version" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_beat_at" timestamp with time zone NOT NULL,
	"interval_ms" integer NOT NULL,
	"rss_bytes" bigint NOT NULL,
	"heap_used_bytes" bigint NOT NULL,
	"heap_total_bytes" bigint NOT NULL,
	"event_loop_delay_mean_ms" double precision NOT NULL,
	"event_loop_delay_p99_ms" double precision NOT NULL,
	"event_loop_delay_max_ms" double precision NOT NULL,
	"db_pools" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scheduler_leader" boolean
);
--> statement-breakpoint
CREATE TABLE "request_stats_minutely" (
	"minute" timestamp with time zone NOT NULL,
	"route" text NOT NULL,
	"count" integer NOT NULL,
	"client_errors" integer NOT NULL,
	"server_errors" integer NOT NULL,
	"duration_sum_ms" double precision NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	CONSTRAINT "request_stats_minutely_minute_route_pk" PRIMARY KEY("minute","route")
);
--> statement-breakpoint
CREATE INDEX "process_heartbeats_last_beat_at_index" ON "process_heartbeats" USING btree ("last_beat_at");