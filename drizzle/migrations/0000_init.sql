CREATE TYPE "public"."agent_availability" AS ENUM('available', 'away', 'offline');--> statement-breakpoint
CREATE TYPE "public"."conversation_status" AS ENUM('queued', 'assigned', 'closed');--> statement-breakpoint
CREATE TYPE "public"."agent_role" AS ENUM('agent', 'operator');--> statement-breakpoint
CREATE TABLE "agents" (
	"user_id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"role" "agent_role" DEFAULT 'agent' NOT NULL,
	"availability" "agent_availability" DEFAULT 'offline' NOT NULL,
	"max_concurrent" integer DEFAULT 5 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"room_id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"visitor_user_id" text NOT NULL,
	"status" "conversation_status" DEFAULT 'queued' NOT NULL,
	"agent_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visitors" (
	"user_id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_agent_user_id_agents_user_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."agents"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitors" ADD CONSTRAINT "visitors_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_status_created_idx" ON "conversations" USING btree ("status","created_at");