CREATE TABLE "shop_message_pictures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"post_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"thumb" "bytea" NOT NULL,
	"large" "bytea" NOT NULL,
	"created_by" uuid,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shop_message_pictures" ADD CONSTRAINT "shop_message_pictures_message_id_shop_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."shop_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_message_pictures" ADD CONSTRAINT "shop_message_pictures_post_id_shop_message_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."shop_message_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_message_pictures" ADD CONSTRAINT "shop_message_pictures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shop_message_pictures_post_id_position_index" ON "shop_message_pictures" USING btree ("post_id","position");--> statement-breakpoint
CREATE INDEX "shop_message_pictures_message_id_index" ON "shop_message_pictures" USING btree ("message_id");