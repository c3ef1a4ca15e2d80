/** Freezes a document and everything in it, so that a test sharing it can only read it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") for (const child of Object.values(Object.freeze(value))) deepFreeze(child);
  return value;
}
