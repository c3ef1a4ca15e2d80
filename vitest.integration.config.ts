import { defineConfig } from "vitest/config";
import { INTEGRATION_TESTS, suiteConfig } from "./vitest.shared.ts";

// `npm run test:integration`: the tests that run other programs (see vitest.shared.ts).
export default defineConfig(suiteConfig({ include: [INTEGRATION_TESTS], exclude: ["**/node_modules/**"], setupFiles: ["tests/setup.ts"] }));
