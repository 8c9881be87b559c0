CREATE TABLE "task_idle_runs" (
	"task_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"runs" integer NOT NULL,
	"last_started_at" timestamp with time zone NOT NULL,
	CONSTRAINT "task_idle_runs_task_id_hour_pk" PRIMARY KEY("task_id","hour")
);
