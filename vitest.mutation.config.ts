import { defineConfig, mergeConfig } from "vitest/config";
import unitTier from "./vitest.config.ts";

// Mutation testing (stryker.config.mjs) runs the in-process tier with each test file in modules of
// its own: a mutant in code that runs when a module loads (a constant, a regular expression) is
// only active in a module loaded after Stryker switched it on, never in one a worker kept.
// Each test synthesizes what it reads (tests/support/synth.ts): Stryker runs for a mutant only the
// tests that reached it, and a test reading a synthesis another test made reached nothing.
export default mergeConfig(unitTier, defineConfig({ test: { isolate: true, env: { TEST_SHARE_SYNTHESES: "off" } } }));
