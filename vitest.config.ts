import { defineConfig } from "vitest/config";
import { INTEGRATION_TESTS, suiteConfig } from "./vitest.shared.ts";

// `npm test`: every test that runs in process. A test that starts a program fails here
// (tests/in-process.ts) and belongs in a *.integration.test.ts file.
export default defineConfig(
  suiteConfig({
    include: ["tests/**/*.test.ts"],
    // Real npm installs, run on their own by `npm run test:install` (vitest.install.config.ts).
    exclude: [INTEGRATION_TESTS, "tests/install/**", "**/node_modules/**"],
    setupFiles: ["tests/setup.ts", "tests/in-process.ts"],
  }),
);
