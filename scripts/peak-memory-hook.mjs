// Loaded into every Node process of a benchmark run (through NODE_OPTIONS): at exit, appends
// the process's peak resident set size in kB, as the kernel counted it, to BENCH_PEAK_FILE.
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_FILE;
if (file) {
  process.on("exit", () => {
    appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
