CREATE TABLE "erased_room_keys" (
	"room_id" text NOT NULL,
	"agent_user_id" text NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "erased_room_keys_agent_user_id_room_id_pk" PRIMARY KEY("agent_user_id","room_id")
);
