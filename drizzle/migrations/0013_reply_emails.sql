CREATE TABLE "reply_emails" (
	"room_id" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visitor_contacts" (
	"visitor_user_id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"email" text NOT NULL,
	"page_url" text NOT NULL,
	"consented_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_open_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reply_emails" ADD CONSTRAINT "reply_emails_room_id_conversations_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."conversations"("room_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visitor_contacts" ADD CONSTRAINT "visitor_contacts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;