import { defineConfig } from "drizzle-kit";

// `drizzle-kit generate` writes SQL migrations into drizzle/migrations; they are
// committed and applied at start by drizzle/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./drizzle/schema.ts",
  out: "./drizzle/migrations",
});
