-- hand-written: the worker is woken by its queues instead of polling them every 2 s. A row
-- queued for a sweep (an outbox event, a gateway refund or notification, a simulation run
-- handed to the local sweep) NOTIFYs the channel shopflow_work_queued with the queue's name;
-- PostgreSQL delivers a notification only when its transaction commits, so the woken sweep
-- finds the row. One notification per statement, and PostgreSQL folds identical ones of a
-- transaction into one. The leading worker LISTENs (src/server/scheduler/work-queues.ts) and
-- still polls every 30 s for what a lost notification would leave behind.
CREATE OR REPLACE FUNCTION notify_work_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('shopflow_work_queued', TG_ARGV[0]);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER outbox_events_work_queued AFTER INSERT ON outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_work_queued('outbox');--> statement-breakpoint
CREATE TRIGGER gateway_refunds_work_queued AFTER INSERT ON gateway.refunds
  FOR EACH STATEMENT EXECUTE FUNCTION notify_work_queued('gateway-refunds');--> statement-breakpoint
CREATE TRIGGER gateway_notifications_work_queued AFTER INSERT ON gateway.notifications
  FOR EACH STATEMENT EXECUTE FUNCTION notify_work_queued('gateway-notifications');--> statement-breakpoint
CREATE TRIGGER simulation_runs_work_queued AFTER INSERT OR UPDATE OF executor ON simulation_runs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_work_queued('simulation-runs');
