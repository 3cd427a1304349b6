CREATE TABLE "conversation_notes" (
	"room_id" text PRIMARY KEY NOT NULL,
	"notes_room_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_notes_notes_room_id_unique" UNIQUE("notes_room_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_room_id_conversations_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conversations"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_created_by_agents_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("user_id") ON DELETE no action ON UPDATE no action;