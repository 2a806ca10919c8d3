/**
 * The three SSL levels, each a VICReg loss (invariance MSE, variance hinge, covariance penalty; see
 * nn/losses/vicreg.ts) on expander outputs of the graph encoder's node embeddings of two views:
 *
 * - node-wise: rows of matched node pairs, za = exp(hA[matchA]), zb = exp(hB[matchB]) -> vicreg(za, zb).
 * - graph-wise: per-graph mean of the node embeddings, across the batch -> vicreg(gA, gB).
 * - permutation-equivariant: no correspondence given. Per graph, P = Sinkhorn(cos(zA_i, zB_j) / tau)
 *   (sinkhorn.ts) softly assigns A's nodes to B's; the invariance term compares each node with its soft
 *   partner, both ways:
 *     inv = 1/2 [ mean_i ||zA_i - (P zB)_i||^2 + mean_j ||zB_j - (P' zA)_j||^2 ]   (means over real nodes, per dim)
 *   and variance / covariance are taken over all node rows of each view. Nothing depends on node order:
 *   permuting either view's nodes permutes P with them.
 * Shapes: hA [NA, D], hB [NB, D]; matchA, matchB int64 [P]; padA [B, MA] int64 rows of hA per graph
 * (padding points anywhere, maskA [B, MA] says which are real), likewise padB / maskB.
 */
import { functional, losses, modules, ops, type Tensor } from '../../nn/index.ts';
import { sinkhornLog } from './sinkhorn.ts';
import type { SslConfig } from './ssl-config.ts';

const { add, div, exp, gather, matmul, max, mul, reduceMean, reduceSum, sqrt, sub, transpose, unsqueeze } = ops;

export interface VicregWeights {
  readonly invariance: number;
  readonly variance: number;
  readonly covariance: number;
}

function vicregOptions(w: VicregWeights): losses.VicregOptions {
  return { invarianceWeight: w.invariance, varianceWeight: w.variance, covarianceWeight: w.covariance };
}

function weighted(w: VicregWeights, invariance: Tensor, variance: Tensor, covariance: Tensor): Tensor {
  return add(add(mul(invariance, w.invariance), mul(variance, w.variance)), mul(covariance, w.covariance));
}

/** The VICReg expander: D -> E -> E with LayerNorm and ReLU between (Bardes et al. use BatchNorm). */
export function makeExpander(name: string, hidden: number, width: number, dtype: 'float32' | 'float64' = 'float32'): modules.Mlp {
  return new modules.Mlp(name, [hidden, width, width], { layerNorm: true, activation: 'relu', dtype });
}

export function nodeVicreg(hA: Tensor, hB: Tensor, matchA: Tensor, matchB: Tensor, expander: modules.Mlp, w: VicregWeights): Tensor {
  const za = expander.forward(gather(hA, matchA, 0));
  const zb = expander.forward(gather(hB, matchB, 0));
  return losses.vicreg(za, zb, vicregOptions(w)).loss;
}

export function graphVicreg(hA: Tensor, graphA: Tensor, hB: Tensor, graphB: Tensor, graphs: Tensor, expander: modules.Mlp, w: VicregWeights): Tensor {
  const ga = expander.forward(functional.segmentMean(hA, graphA, graphs));
  const gb = expander.forward(functional.segmentMean(hB, graphB, graphs));
  return losses.vicreg(ga, gb, vicregOptions(w)).loss;
}

function unitRows(z: Tensor): Tensor {
  return div(z, max(sqrt(reduceSum(mul(z, z), [-1], true)), 1e-6));
}

/** mean over real rows (mask [B, M]) of the per-dimension squared error between x and y [B, M, E]. */
function maskedMse(x: Tensor, y: Tensor, mask: Tensor): Tensor {
  const d = sub(x, y);
  const perRow = reduceMean(mul(d, d), [-1]);
  return div(reduceSum(mul(perRow, mask)), max(reduceSum(mask), 1));
}

export interface EquivariantInputs {
  readonly hA: Tensor;
  readonly hB: Tensor;
  readonly padA: Tensor;
  readonly maskA: Tensor;
  readonly padB: Tensor;
  readonly maskB: Tensor;
}

export function equivariantVicreg(x: EquivariantInputs, expander: modules.Mlp, config: Pick<SslConfig, 'sinkhornIterations' | 'temperature'>, w: VicregWeights): Tensor {
  const za = expander.forward(x.hA);
  const zb = expander.forward(x.hB);
  const pa = gather(za, x.padA, 0); // [B, MA, E]
  const pb = gather(zb, x.padB, 0); // [B, MB, E]
  const sim = mul(matmul(unitRows(pa), transpose(unitRows(pb), [0, 2, 1])), 1 / config.temperature);
  const pAB = exp(sinkhornLog(sim, x.maskA, x.maskB, config.sinkhornIterations));
  const pBA = exp(sinkhornLog(transpose(sim, [0, 2, 1]), x.maskB, x.maskA, config.sinkhornIterations));
  // Padded columns carry ~0 mass after masking; zero them anyway so padding never leaks into a partner.
  const partnerOfA = matmul(mul(pAB, unsqueeze(x.maskB, [1])), pb);
  const partnerOfB = matmul(mul(pBA, unsqueeze(x.maskA, [1])), pa);
  const invariance = mul(add(maskedMse(pa, partnerOfA, x.maskA), maskedMse(pb, partnerOfB, x.maskB)), 0.5);
  const variance = mul(add(losses.vicregVariance(za), losses.vicregVariance(zb)), 0.5);
  const covariance = add(losses.vicregCovariance(za), losses.vicregCovariance(zb));
  return weighted(w, invariance, variance, covariance);
}
