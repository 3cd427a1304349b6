ALTER TABLE "sites" ADD COLUMN "show_status" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "hours" jsonb;