CREATE TABLE "org_key_handovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_user_id" text NOT NULL,
	"to_user_id" text NOT NULL,
	"org_key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_trust" ADD COLUMN "endorsements" jsonb DEFAULT '[]'::jsonb NOT NULL;