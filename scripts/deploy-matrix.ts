// The stacks the workflows plan and deploy, after checking them against the synthesized app.
// Prints one JSON object, {"deploy": [{stack, environment, pullRequestPlans}], "planned": [...],
// "deployOnly": [...]}, from stacks/environments.ts; fails with a GitHub ::error:: annotation when
// cdktf.out/manifest.json has a stack the table does not make (previews and the bootstrap stack
// aside), lacks one it makes, or the table's order deploys a stack before one it depends on; and,
// with DEPLOY_STACKS (the generated deploy workflow's jobs, as a JSON array), when that workflow
// was generated from another table. The annotations go to stderr, where GitHub reads workflow
// commands as it does on stdout, so a step that redirects the JSON still shows them.
//
//   node --import tsx scripts/deploy-matrix.ts cdktf.out/manifest.json > stacks.json
import { readFileSync } from "node:fs";
import { manifestProblems, pullRequestPlans, stacksOfTable, type Manifest } from "../stacks/deploy-matrix";

const [manifestPath = "cdktf.out/manifest.json"] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
const deploy = stacksOfTable();
const problems = manifestProblems(manifest, deploy);

const generated = process.env.DEPLOY_STACKS;
if (generated !== undefined) {
  const expected = JSON.stringify(deploy.map((entry) => entry.stack));
  if (JSON.stringify(JSON.parse(generated)) !== expected) {
    problems.push(
      `.github/workflows/deploy.yml deploys ${generated}, but stacks/environments.ts makes ${expected}: run npm run workflows and commit deploy.yml`,
    );
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`::error title=Stacks and settings table disagree::${problem}`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ deploy, ...pullRequestPlans(deploy) })}\n`);
