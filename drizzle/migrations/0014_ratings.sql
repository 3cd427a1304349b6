CREATE TABLE "conversation_ratings" (
	"room_id" text PRIMARY KEY NOT NULL,
	"score" integer NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversation_stats" ADD COLUMN "ratings" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_stats" ADD COLUMN "rating_score_sum" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_ratings" ADD CONSTRAINT "conversation_ratings_room_id_conversations_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conversations"("room_id") ON DELETE cascade ON UPDATE no action;