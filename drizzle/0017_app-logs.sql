CREATE TABLE "app_logs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"level" smallint NOT NULL,
	"role" text,
	"pid" integer,
	"msg" text,
	"request_id" text,
	"user_id" text,
	"route" text,
	"method" text,
	"status" smallint,
	"duration_ms" real,
	"line" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "app_logs_time_id_idx" ON "app_logs" USING btree ("time" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "app_logs_request_id_idx" ON "app_logs" USING btree ("request_id","time") WHERE "app_logs"."request_id" is not null;--> statement-breakpoint
CREATE INDEX "app_logs_user_id_idx" ON "app_logs" USING btree ("user_id","time" DESC NULLS LAST) WHERE "app_logs"."user_id" is not null;