CREATE TABLE "product_images" (
	"hash" text PRIMARY KEY NOT NULL,
	"grid" "bytea" NOT NULL,
	"page" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "name_zh" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Orders placed before this column existed: their Chinese name is the product's current one,
-- the closest record there is of what the shopper saw (order_items.name stays the snapshot).
UPDATE "order_items" AS i SET "name_zh" = p."name_zh" FROM "products" AS p WHERE p."id" = i."product_id" AND i."name_zh" = '';
