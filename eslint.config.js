import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

// Layering (CONVENTIONS.md): lib/ imports no process folder and no framework;
// app/, widget/ and bot/ never import each other; matrix-js-sdk only through its public entry points.
const layer = (from, forbidden, extra = [], paths = []) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...forbidden.map((f) => ({
            group: [`**/${f}/*`, `**/${f}`],
            message: `${from}/ must not import ${f}/ (see CONVENTIONS.md: layering).`,
          })),
          ...extra.map((p) => ({ group: [p], message: `${from}/ is framework-free.` })),
          {
            group: [
              "matrix-js-sdk/src/*",
              "matrix-js-sdk/lib/*",
              "!matrix-js-sdk/lib/crypto-api",
              "!matrix-js-sdk/lib/crypto-api/index.js",
              "!matrix-js-sdk/lib/types",
            ],
            message: "Import matrix-js-sdk only from its public entry points.",
          },
        ],
        paths,
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: ["node_modules/", ".next/", ".data/", "public/", "synapse/.venv/", "drizzle/migrations/", "next-env.d.ts", "test-results/", "playwright-report/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    // Type-aware rules: a promise nobody awaits loses its error; an async callback where a void one is expected runs unawaited.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: "Read process.env only in the process's env module." },
      ],
    },
  },
  layer("lib", ["app", "widget", "bot", "scripts", "e2e"], ["next", "next/*", "react", "react-dom"]),
  layer("app", ["widget", "bot"]),
  // The frame's bundle budget (docs/budgets.md): full zod put ~80 KiB gzip into it twice; zod/mini is tree-shakable.
  layer("widget", ["app", "bot"], [], [{ name: "zod", message: "The frame parses with zod/mini (bundle budget, docs/budgets.md)." }]),
  layer("bot", ["app", "widget"]),
  {
    // The one env module per process, and the stack scripts that set the environment of the processes they start.
    files: ["**/env.ts", "scripts/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts", "playwright.config.ts", "*.config.{ts,js}"],
    rules: { "no-restricted-syntax": "off" },
  },
);
