CREATE TABLE "org_trust" (
	"id" text PRIMARY KEY NOT NULL,
	"org_key" text NOT NULL,
	"roster" jsonb,
	"roster_version" integer DEFAULT 0 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "prechat" boolean DEFAULT false NOT NULL;