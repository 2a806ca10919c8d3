/**
 * Per-object heads, applied to the descriptor read around an object's centre cell (the ring of
 * graph/gather-cells.ts: nine feature vectors, concatenated):
 *   h = relu(f W_h + b_h);  box = h W_box + b_box (offset x, offset y in cells, log w, log h in cells);
 *   class logits, one logit vector per attribute group (except the heatmap group), and the embedding
 *   e = h W_e + b_e that the relation head pairs up.
 * Shapes: f [..., 9 D] -> box [..., 4], class [..., C], attrs[g] [..., A_g], embedding [..., E].
 */
import type { Tensor } from '../../nn/index.ts';
import { Linear, Module } from '../../nn/modules/index.ts';
import { relu } from '../../nn/ops/index.ts';

export interface ObjectHeadOutput {
  readonly box: Tensor;
  readonly classLogits: Tensor;
  readonly attributeLogits: ReadonlyMap<string, Tensor>;
  readonly embedding: Tensor;
}

/** Initial log-size bias: objects of the world are about 6 cells (48 px at 256) across. */
const LOG_SIZE_PRIOR = Math.log(6);

export class ObjectHeads extends Module {
  private readonly hidden: Linear;
  private readonly box: Linear;
  private readonly classes: Linear;
  private readonly attributes: Map<string, Linear>;
  private readonly embed: Linear;

  constructor(name: string, featureDim: number, hidden: number, classCount: number, groups: readonly { name: string; values: readonly string[] }[], embedDim: number) {
    super(name);
    this.hidden = this.child(new Linear(`${name}.hidden`, featureDim, hidden));
    this.box = this.child(new Linear(`${name}.box`, hidden, 4));
    this.classes = this.child(new Linear(`${name}.class`, hidden, classCount));
    this.attributes = new Map(groups.map((g) => [g.name, this.child(new Linear(`${name}.attr_${g.name}`, hidden, g.values.length))]));
    this.embed = this.child(new Linear(`${name}.embed`, hidden, embedDim));
  }

  /** Parameters whose initial values differ from the layers' defaults (the box head's size prior). */
  boxBiasPrior(): { name: string; values: Float32Array } {
    return { name: this.box.bias!.name, values: Float32Array.of(0.5, 0.5, LOG_SIZE_PRIOR, LOG_SIZE_PRIOR) };
  }

  forward(features: Tensor): ObjectHeadOutput {
    const h = relu(this.hidden.forward(features));
    const attributeLogits = new Map<string, Tensor>();
    for (const [group, layer] of this.attributes) attributeLogits.set(group, layer.forward(h));
    return { box: this.box.forward(h), classLogits: this.classes.forward(h), attributeLogits, embedding: this.embed.forward(h) };
  }
}
