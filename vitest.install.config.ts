import { defineConfig } from "vitest/config";

// The consumer install test (tests/install): real npm installs of the packed module, kept out of
// `npm test` for their size; `npm run test:install` runs it, as the ci workflow's install job does.
export default defineConfig({
  test: {
    include: ["tests/install/**/*.test.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
