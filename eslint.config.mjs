// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "cdktf.out/**", "coverage/**", ".stryker-tmp/**", "reports/**"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // The package roots eagerly load ~2,200 resource modules: synth becomes ~8x slower.
              regex: "^@cdktf/provider-[a-z]+(/lib)?(/index(\\.js)?)?$",
              message: "Import provider classes by deep path, e.g. @cdktf/provider-aws/lib/rds-cluster.",
            },
          ],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
