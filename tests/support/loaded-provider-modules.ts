/**
 * Run as a script: imports the module given as argument and prints how many files of the
 * provider packages Node loaded. A root import loads thousands; deep imports a few dozen.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

await import(pathToFileURL(process.argv[2]!).href);
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /@cdktf[\\/]provider-/.test(file));
console.log(JSON.stringify(loaded.length));
