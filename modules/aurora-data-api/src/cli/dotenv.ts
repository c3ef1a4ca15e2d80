/**
 * Updates and removes keys of a `.env` file in place: other lines, comments and order stay as
 * they were.
 */

const LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=)/;

function quoted(value: string): string {
  return /^[A-Za-z0-9_./:@+,=-]*$/.test(value) ? value : JSON.stringify(value);
}

/** The file's text with each key set to its value: replaced where it stands, or appended. */
export function updateDotEnv(text: string, values: ReadonlyMap<string, string>, heading: string): string {
  const written = new Set<string>();
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const updated = lines.map((line) => {
    const match = LINE.exec(line);
    const key = match?.[2];
    if (match === null || key === undefined || !values.has(key)) return line;
    written.add(key);
    return `${match[1]}${key}=${quoted(values.get(key)!)}`;
  });
  const missing = [...values].filter(([key]) => !written.has(key));
  if (missing.length > 0) {
    if (updated.length > 0 && updated.at(-1) !== "") updated.push("");
    updated.push(`# ${heading}`, ...missing.map(([key, value]) => `${key}=${quoted(value)}`));
  }
  return `${updated.join("\n")}\n`;
}

/** The file's text without the lines that set these keys, and the keys removed with their values. */
export function removeDotEnvKeys(text: string, keys: ReadonlySet<string>): { text: string; removed: [key: string, value: string][] } {
  const removed: [string, string][] = [];
  const lines = text.split("\n").filter((line) => {
    const key = LINE.exec(line)?.[2];
    if (key === undefined || !keys.has(key)) return true;
    removed.push([key, line.slice(line.indexOf("=") + 1).trim()]);
    return false;
  });
  return { text: lines.join("\n"), removed };
}
