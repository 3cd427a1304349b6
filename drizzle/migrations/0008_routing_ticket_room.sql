ALTER TABLE "routing_tickets" ADD COLUMN "room_id" text;--> statement-breakpoint
CREATE INDEX "routing_tickets_room_idx" ON "routing_tickets" USING btree ("room_id");