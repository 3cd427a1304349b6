import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "../../../_server/auth-options";

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request so the environment is read at run time, not at build time.
const handler = (req: NextRequest, ctx: Context): Promise<Response> => NextAuth(req, ctx, authOptions());
export { handler as GET, handler as POST };
