CREATE TABLE "customers" (
	"site_id" text NOT NULL,
	"sub_hash" text NOT NULL,
	"visitor_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_site_id_sub_hash_pk" PRIMARY KEY("site_id","sub_hash")
);
--> statement-breakpoint
CREATE TABLE "site_identity" (
	"site_id" text PRIMARY KEY NOT NULL,
	"secret_box" text,
	"public_key_alg" text,
	"public_key_jwk" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spent_customer_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_visitor_user_id_visitors_user_id_fk" FOREIGN KEY ("visitor_user_id") REFERENCES "public"."visitors"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_identity" ADD CONSTRAINT "site_identity_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_visitor_idx" ON "customers" USING btree ("visitor_user_id");--> statement-breakpoint
CREATE INDEX "spent_customer_tokens_expires_idx" ON "spent_customer_tokens" USING btree ("expires_at");