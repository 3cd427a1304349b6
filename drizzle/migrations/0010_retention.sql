CREATE TABLE "abandoned_rooms" (
	"room_id" text PRIMARY KEY NOT NULL,
	"visitor_user_id" text NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	"erasing_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "conversation_stats" (
	"day" text NOT NULL,
	"site_id" text NOT NULL,
	"team_id" text DEFAULT '' NOT NULL,
	"agent_user_id" text DEFAULT '' NOT NULL,
	"conversations" integer DEFAULT 0 NOT NULL,
	"assignments" integer DEFAULT 0 NOT NULL,
	"wait_seconds_sum" integer DEFAULT 0 NOT NULL,
	"waits" integer DEFAULT 0 NOT NULL,
	"first_response_seconds_sum" integer DEFAULT 0 NOT NULL,
	"first_responses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "conversation_stats_day_site_id_team_id_agent_user_id_pk" PRIMARY KEY("day","site_id","team_id","agent_user_id")
);
--> statement-breakpoint
CREATE TABLE "erasures" (
	"id" serial PRIMARY KEY NOT NULL,
	"visitor_user_id" text NOT NULL,
	"erased_by" text NOT NULL,
	"conversations" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "router_left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "erasing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_closed_idx" ON "conversations" USING btree ("closed_at") WHERE status = 'closed';--> statement-breakpoint
CREATE INDEX "conversations_closed_not_left_idx" ON "conversations" USING btree ("closed_at") WHERE status = 'closed' and router_left_at is null;