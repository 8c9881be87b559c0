CREATE SEQUENCE "public"."logistics_sn_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."tracking_serial_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "carrier_fee_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_level_id" uuid NOT NULL,
	"zone" text NOT NULL,
	"first_fee_minor" integer NOT NULL,
	"additional_fee_minor" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_rules_non_negative" CHECK ("carrier_fee_rules"."first_fee_minor" >= 0 AND "carrier_fee_rules"."additional_fee_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "carrier_service_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carrier_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"promised_days" integer NOT NULL,
	"speed" text DEFAULT 'standard' NOT NULL,
	"first_weight_grams" integer DEFAULT 1000 NOT NULL,
	"step_grams" integer DEFAULT 1000 NOT NULL,
	"volumetric_divisor" integer DEFAULT 8000 NOT NULL,
	"free_shipping_threshold_minor" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_levels_positive" CHECK ("carrier_service_levels"."first_weight_grams" > 0 AND "carrier_service_levels"."step_grams" > 0 AND "carrier_service_levels"."volumetric_divisor" > 0 AND "carrier_service_levels"."promised_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "carriers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"logo_color" text DEFAULT '#2563eb' NOT NULL,
	"tracking_prefix" text NOT NULL,
	"tracking_body_length" integer NOT NULL,
	"tracking_check" text NOT NULL,
	"tracking_suffix" text DEFAULT '' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carriers_code_unique" UNIQUE("code"),
	CONSTRAINT "carriers_tracking_body_length" CHECK ("carriers"."tracking_body_length" between 6 and 16)
);
--> statement-breakpoint
CREATE TABLE "couriers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carrier_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"district" text,
	"status" text DEFAULT 'active' NOT NULL,
	"current_load" integer DEFAULT 0 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "couriers_load_non_negative" CHECK ("couriers"."current_load" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shipment_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"seq" integer,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"city_en" text NOT NULL,
	"facility" jsonb NOT NULL,
	"next" jsonb,
	"event_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone,
	"skipped" boolean DEFAULT false NOT NULL,
	"signer" text,
	"note" text,
	"courier_name" text,
	"courier_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_status_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shipment_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" "status_actor" NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"logistics_sn" text NOT NULL,
	"tracking_no" text NOT NULL,
	"carrier_id" uuid NOT NULL,
	"service_level" text NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"courier_id" uuid,
	"warehouse_id" uuid NOT NULL,
	"origin" jsonb NOT NULL,
	"destination" jsonb NOT NULL,
	"zone" text NOT NULL,
	"actual_weight_grams" integer NOT NULL,
	"volumetric_weight_grams" integer NOT NULL,
	"chargeable_weight_grams" integer NOT NULL,
	"fee_minor" integer NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"clock_real" timestamp with time zone,
	"clock_sim" timestamp with time zone,
	"time_scale" double precision DEFAULT 1 NOT NULL,
	"promised_at" timestamp with time zone,
	"estimated_delivery_at" timestamp with time zone,
	"route" jsonb,
	"distance_km" integer,
	"picked_up_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"last_scan_at" timestamp with time zone,
	"signer" text,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"exception_kind" text,
	"exception_note" text,
	"status_before_exception" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_orderId_unique" UNIQUE("order_id"),
	CONSTRAINT "shipments_logisticsSn_unique" UNIQUE("logistics_sn"),
	CONSTRAINT "shipments_trackingNo_unique" UNIQUE("tracking_no"),
	CONSTRAINT "shipments_weights_non_negative" CHECK ("shipments"."chargeable_weight_grams" >= 0 AND "shipments"."fee_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "carrier_fee_rules" ADD CONSTRAINT "carrier_fee_rules_service_level_id_carrier_service_levels_id_fk" FOREIGN KEY ("service_level_id") REFERENCES "public"."carrier_service_levels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_service_levels" ADD CONSTRAINT "carrier_service_levels_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "couriers" ADD CONSTRAINT "couriers_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_checkpoints" ADD CONSTRAINT "shipment_checkpoints_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_status_log" ADD CONSTRAINT "shipment_status_log_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_courier_id_couriers_id_fk" FOREIGN KEY ("courier_id") REFERENCES "public"."couriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_fee_rules_service_level_id_zone_index" ON "carrier_fee_rules" USING btree ("service_level_id","zone");--> statement-breakpoint
CREATE UNIQUE INDEX "carrier_service_levels_carrier_id_code_index" ON "carrier_service_levels" USING btree ("carrier_id","code");--> statement-breakpoint
CREATE INDEX "couriers_carrier_id_province_city_status_index" ON "couriers" USING btree ("carrier_id","province","city","status");--> statement-breakpoint
CREATE UNIQUE INDEX "couriers_carrier_id_phone_index" ON "couriers" USING btree ("carrier_id","phone");--> statement-breakpoint
CREATE UNIQUE INDEX "shipment_checkpoints_plan_seq" ON "shipment_checkpoints" USING btree ("shipment_id","seq") WHERE "shipment_checkpoints"."seq" is not null;--> statement-breakpoint
CREATE INDEX "shipment_checkpoints_shipment_id_event_at_index" ON "shipment_checkpoints" USING btree ("shipment_id","event_at");--> statement-breakpoint
CREATE INDEX "shipment_checkpoints_due" ON "shipment_checkpoints" USING btree ("due_at") WHERE "shipment_checkpoints"."recorded_at" is null and not "shipment_checkpoints"."skipped";--> statement-breakpoint
CREATE INDEX "shipment_status_log_shipment_id_created_at_index" ON "shipment_status_log" USING btree ("shipment_id","created_at");--> statement-breakpoint
CREATE INDEX "shipments_status_created_at_index" ON "shipments" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "shipments_carrier_id_created_at_index" ON "shipments" USING btree ("carrier_id","created_at");--> statement-breakpoint
CREATE INDEX "shipments_courier_id_index" ON "shipments" USING btree ("courier_id");--> statement-breakpoint
CREATE INDEX "shipments_created_at_index" ON "shipments" USING btree ("created_at");