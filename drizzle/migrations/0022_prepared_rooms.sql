CREATE TABLE "prepared_rooms" (
	"room_id" text PRIMARY KEY NOT NULL,
	"visitor_user_id" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "prepared_rooms_visitor_idx" ON "prepared_rooms" USING btree ("visitor_user_id");