import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name?: string | null; role: "agent" | "operator" };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "agent" | "operator";
  }
}
