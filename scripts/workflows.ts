// Writes the generated workflows: .github/workflows/deploy.yml from the settings table
// (scripts/deploy-workflow.ts). Run it after changing stacks/environments.ts:
//
//   npm run workflows
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deployWorkflow } from "./deploy-workflow";

const file = join(import.meta.dirname, "../.github/workflows/deploy.yml");
writeFileSync(file, deployWorkflow());
console.log(`wrote ${file}`);
