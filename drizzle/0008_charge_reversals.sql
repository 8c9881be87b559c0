CREATE TABLE "charge_reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"charge_key" text NOT NULL,
	"charge_id" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"refund_key" text,
	"provider_refund_id" text,
	"reason" text NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charge_reversals_chargeKey_unique" UNIQUE("charge_key"),
	CONSTRAINT "charge_reversals_amount_positive" CHECK ("charge_reversals"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "charge_reversals" ADD CONSTRAINT "charge_reversals_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charge_reversals" ADD CONSTRAINT "charge_reversals_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "charge_reversals_payment_id_index" ON "charge_reversals" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "charge_reversals_refund_key" ON "charge_reversals" USING btree ("refund_key");--> statement-breakpoint
CREATE INDEX "charge_reversals_open" ON "charge_reversals" USING btree ("updated_at") WHERE "charge_reversals"."status" in ('requested', 'processing');