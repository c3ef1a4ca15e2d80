/**
 * Registers cdktf's Terraform matchers with vitest (cdktf's own setupJest needs jest's global).
 */
import { createRequire } from "node:module";
import { testingMatchers } from "cdktf";
import { afterAll, expect } from "vitest";
import { removeTestApps } from "./support/app";

afterAll(removeTestApps);

// cdktf records the full call stack of every token it creates (Lazy, Intrinsic), only to print
// it when that token later fails to resolve. Under vitest each of those stacks is dozens of frames
// deep and mapped through source maps frame by frame: that was a third of the CPU time of the
// in-process tests (profiled). Tests read synthesized JSON, never those stacks; the app keeps them.
// cdktf looks the function up on its module's exports at each call, so replacing it there works.
// A cdktf (or CDK Terrain) that moved the file runs the tests unchanged, only slower.
try {
  const stackTrace = createRequire(import.meta.url)("cdktf/lib/tokens/private/stack-trace.js") as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
} catch (error) {
  const warned = globalThis as { stackCaptureWarned?: boolean };
  if (!warned.stackCaptureWarned) console.warn(`tests/setup.ts: cdktf's stack capture stays on, the tests run slower (${String(error).split("\n")[0]})`);
  warned.stackCaptureWarned = true;
}

type Properties = Record<string, unknown>;
type Constructor = testingMatchers.TerraformConstructor;

/** Passes when some block of the type contains every asserted property (deeply). */
function containsBlockWith(items: unknown[], properties: Properties): boolean {
  if (Object.keys(properties).length === 0) return items.length > 0;
  return expect.arrayContaining([expect.objectContaining(properties)]).asymmetricMatch(items);
}

const toResult = (assertion: testingMatchers.AssertionReturn) => ({
  pass: assertion.pass,
  message: () => assertion.message,
});

expect.extend({
  toHaveResource(received: string, type: Constructor) {
    return toResult(testingMatchers.getToHaveResourceWithProperties(containsBlockWith)(received, type, {}));
  },
  toHaveResourceWithProperties(received: string, type: Constructor, properties: Properties) {
    return toResult(testingMatchers.getToHaveResourceWithProperties(containsBlockWith)(received, type, properties));
  },
  toHaveDataSourceWithProperties(received: string, type: Constructor, properties: Properties) {
    return toResult(testingMatchers.getToHaveDataSourceWithProperties(containsBlockWith)(received, type, properties));
  },
  toHaveProviderWithProperties(received: string, type: Constructor, properties: Properties) {
    return toResult(testingMatchers.getToHaveProviderWithProperties(containsBlockWith)(received, type, properties));
  },
});

interface TerraformMatchers<R = unknown> {
  toHaveResource(type: Constructor): R;
  toHaveResourceWithProperties(type: Constructor, properties: Properties): R;
  toHaveDataSourceWithProperties(type: Constructor, properties: Properties): R;
  toHaveProviderWithProperties(type: Constructor, properties: Properties): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends TerraformMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends TerraformMatchers {}
}
