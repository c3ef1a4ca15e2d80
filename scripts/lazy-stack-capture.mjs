// cdktf records the full call stack of every token it creates (Lazy, Intrinsic, ...), only to
// print it when that token fails to resolve; formatting those stacks was half of defining the
// stacks (profiled). scripts/app.mjs bundles this function as cdktf's captureStackTrace: it
// captures the same frames and formats them the first time the stack is read. Self-contained:
// the bundle holds its source text.

/**
 * The call stack below `below` (by default, below this function), one "function (file:line:col)"
 * per frame as cdktf gives it, formatted when first read.
 */
export function captureStackTraceLazily(below) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(holder, below || captureStackTraceLazily);
  } finally {
    Error.stackTraceLimit = limit;
  }
  let frames;
  const read = () =>
    (frames ??= (holder.stack || "")
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^\s*at\s+/, "")));
  return new Proxy([], {
    get: (_, key) => Reflect.get(read(), key),
    has: (_, key) => Reflect.has(read(), key),
    ownKeys: () => Reflect.ownKeys(read()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(read(), key),
  });
}
