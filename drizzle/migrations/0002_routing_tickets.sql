CREATE TABLE "routing_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"visitor_user_id" text NOT NULL,
	"site_id" text NOT NULL,
	"team_id" text,
	"agent_user_id" text,
	"standby_user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "standby_user_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_tickets" ADD CONSTRAINT "routing_tickets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_tickets" ADD CONSTRAINT "routing_tickets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_tickets" ADD CONSTRAINT "routing_tickets_agent_user_id_agents_user_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."agents"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "routing_tickets_one_per_visitor" ON "routing_tickets" USING btree ("visitor_user_id");--> statement-breakpoint
CREATE INDEX "routing_tickets_agent_idx" ON "routing_tickets" USING btree ("agent_user_id");