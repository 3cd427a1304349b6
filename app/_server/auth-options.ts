import "server-only";
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { userOfToken } from "../../lib/matrix/user-of-token";
import { db, schema } from "./db";
import { env } from "./env";

/**
 * Agents prove who they are with a Matrix access token that their browser got
 * by logging in to Synapse directly: this server never sees their password,
 * only asks Synapse whose token it is (`whoami`) and looks up their role.
 */
async function authorizeMatrixToken(accessToken: string): Promise<{ id: string; name: string; role: "agent" | "operator" } | null> {
  const userId = await userOfToken(env().SYNAPSE_URL, accessToken);
  if (!userId) return null;
  const [agent] = await db().select().from(schema.agents).where(eq(schema.agents.userId, userId));
  if (!agent || agent.offboardedAt) return null;
  return { id: agent.userId, name: agent.displayName, role: agent.role };
}

/** next-auth configuration; a function so that the environment is read at request time, not at build. */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        id: "matrix",
        name: "Matrix",
        credentials: { accessToken: { type: "text" } },
        authorize: async (credentials) => {
          const token = credentials?.accessToken;
          if (typeof token !== "string" || token.length === 0 || token.length > 512) return null;
          return authorizeMatrixToken(token);
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => {
        if (user && "role" in user) token.role = user.role as "agent" | "operator";
        return token;
      },
      session: ({ session, token }) => {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = token.role ?? "agent";
        }
        return session;
      },
    },
  };
}
