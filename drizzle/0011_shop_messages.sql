CREATE TYPE "public"."message_author" AS ENUM('shopper', 'admin');--> statement-breakpoint
CREATE TYPE "public"."message_type" AS ENUM('question', 'complaint', 'after_sale', 'suggestion');--> statement-breakpoint
CREATE TABLE "shop_message_posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"author" "message_author" NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"order_id" uuid,
	"type" "message_type" NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"last_post_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shop_message_posts" ADD CONSTRAINT "shop_message_posts_message_id_shop_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."shop_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_message_posts" ADD CONSTRAINT "shop_message_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_messages" ADD CONSTRAINT "shop_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_messages" ADD CONSTRAINT "shop_messages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shop_message_posts_message_id_created_at_index" ON "shop_message_posts" USING btree ("message_id","created_at");--> statement-breakpoint
CREATE INDEX "shop_messages_user_id_last_post_at_index" ON "shop_messages" USING btree ("user_id","last_post_at");--> statement-breakpoint
CREATE INDEX "shop_messages_status_last_post_at_index" ON "shop_messages" USING btree ("status","last_post_at");