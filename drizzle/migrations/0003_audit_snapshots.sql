CREATE TABLE "audit_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"alert_count" integer NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_snapshots" ADD CONSTRAINT "audit_snapshots_room_id_conversations_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conversations"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_snapshots_room_taken_idx" ON "audit_snapshots" USING btree ("room_id","taken_at");