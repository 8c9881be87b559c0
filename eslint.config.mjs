import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Our error classes are recognised by kind (isDomainError, isProviderTimeoutError, ...): the
    // production server runs two copies of the server code in one process, and `instanceof`
    // is false for an error made by the other copy.
    files: ["src/**", "scripts/**", "test/**", "e2e/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator='instanceof'][right.name=/^(DomainError|ProviderTimeoutError|ProviderRejectedError)$/]",
          message: "Use isDomainError / isProviderTimeoutError / isProviderRejectedError: instanceof is false for an error made by another copy of the module.",
        },
      ],
    },
  },
  {
    // Command-line scripts talk to people on the terminal.
    files: ["scripts/**", "bench/**", ".ci/**"],
    rules: { "no-console": "off" },
  },
  {
    // The dependency direction of STYLE.md: browser code never imports the server.
    files: ["src/components/**", "src/lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/server/*", "**/server/**"] }] },
  },
  {
    // The HTTP edge holds no business rules: it reaches the app through the routers and flows,
    // never through pages or browser code.
    files: ["src/gateway/**"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/trpc/*", "@/components/*"] }] },
  },
  {
    files: ["src/server/domain/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/trpc/*", "@/server/api/*", "@/server/inngest/functions/*"] }],
    },
  },
);
