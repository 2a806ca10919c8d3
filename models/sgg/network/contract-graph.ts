/**
 * The inference graph of the ONNX contract (DESIGN §3), built from the same modules as training:
 *
 *   image [1, 3, S, S] -> backbone -> p = sigmoid(heat logits) [1, Ch, G, G]
 *   peaks = p where p equals its 3x3 max-pool (the CenterNet NMS), else 0
 *   scores, index = TopK(peaks as [1, Ch G^2], K); cell = index mod G^2 (the channel is the heatmap group's value)
 *   object heads read at the K cells; box = ((x + ox) / G, (y + oy) / G, e^lw / G, e^lh / G) -> x1, y1, x2, y2
 *   relation head over the K x K pairs of those boxes; a detection counts as an object for the neighbour
 *   rank when its score >= relationScoreGate
 *
 * Outputs (batch axis dropped): boxes [K, 4] in 0..1, scores [K], class_logits [K, C],
 * attr_<g>_logits [K, A_g] per attribute group (the heatmap group's: a one-hot of the peak's map),
 * rel_logits [K, K, R] (predicate 0 = no relation).
 */
import { Graph, type Tensor } from '../../nn/index.ts';
import {
  add, cast, concat, div, equal, exp, greaterOrEqual, max, maxPool, min, mod, mul, reshape, sigmoid, slice, squeeze, sub, unsqueeze,
} from '../../nn/ops/index.ts';
import { type SggConfig, gridSize } from '../config.ts';
import { topK } from '../graph/top-k.ts';
import type { SggNetwork } from './sgg-network.ts';

export const IMAGE_INPUT = 'image';

/** Output names in contract order. */
export function contractOutputNames(config: SggConfig): string[] {
  return ['boxes', 'scores', 'class_logits', ...config.labels.attributeGroups.map((g) => attributeOutputName(g.name)), 'rel_logits'];
}

export function attributeOutputName(group: string): string {
  return `attr_${group}_logits`;
}

/** [1, K, 4] head boxes (offset x, offset y, log w, log h in cells) at int64 cells [1, K] -> x1, y1, x2, y2 in 0..1. */
export function decodeBoxes(box: Tensor, cells: Tensor, grid: number): Tensor {
  const g = box.graph;
  const gridInt = g.scalar(grid, 'int64');
  const cell = cast(concat([unsqueeze(mod(cells, gridInt), [-1]), unsqueeze(div(cells, gridInt), [-1])], -1), 'float32'); // [1, K, 2] x, y
  const centre = div(add(cell, slice(box, [0], [2], [-1])), grid);
  const half = div(exp(slice(box, [2], [4], [-1])), 2 * grid);
  return min(max(concat([sub(centre, half), add(centre, half)], -1), 0), 1);
}

/**
 * The heatmap group's logits of each detection: its value is the map the peak came from (index div G^2),
 * given as a confident one-hot (logit 4 vs 0). Reading the maps' logits at the cell instead mislabels an
 * object inside a hollow one, whose centre the container's map also covers.
 */
export const CHANNEL_LOGIT = 4;

export function channelLogits(indices: Tensor, cellsPerMap: number, channels: number): Tensor {
  const g = indices.graph;
  const channel = unsqueeze(div(indices, g.scalar(cellsPerMap, 'int64')), [-1]); // [1, K, 1]
  const values = g.constant(BigInt64Array.from({ length: channels }, (_, c) => BigInt(c)), 'int64', [channels]);
  return mul(cast(equal(channel, values), 'float32'), CHANNEL_LOGIT);
}

export function buildContractGraph(network: SggNetwork): Graph {
  const { config } = network;
  const a = config.architecture;
  const grid = gridSize(a);
  const cellsPerMap = grid * grid;
  const graph = new Graph('sgg.contract', { training: false });
  const image = graph.input(IMAGE_INPUT, 'float32', [1, 3, a.inputSize, a.inputSize]);
  const { features, heat } = network.backbone.forward(image);

  const p = sigmoid(heat);
  const pooled = maxPool(p, [3, 3], { strides: [1, 1], pads: [1, 1] });
  const peaks = mul(p, cast(equal(pooled, p), 'float32'));
  const { values: scores, indices } = topK(reshape(peaks, [1, network.heatChannels * cellsPerMap]), a.maxDetections);
  const cells = mod(indices, graph.scalar(cellsPerMap, 'int64'));

  const { heads, rows } = network.objectsAt(features, cells);
  const boxes = decodeBoxes(heads.box, cells, grid);
  const gate = cast(greaterOrEqual(scores, a.relationScoreGate), 'float32');
  const rel = network.relations.forward(heads.embedding, cells, boxes, gate, rows);

  graph.output('boxes', squeeze(boxes, [0]));
  graph.output('scores', squeeze(scores, [0]));
  graph.output('class_logits', squeeze(heads.classLogits, [0]));
  for (const group of config.labels.attributeGroups) {
    const logits = group.name === a.heatmapGroup ? channelLogits(indices, cellsPerMap, network.heatChannels) : heads.attributeLogits.get(group.name)!;
    graph.output(attributeOutputName(group.name), squeeze(logits, [0]));
  }
  graph.output('rel_logits', squeeze(rel, [0]));
  return graph;
}
