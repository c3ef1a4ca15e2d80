#!/usr/bin/env bash
# Prints the stacks of a synthesized app as one JSON array, every stack after the stacks it
# depends on (cdktf.out/manifest.json lists each stack with its `dependencies`), preview stacks
# left out: the order plans are listed in and deploys run in. Fails on a dependency cycle or on a
# dependency that is not in the manifest.
#
# Usage: stacks-in-order.sh [MANIFEST]   (default cdktf.out/manifest.json)
set -euo pipefail

manifest="${1:-cdktf.out/manifest.json}"
jq -c '
  [.stacks | to_entries[] | select(.key | startswith("preview-") | not)
    | {name: .key, deps: [(.value.dependencies // [])[] | select(startswith("preview-") | not)]}] as $all
  | ($all | map(.name)) as $names
  | if any($all[].deps[]; . as $dep | any($names[]; . == $dep) | not)
    then error("a stack depends on a stack the manifest does not list") else . end
  | def place:
      if (.left | length) == 0 then .done
      else
        .done as $done
        | [.left[] | select(all(.deps[]; . as $dep | any($done[]; . == $dep))) | .name] as $ready
        | if ($ready | length) == 0 then error("the stacks depend on each other in a cycle")
          else {done: ($done + $ready), left: [.left[] | select(.name as $n | any($ready[]; . == $n) | not)]} | place
          end
      end;
    {done: [], left: $all} | place
' "$manifest"
