/**
 * The model definitions (models/nn contract) built from one VqaNetwork:
 * - inference: tokens + one graph -> answer_probs [B, A], grounding [N, T + 1]. Exported as vqa.onnx.
 * - training: the same forward on view A, answer cross-entropy, and (when SSL levels are on) the graph
 *   encoder on view B plus the SSL losses: total = ce_weight · CE + λ · Σ_levels VICReg_level.
 *   ce_weight 0 gives SSL-only pretraining (the reasoning head is then not part of the graph).
 * Input names: tokens int64 [B, L], token_pad bool [B, L], the graph inputs of features/graph-inputs.ts
 * (view B prefixed `b.`), match_a / match_b int64 [P] (node level), pad_a / pad_b int64 [B, M] and
 * mask_a / mask_b float [B, M] (equivariant level), ground_rows int64 [G] / ground_weight float [G]
 * (grounding supervision); target answers int64 [B] (-1 = not in vocabulary).
 */
import { defineModel, losses, ops, type ModelDefinition, type Tensor, type TensorSpec } from '../../nn/index.ts';
import { BOX_FEATURE_COUNT } from '../../../graph/tensor/index.ts';
import { edgeFeatureWidth, graphInputNames, sceneFeatureWidth } from '../features/graph-inputs.ts';
import type { GraphWidths } from '../features/graph-vocabularies.ts';
import { equivariantVicreg, graphVicreg, makeExpander, nodeVicreg } from '../ssl/ssl-losses.ts';
import type { SslConfig } from '../ssl/ssl-config.ts';
import type { GraphTensors } from './graph-encoder.ts';
import type { VqaNetwork } from './vqa-network.ts';

const { add, div, gather, log, max, mul, neg, reduceSum, slice, softmax, squeeze } = ops;

export const IGNORE_ANSWER = -1;

function graphSpecs(widths: GraphWidths, prefix: string, n: string, e: string): Record<string, TensorSpec> {
  const names = graphInputNames(prefix);
  return {
    [names.classProbs]: { dtype: 'float32', shape: [n, widths.classes] },
    [names.attrProbs]: { dtype: 'float32', shape: [n, widths.attributes] },
    [names.boxes]: { dtype: 'float32', shape: [n, BOX_FEATURE_COUNT] },
    [names.sceneFeats]: { dtype: 'float32', shape: [n, sceneFeatureWidth(widths)] },
    [names.nodeGraph]: { dtype: 'int64', shape: [n] },
    [names.edgeSrc]: { dtype: 'int64', shape: [e] },
    [names.edgeDst]: { dtype: 'int64', shape: [e] },
    [names.edgeFeats]: { dtype: 'float32', shape: [e, edgeFeatureWidth(widths)] },
  };
}

function graphTensors(inputs: Readonly<Record<string, Tensor>>, prefix: string): GraphTensors {
  const names = graphInputNames(prefix);
  const get = (k: string) => inputs[k]!;
  return {
    classProbs: get(names.classProbs),
    attrProbs: get(names.attrProbs),
    boxes: get(names.boxes),
    sceneFeats: get(names.sceneFeats),
    nodeGraph: get(names.nodeGraph),
    edgeSrc: get(names.edgeSrc),
    edgeDst: get(names.edgeDst),
    edgeFeats: get(names.edgeFeats),
  };
}

const questionSpecs: Record<string, TensorSpec> = {
  tokens: { dtype: 'int64', shape: ['B', 'L'] },
  token_pad: { dtype: 'bool', shape: ['B', 'L'] },
};

export function vqaInferenceDefinition(network: VqaNetwork): ModelDefinition {
  return defineModel({
    name: 'vqa',
    inputs: { ...questionSpecs, ...graphSpecs(network.config.widths, '', 'N', 'E') },
    targets: {},
    forward: (inputs) => {
      const out = network.forward(inputs.tokens!, inputs.token_pad!, graphTensors(inputs, ''));
      return { answer_probs: softmax(out.logits, -1), grounding: out.grounding };
    },
    loss: () => {
      throw new Error('vqa/definitions: the inference definition has no loss');
    },
    config: { network: network.config as never },
  });
}

export interface TrainingDefinitionOptions {
  readonly ssl: SslConfig;
  /** Weight of the answer cross-entropy (1; 0 for SSL-only pretraining). */
  readonly ceWeight?: number;
  /** Label smoothing of the cross-entropy (default 0). */
  readonly labelSmoothing?: number;
  /**
   * Weight of the grounding supervision (default 0 = off): the cross-entropy between the readout
   * attention and the uniform distribution over the question's annotated objects (the scene node when
   * there are none), -(1/|T|) Σ_{t in T} log a_t, averaged over questions. Uniform rather than "mass on
   * the set": two objects to compare must both be read, not one of them.
   */
  readonly groundingWeight?: number;
}

export function vqaTrainingDefinition(network: VqaNetwork, options: TrainingDefinitionOptions): ModelDefinition {
  const { ssl } = options;
  const ceWeight = options.ceWeight ?? 1;
  const levels = new Set(ssl.levels);
  const twoViews = levels.size > 0;
  const D = network.config.hidden;
  const expanders = {
    node: levels.has('node') ? makeExpander('ssl.node_expander', D, ssl.expander) : null,
    graph: levels.has('graph') ? makeExpander('ssl.graph_expander', D, ssl.expander) : null,
    equivariant: levels.has('equivariant') ? makeExpander('ssl.equivariant_expander', D, ssl.expander) : null,
  };
  const inputs: Record<string, TensorSpec> = { ...questionSpecs, ...graphSpecs(network.config.widths, '', 'N', 'E') };
  if (twoViews) Object.assign(inputs, graphSpecs(network.config.widths, 'b.', 'Nb', 'Eb'));
  if (levels.has('node')) Object.assign(inputs, { match_a: { dtype: 'int64', shape: ['P'] }, match_b: { dtype: 'int64', shape: ['P'] } });
  const groundingWeight = ceWeight > 0 ? (options.groundingWeight ?? 0) : 0;
  if (groundingWeight > 0) {
    Object.assign(inputs, {
      ground_rows: { dtype: 'int64', shape: ['G'] }, ground_weight: { dtype: 'float32', shape: ['G'] },
    });
  }
  if (levels.has('equivariant')) {
    Object.assign(inputs, {
      pad_a: { dtype: 'int64', shape: ['B', 'Ma'] }, mask_a: { dtype: 'float32', shape: ['B', 'Ma'] },
      pad_b: { dtype: 'int64', shape: ['B', 'Mb'] }, mask_b: { dtype: 'float32', shape: ['B', 'Mb'] },
    });
  }
  const targets: Record<string, TensorSpec> = ceWeight > 0 ? { answers: { dtype: 'int64', shape: ['B'] } } : {};
  return defineModel({
    name: 'vqa',
    inputs,
    targets,
    forward: (x) => {
      const viewA = graphTensors(x, '');
      const out: Record<string, Tensor> = {};
      if (ceWeight > 0) {
        const forward = network.forward(x.tokens!, x.token_pad!, viewA);
        out.logits = forward.logits;
        out.enc_a = forward.encoded;
        out.grounding = forward.grounding;
      } else {
        out.enc_a = network.encode(viewA);
      }
      if (twoViews) out.enc_b = network.encode(graphTensors(x, 'b.'));
      return out;
    },
    loss: (out, targets, x) => {
      const metrics: Record<string, Tensor> = {};
      let total: Tensor | null = null;
      if (ceWeight > 0) {
        const ce = losses.crossEntropy(out.logits!, targets.answers!, { ignoreIndex: IGNORE_ANSWER, labelSmoothing: options.labelSmoothing ?? 0 });
        metrics.ce = ce;
        metrics.accuracy = losses.accuracy(out.logits!, targets.answers!, IGNORE_ANSWER);
        total = mul(ce, ceWeight);
        if (groundingWeight > 0) {
          const rounds = network.config.rounds;
          const readout = squeeze(slice(out.grounding!, [rounds], [rounds + 1], [1]), [1]);
          const weight = x.ground_weight!;
          const logAttention = log(add(gather(readout, x.ground_rows!, 0), 1e-6));
          const grounding = div(neg(reduceSum(mul(logAttention, weight))), max(reduceSum(weight), 1));
          metrics.grounding = grounding;
          total = add(total, mul(grounding, groundingWeight));
        }
      }
      if (twoViews) {
        const w = { invariance: ssl.invariance, variance: ssl.variance, covariance: ssl.covariance };
        const hA = out.enc_a!;
        const hB = out.enc_b!;
        const terms: Tensor[] = [];
        if (expanders.node) terms.push((metrics.ssl_node = nodeVicreg(hA, hB, x.match_a!, x.match_b!, expanders.node, w)));
        if (expanders.graph) terms.push((metrics.ssl_graph = graphVicreg(hA, x.node_graph!, hB, x['b.node_graph']!, x.tokens!, expanders.graph, w)));
        if (expanders.equivariant) {
          terms.push((metrics.ssl_equivariant = equivariantVicreg(
            { hA, hB, padA: x.pad_a!, maskA: x.mask_a!, padB: x.pad_b!, maskB: x.mask_b! }, expanders.equivariant, ssl, w,
          )));
        }
        const sslTotal = terms.reduce((a, b) => add(a, b));
        metrics.ssl = sslTotal;
        const scaled = mul(sslTotal, ssl.weight);
        total = total ? add(total, scaled) : scaled;
      }
      if (!total) throw new Error('vqa/definitions: nothing to train (cross-entropy weight 0 and no SSL level)');
      return { loss: total, metrics };
    },
    config: { network: network.config as never, ssl: ssl as never, ceWeight, groundingWeight },
  });
}
