import { defineConfig } from "vitest/config";

// "source" resolves workspace packages to their TypeScript sources, as the app does.
const conditions = ["source", "node", "import", "module", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    environment: "node",
    // Test files share no mutable state; reusing each worker's loaded modules (cdktf, the
    // provider classes) across files halves the suite's wall time.
    pool: "forks",
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
