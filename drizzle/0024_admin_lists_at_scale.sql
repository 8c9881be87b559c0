CREATE TABLE "payment_daily_rollups" (
	"day" date NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"shard" smallint NOT NULL,
	"payments" integer DEFAULT 0 NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"attempts" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "payment_daily_rollups_day_status_method_shard_pk" PRIMARY KEY("day","status","method","shard")
);
--> statement-breakpoint
DROP INDEX "orders_created_at_index";--> statement-breakpoint
DROP INDEX "payments_created_at_index";--> statement-breakpoint
DROP INDEX "refunds_created_at_index";--> statement-breakpoint
CREATE INDEX "orders_created_at_id" ON "orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "payments_created_at_id" ON "payments" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "payments_amount_id" ON "payments" USING btree ("amount_minor","id");--> statement-breakpoint
CREATE INDEX "refunds_created_at_id" ON "refunds" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "refunds_amount_id" ON "refunds" USING btree ("amount_minor","id");--> statement-breakpoint
-- hand-written: trigram indexes for the admin lists' "contains" filters (order number, payment
-- and refund numbers, shopper email and name), so a search among a million rows reads an index
-- instead of every row. pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_order_no_trgm" ON "orders" USING gin ("order_no" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "payments_payment_sn_trgm" ON "payments" USING gin ("payment_sn" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "refunds_refund_sn_trgm" ON "refunds" USING gin ("refund_sn" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
-- hand-written: the trigger that keeps payment_daily_rollups equal to the payments it sums, in
-- the transaction of each change, and the backfill of the payments already there. Creating the
-- trigger locks payments against writes until this migration commits, so no change falls
-- between the backfill and the trigger. Both contributions (the old row's off, the new row's
-- on) go in one statement in key order, so two payments changing at once lock rows in the same
-- order and never deadlock on them; an update that changes nothing the report reads is skipped.
CREATE OR REPLACE FUNCTION payment_daily_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.method = OLD.method AND NEW.amount_minor = OLD.amount_minor
     AND NEW.refunded_minor = OLD.refunded_minor AND NEW.attempt_count = OLD.attempt_count AND NEW.created_at = OLD.created_at THEN
    RETURN NULL;
  END IF;
  INSERT INTO payment_daily_rollups AS r (day, status, method, shard, payments, amount_minor, refunded_minor, attempts)
  SELECT day, status, method, shard, sum(n), sum(amount), sum(refunded), sum(attempts)
  FROM (
    SELECT (OLD.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, OLD.status AS status, OLD.method AS method,
           (hashtext(OLD.id::text) & 7)::smallint AS shard, -1 AS n, -OLD.amount_minor::bigint AS amount,
           -OLD.refunded_minor::bigint AS refunded, -OLD.attempt_count::bigint AS attempts
    WHERE TG_OP IN ('UPDATE', 'DELETE')
    UNION ALL
    SELECT (NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date, NEW.status, NEW.method,
           (hashtext(NEW.id::text) & 7)::smallint, 1, NEW.amount_minor::bigint, NEW.refunded_minor::bigint, NEW.attempt_count::bigint
    WHERE TG_OP IN ('UPDATE', 'INSERT')
  ) change
  GROUP BY day, status, method, shard
  ORDER BY day, status, method, shard
  ON CONFLICT (day, status, method, shard) DO UPDATE SET
    payments = r.payments + excluded.payments,
    amount_minor = r.amount_minor + excluded.amount_minor,
    refunded_minor = r.refunded_minor + excluded.refunded_minor,
    attempts = r.attempts + excluded.attempts;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER payments_daily_rollups AFTER INSERT OR UPDATE OR DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION payment_daily_rollups_apply();--> statement-breakpoint
INSERT INTO payment_daily_rollups AS r (day, status, method, shard, payments, amount_minor, refunded_minor, attempts)
SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, status, method, (hashtext(id::text) & 7)::smallint,
       count(*), sum(amount_minor), sum(refunded_minor), sum(attempt_count)
FROM payments
GROUP BY 1, 2, 3, 4
ON CONFLICT (day, status, method, shard) DO UPDATE SET
  payments = r.payments + excluded.payments,
  amount_minor = r.amount_minor + excluded.amount_minor,
  refunded_minor = r.refunded_minor + excluded.refunded_minor,
  attempts = r.attempts + excluded.attempts;
