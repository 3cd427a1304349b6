import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";

/** The signed-in agent or operator, or null. Every protected route starts here. */
export async function currentAgent(): Promise<{ userId: string; name: string; role: "agent" | "operator" } | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id) return null;
  return { userId: user.id, name: user.name ?? user.id, role: user.role };
}
