DROP INDEX "shipment_checkpoints_due";--> statement-breakpoint
ALTER TABLE "shipment_checkpoints" ADD COLUMN "held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- hand-written: the plan of a parcel that has an open exception right now is on hold with it.
UPDATE "shipment_checkpoints" c SET "held" = true FROM "shipments" s
WHERE s."id" = c."shipment_id" AND s."status" = 'exception' AND c."recorded_at" IS NULL AND NOT c."skipped";--> statement-breakpoint
CREATE INDEX "shipment_checkpoints_due" ON "shipment_checkpoints" USING btree ("due_at") WHERE "shipment_checkpoints"."recorded_at" is null and not "shipment_checkpoints"."skipped" and not "shipment_checkpoints"."held";
