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
CREATE INDEX IF NOT EXISTS "users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops);
