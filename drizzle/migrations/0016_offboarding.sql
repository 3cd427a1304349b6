ALTER TYPE "public"."assignment_outcome" ADD VALUE 'offboarded';--> statement-breakpoint
CREATE TABLE "offboardings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"roster_version" integer,
	"rerouted" integer DEFAULT 0 NOT NULL,
	"rerouted_at" timestamp with time zone,
	"rooms_left" integer,
	"kicks_checked_at" timestamp with time zone,
	"deactivated_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "role_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"by" text NOT NULL,
	"from_role" text NOT NULL,
	"to_role" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "supervises_team_id" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "offboarded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offboardings" ADD CONSTRAINT "offboardings_user_id_agents_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."agents"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_changes" ADD CONSTRAINT "role_changes_user_id_agents_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."agents"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_supervises_team_id_teams_id_fk" FOREIGN KEY ("supervises_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;