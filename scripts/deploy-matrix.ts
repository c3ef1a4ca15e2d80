// Prints the deploy workflow's matrix as JSON: reads on stdin the stacks in deploy order (the
// array .github/scripts/stacks-in-order.sh prints) and gives each the GitHub environment that
// guards it, from stacks/environments.ts.
//
//   bash .github/scripts/stacks-in-order.sh cdktf.out/manifest.json | node --import tsx scripts/deploy-matrix.ts
import { readFileSync } from "node:fs";
import { deployMatrix } from "../stacks/deploy-matrix";

process.stdout.write(`${JSON.stringify(deployMatrix(JSON.parse(readFileSync(0, "utf8")) as string[]))}\n`);
