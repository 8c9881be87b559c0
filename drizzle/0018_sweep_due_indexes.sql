CREATE TABLE "sweep_cursors" (
	"sweep_id" text PRIMARY KEY NOT NULL,
	"position" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "next_check_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "orders_payment_deadline_due" ON "orders" USING btree ("payment_deadline_at") WHERE "orders"."status" = 'pending_payment';--> statement-breakpoint
CREATE INDEX "orders_paid_due" ON "orders" USING btree ("paid_at") WHERE "orders"."status" = 'paid';--> statement-breakpoint
CREATE INDEX "orders_paid_without_shipment" ON "orders" USING btree ("paid_at") WHERE "orders"."status" = 'paid' and "orders"."logistics_status" = 'none';--> statement-breakpoint
CREATE INDEX "orders_delivered_due" ON "orders" USING btree ("delivered_at") WHERE "orders"."status" = 'delivered';--> statement-breakpoint
CREATE INDEX "payments_processing_check_due" ON "payments" USING btree ("next_check_at") WHERE "payments"."status" = 'processing';--> statement-breakpoint
CREATE INDEX "refunds_approved_due" ON "refunds" USING btree ("updated_at") WHERE "refunds"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "refunds_processing_due" ON "refunds" USING btree ("updated_at") WHERE "refunds"."status" = 'processing';--> statement-breakpoint
-- Payments already processing: first question a minute after their last change, as before.
UPDATE "payments" SET "next_check_at" = "updated_at" + interval '60 seconds' WHERE "status" = 'processing' AND "next_check_at" IS NULL;
