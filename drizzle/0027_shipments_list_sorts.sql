DROP INDEX "shipments_created_at_index";--> statement-breakpoint
CREATE INDEX "shipments_created_at_id" ON "shipments" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "shipments_fee_id" ON "shipments" USING btree ("fee_minor","id");