/**
 * Graph encoder (question-independent): node features are the soft label distributions times their
 * embedding tables plus a box-geometry encoding,
 *   x_i = p_class(i) E_class + p_attr(i) E_attr + MLP_box(box_i) + W_scene scene_i,
 *   h0_i = LN(x_i + MLP(x_i)),
 * and one question-free graph-attention layer over the edge features f_ij (predicate distributions,
 * whose products with the layer's tables are the predicate embeddings; instructed-attention.ts) adds each
 * node's neighbourhood. The SSL losses act on its output (the "graph embedding" whose views must agree).
 * Shapes: classProbs [N, C], attrProbs [N, A], boxes [N, 9], sceneFeats [N, 2 + L], edges [E],
 * edgeFeats [E, 2R + 3] -> nodes [N, D].
 */
import { modules, ops, type Tensor } from '../../nn/index.ts';
import { BOX_FEATURE_COUNT } from '../../../graph/tensor/index.ts';
import { edgeFeatureWidth, sceneFeatureWidth } from '../features/graph-inputs.ts';
import type { GraphWidths } from '../features/graph-vocabularies.ts';
import { type AttentionGraph, InstructedGraphAttention } from './instructed-attention.ts';

const { add, gather } = ops;

export interface GraphTensors {
  readonly classProbs: Tensor;
  readonly attrProbs: Tensor;
  readonly boxes: Tensor;
  readonly sceneFeats: Tensor;
  readonly nodeGraph: Tensor;
  readonly edgeSrc: Tensor;
  readonly edgeDst: Tensor;
  readonly edgeFeats: Tensor;
}

export class GraphEncoder extends modules.Module {
  private readonly classes: modules.Embedding;
  private readonly attributes: modules.Embedding;
  private readonly box: modules.Mlp;
  private readonly scene: modules.Linear;
  private readonly mix: modules.Mlp;
  private readonly norm0: modules.LayerNorm;
  private readonly context: InstructedGraphAttention;

  constructor(name: string, widths: GraphWidths, readonly hidden: number, heads: number, dropout: number) {
    super(name);
    this.classes = this.child(new modules.Embedding(`${name}.classes`, widths.classes, hidden, { std: 0.5 }));
    this.attributes = this.child(new modules.Embedding(`${name}.attributes`, widths.attributes, hidden, { std: 0.5 }));
    this.box = this.child(new modules.Mlp(`${name}.box`, [BOX_FEATURE_COUNT, hidden, hidden], { activation: 'gelu' }));
    this.scene = this.child(new modules.Linear(`${name}.scene`, sceneFeatureWidth(widths), hidden));
    this.mix = this.child(new modules.Mlp(`${name}.mix`, [hidden, 2 * hidden, hidden], { activation: 'gelu' }));
    this.norm0 = this.child(new modules.LayerNorm(`${name}.norm0`, hidden));
    this.context = this.child(new InstructedGraphAttention(`${name}.context`, hidden, heads, edgeFeatureWidth(widths), false, dropout));
  }

  forward(g: GraphTensors): { nodes: Tensor; graph: AttentionGraph } {
    const x = add(add(this.classes.mix(g.classProbs), this.attributes.mix(g.attrProbs)), add(this.box.forward(g.boxes), this.scene.forward(g.sceneFeats)));
    const h0 = this.norm0.forward(add(x, this.mix.forward(x)));
    const graph: AttentionGraph = {
      edgeFeats: g.edgeFeats, edgeSrc: g.edgeSrc, edgeDst: g.edgeDst, nodeGraph: g.nodeGraph, edgeGraph: gather(g.nodeGraph, g.edgeDst, 0),
    };
    return { nodes: this.context.forward(h0, null, graph).nodes, graph };
  }
}
