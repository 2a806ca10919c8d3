/**
 * The training objective, as a models/nn ModelDefinition. Object heads and the relation head are
 * teacher-forced: they read the features at the ground-truth centre cells, and the relation head sees
 * (jittered) ground-truth boxes, so every head learns from the first step while the heatmap learns to
 * find the centres the inference graph will read at. The object heads are trained on the 3 x 3 cells
 * around each centre (nine samples per object instead of one, and robustness to a peak one cell off);
 * the relation head pairs the embeddings of the centre cells.
 *
 *   L = L_heat + L_box + CE(class) + sum_g CE(attr_g) + L_rel
 *   L_heat = CenterNet's penalty-reduced focal loss on the heatmap logits (targets: Gaussian splats)
 *   L_box  = mean |box - box*| over real objects (offset in cells, log size in cells)
 *   L_rel  = sum_ij w_ij (-sum_r t_ijr log softmax(z_ij)_r) / sum_ij w_ij, t the ground-truth predicate
 *            distribution of the pair (uniform over its predicates, or "no relation"), w the pair weights
 *            (0 for padding and i = j; no-relation pairs sampled, see data/targets.ts)
 *
 * Inputs: image [B, 3, S, S]; cells [B, M, 9] int64 (flat rows b G^2 + y G + x of the centre cell, then
 * its 8 neighbours, clamped to the grid); pair_boxes [B, M, 4] (x1, y1, x2, y2 in 0..1); valid [B, M]
 * (1 for real objects).
 * Targets: heat [B, Ch, G, G]; box [B, M, 9, 4] (relative to each cell); class and attr_<g> [B, M, 9]
 * int64 (-100 = padding); rel [B, M, M, R]; rel_weight [B, M, M].
 */
import { type ModelDefinition, type Tensor, defineModel } from '../../nn/index.ts';
import { accuracy, crossEntropy, heatmapFocalLoss, l1Loss } from '../../nn/losses/index.ts';
import { add, div, logSoftmax, max, mul, neg, reduceSum, slice, squeeze, unsqueeze } from '../../nn/ops/index.ts';
import type { JsonValue } from '../../nn/optim/index.ts';
import { headAttributeGroups } from '../config.ts';
import { CELLS } from '../data/targets.ts';
import type { SggNetwork } from './sgg-network.ts';


/** Soft-target cross-entropy over the last axis, weighted mean over the leading axes. */
export function softCrossEntropy(logits: Tensor, targets: Tensor, weights: Tensor): Tensor {
  const perPair = neg(reduceSum(mul(targets, logSoftmax(logits, -1)), [-1]));
  return div(reduceSum(mul(perPair, weights)), max(reduceSum(weights), 1e-6));
}

export function trainingDefinition(network: SggNetwork, batchSize: number): ModelDefinition {
  const { config, grid, heatChannels } = network;
  const a = config.architecture;
  const [B, M, S, G] = [batchSize, a.maxObjects, a.inputSize, grid];
  const R = config.labels.predicates.length;
  const groups = headAttributeGroups(config).map((g) => g.name);
  const targets: Record<string, { dtype: 'float32' | 'int64'; shape: number[] }> = {
    heat: { dtype: 'float32', shape: [B, heatChannels, G, G] },
    box: { dtype: 'float32', shape: [B, M, CELLS, 4] },
    class: { dtype: 'int64', shape: [B, M, CELLS] },
    rel: { dtype: 'float32', shape: [B, M, M, R] },
    rel_weight: { dtype: 'float32', shape: [B, M, M] },
  };
  for (const g of groups) targets[`attr_${g}`] = { dtype: 'int64', shape: [B, M, CELLS] };

  return defineModel({
    name: 'sgg',
    inputs: {
      image: { dtype: 'float32', shape: [B, 3, S, S] },
      cells: { dtype: 'int64', shape: [B, M, CELLS] },
      pair_boxes: { dtype: 'float32', shape: [B, M, 4] },
      valid: { dtype: 'float32', shape: [B, M] },
    },
    targets,
    forward: ({ image, cells, pair_boxes, valid }) => {
      // [B, M, 9, ...] -> [B, M, ...]: the centre cell's entry (the first of the nine).
      const centre = (x: Tensor) => squeeze(slice(x, [0], [1], [2]), [2]);
      const { features, heat } = network.backbone.forward(image);
      const { heads, rows } = network.objectsAt(features, cells);
      const out: Record<string, Tensor> = {
        heat_logits: heat,
        box_params: heads.box,
        class_logits: heads.classLogits,
        rel_logits: network.relations.forward(centre(heads.embedding), centre(cells), pair_boxes, valid, rows),
      };
      for (const [g, logits] of heads.attributeLogits) out[`attr_${g}_logits`] = logits;
      return out;
    },
    loss: (out, t, inputs) => {
      const heatLoss = heatmapFocalLoss(out.heat_logits!, t.heat!);
      const boxLoss = l1Loss(out.box_params!, t.box!, { weights: unsqueeze(inputs.valid!, [2, 3]) });
      const classLoss = crossEntropy(out.class_logits!, t.class!);
      const relLoss = softCrossEntropy(out.rel_logits!, t.rel!, t.rel_weight!);
      const metrics: Record<string, Tensor> = {
        heat: heatLoss, box: boxLoss, rel: relLoss, class_acc: accuracy(out.class_logits!, t.class!),
      };
      let total = add(add(heatLoss, boxLoss), add(classLoss, relLoss));
      for (const g of groups) {
        const logits = out[`attr_${g}_logits`]!;
        total = add(total, crossEntropy(logits, t[`attr_${g}`]!));
        metrics[`${g}_acc`] = accuracy(logits, t[`attr_${g}`]!);
      }
      return { loss: total, metrics };
    },
    config: config as unknown as JsonValue,
  });
}
