/**
 * The Terraform addresses of stateful resources are a contract: a changed address plans the
 * destruction of the old resource. A change to the committed list is a breaking change; see
 * "Changing Terraform addresses" in CONTRIBUTING.md for moving state. `npm run fixtures`
 * (scripts/stateful-addresses.ts) writes the list from the app, for a new stack or an intended
 * move, to be reviewed in its diff.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { expect, it } from "vitest";
import { EVERY_BOOTSTRAP_PART, FIXTURE, FIXTURE_COMMAND, statefulAddresses } from "../../scripts/stateful-addresses";
import { BOOTSTRAP_STACK_NAME } from "../../stacks/delivery";
import { synthBootstrap } from "../support/bootstrap";
import { appStackNames, synthStacksByName } from "../support/synth";

const committed = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, string[]>;
const FILE = relative(resolve(import.meta.dirname, "../.."), FIXTURE);

/** What a failure says: how the list is regenerated, and that its diff needs a review. */
const advice = (stack: string) =>
  `the stateful addresses of ${stack} differ from ${FILE}. A changed address of a deployed stack plans the destruction of its resource: ` +
  `a breaking change (CONTRIBUTING.md, "Changing Terraform addresses"), which needs its state moved. For a new stack or an intended move, run ` +
  `\`${FIXTURE_COMMAND}\` and review \`git diff ${FILE}\` before committing it.`;

it.each(appStackNames())("keeps the addresses of the %s stack's stateful resources", (stackName) => {
  expect(statefulAddresses(synthStacksByName()[stackName]!.json), advice(stackName)).toEqual(committed[stackName]);
});

it("keeps the addresses of the bootstrap stack's stateful resources, every part on", () => {
  expect(statefulAddresses(synthBootstrap(EVERY_BOOTSTRAP_PART).json), advice(BOOTSTRAP_STACK_NAME)).toEqual(committed[BOOTSTRAP_STACK_NAME]);
});

it("has a committed list for every stack", () => {
  expect(Object.keys(committed).sort(), advice("the app's stacks")).toEqual([...Object.keys(synthStacksByName()), BOOTSTRAP_STACK_NAME].sort());
});
