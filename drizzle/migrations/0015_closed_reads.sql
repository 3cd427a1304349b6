CREATE TABLE "closed_reads" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"agent_user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "closed_reads" ADD CONSTRAINT "closed_reads_room_id_conversations_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conversations"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closed_reads_room_idx" ON "closed_reads" USING btree ("room_id","at");--> statement-breakpoint
CREATE INDEX "assignments_agent_room_idx" ON "assignments" USING btree ("agent_user_id","room_id");