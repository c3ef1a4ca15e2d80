import { Lazy, TerraformStack } from "cdktf";
import type { Construct } from "constructs";

/** A resource that an earlier configuration created: its type, and where its construct was. */
export interface ForgottenResource {
  readonly type: string;
  /** A construct at the path the resource had; its Terraform address derives from that path. */
  readonly at: Construct;
}

interface RemovedBlock {
  readonly from: string;
  readonly lifecycle: { readonly destroy: false };
}

const REMOVED_BLOCKS = new WeakMap<TerraformStack, RemovedBlock[]>();

/**
 * Tells Terraform to forget, without destroying them, resources an earlier configuration
 * created at these construct paths (`removed` blocks with `destroy = false`, Terraform 1.7+).
 * A block for a resource that is not in state does nothing. cdktf 0.21 has no class for
 * `removed` blocks; every block of a stack goes through the one list kept here.
 */
export function forgetResources(scope: Construct, resources: readonly ForgottenResource[]): void {
  const stack = TerraformStack.of(scope);
  let blocks = REMOVED_BLOCKS.get(stack);
  if (blocks === undefined) {
    const list: RemovedBlock[] = [];
    REMOVED_BLOCKS.set(stack, list);
    stack.addOverride("removed", Lazy.anyValue({ produce: () => list }));
    renderInHcl(stack, list);
    blocks = list;
  }
  for (const { type, at } of resources) blocks.push({ from: `${type}.${stack.getLogicalId(at.node)}`, lifecycle: { destroy: false } });
}

/**
 * cdktf 0.21 (final) writes a stack's overrides into HCL only for the terraform block, so
 * `cdktf synth --hcl` would drop these blocks, and Terraform would then plan to destroy what they
 * keep. This appends them to that one rendering, unless cdktf already wrote them.
 */
function renderInHcl(stack: TerraformStack, blocks: readonly RemovedBlock[]): void {
  const render = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const rendered = render();
    const hcl = String(rendered.hcl);
    if (blocks.length === 0 || /^removed \{/m.test(hcl)) return rendered;
    const removed = blocks.map(({ from }) => `removed {\n  from = ${from}\n  lifecycle {\n    destroy = false\n  }\n}`);
    return { ...rendered, hcl: [hcl, ...removed].join("\n\n") };
  };
}
