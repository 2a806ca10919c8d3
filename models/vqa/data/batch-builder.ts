/**
 * Turns example indices into model feeds. Training batches answer from view A of each image (a random
 * view of the answering source) and, when SSL is on, encode view B (a random view of the pairing source
 * other than A) and add the SSL pair inputs. Evaluation batches use view 0 (the annotation, or the
 * generator's graph of the unaugmented image).
 */
import { Rng } from '../../../graph/world/prng.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { type ArrayFeedLike, buildGraphInputs, graphFeeds } from '../features/graph-inputs.ts';
import type { GraphVocabularies } from '../features/graph-vocabularies.ts';
import type { SslLevel } from '../ssl/ssl-config.ts';
import { answerFeed, type Examples, questionFeeds } from './examples.ts';
import type { GraphSource, ViewedGraph } from './graph-source.ts';
import { sslPairFeeds } from './ssl-pairs.ts';
import { iou } from '../views/match-nodes.ts';
import { boxFromView } from '../views/view-spec.ts';
import type { GraphInputs } from '../features/graph-inputs.ts';

export interface TrainBatchOptions {
  readonly levels: readonly SslLevel[];
  /** Add the grounding supervision inputs (ground_rows, ground_weight). */
  readonly grounding?: boolean;
  /** Annotated graphs, to find grounding targets in predicted views by box overlap. */
  readonly annotated?: GraphSource;
  /** Source of the SSL partner view (default: the answering source). */
  readonly pairSource?: GraphSource;
  readonly iouThreshold?: number;
}

export interface BuiltBatch {
  readonly feeds: Record<string, ArrayFeedLike>;
  readonly matchedObjects: number;
}

export class BatchBuilder {
  private rng: Rng;

  constructor(
    private readonly vocabularies: GraphVocabularies,
    private readonly seed: number | string,
  ) {
    this.rng = new Rng(seed, 'vqa-batches', 0);
  }

  /** Restarts the random stream for epoch `epoch`: an epoch's batches depend only on (seed, epoch), so resuming at an epoch boundary replays them exactly. */
  startEpoch(epoch: number): void {
    this.rng = new Rng(this.seed, 'vqa-batches', epoch);
  }

  private pickOther(views: readonly ViewedGraph[], avoid: ViewedGraph): ViewedGraph {
    const others = views.filter((v) => v !== avoid);
    return others.length === 0 ? avoid : this.rng.pick(others);
  }

  /** Feeds of a training step over `indices` of `examples`. */
  train(examples: Examples, indices: readonly number[], source: GraphSource, options: TrainBatchOptions): BuiltBatch {
    const pairs: [ViewedGraph, ViewedGraph][] = [];
    const viewsA: ViewedGraph[] = indices.map((k) => this.rng.pick(source.views(examples.imageIds[k] as string)));
    const twoViews = options.levels.length > 0;
    if (twoViews) {
      const pairSource = options.pairSource ?? source;
      indices.forEach((k, i) => {
        const a = viewsA[i] as ViewedGraph;
        pairs.push([a, this.pickOther(pairSource.views(examples.imageIds[k] as string), a)]);
      });
    }
    const inputsA = buildGraphInputs(viewsA.map((v) => v.graph), this.vocabularies);
    const feeds: Record<string, ArrayFeedLike> = {
      ...questionFeeds(indices.map((k) => examples.tokens[k] as Int32Array)),
      ...graphFeeds(inputsA),
      answers: answerFeed(indices.map((k) => examples.answers[k] as number)),
    };
    if (options.grounding) Object.assign(feeds, groundingFeeds(examples, indices, viewsA, inputsA, options.annotated, options.iouThreshold ?? 0.5));
    let matchedObjects = 0;
    if (twoViews) {
      const inputsB = buildGraphInputs(pairs.map(([, b]) => b.graph), this.vocabularies);
      Object.assign(feeds, graphFeeds(inputsB, 'b.'));
      const ssl = sslPairFeeds(inputsA, inputsB, pairs, options.iouThreshold);
      matchedObjects = ssl.matchedObjects;
      if (options.levels.includes('node')) Object.assign(feeds, { match_a: ssl.match_a, match_b: ssl.match_b });
      if (options.levels.includes('equivariant')) Object.assign(feeds, { pad_a: ssl.pad_a, mask_a: ssl.mask_a, pad_b: ssl.pad_b, mask_b: ssl.mask_b });
    }
    return { feeds, matchedObjects };
  }

  /** Feeds of an evaluation batch: view 0 of each image. Also returns the graphs (for grounding). */
  evaluation(examples: Examples, indices: readonly number[], source: GraphSource): { feeds: Record<string, ArrayFeedLike>; graphs: SceneGraph[] } {
    const graphs = indices.map((k) => (source.views(examples.imageIds[k] as string)[0] as ViewedGraph).graph);
    return {
      feeds: { ...questionFeeds(indices.map((k) => examples.tokens[k] as Int32Array)), ...graphFeeds(buildGraphInputs(graphs, this.vocabularies)) },
      graphs,
    };
  }

  /** A shuffled permutation of 0..n-1 from this builder's stream. */
  permutation(n: number): number[] {
    return this.rng.shuffled(Array.from({ length: n }, (_, i) => i));
  }
}

/**
 * Grounding targets of view A as node rows: annotated graphs by object id; other views by the best box
 * overlap (IoU >= threshold, image frame) with the annotated target objects. A question without target
 * objects points at its graph's scene node; one whose targets are all missing in the view is left out.
 * Feeds: ground_rows [G] and ground_weight [G] = 1 / (target rows of the row's question), so each
 * question's weights sum to 1.
 */
function groundingFeeds(
  examples: Examples, indices: readonly number[], views: readonly ViewedGraph[], inputs: GraphInputs, annotated: GraphSource | undefined, threshold: number,
): Record<string, ArrayFeedLike> {
  const rows: number[] = [];
  const weights: number[] = [];
  indices.forEach((k, b) => {
    const targets = examples.groundTargets[k] ?? [];
    const view = views[b] as ViewedGraph;
    const offset = inputs.objectOffsets[b] as number;
    const found: number[] = [];
    if (targets.length === 0) {
      found.push(inputs.objectCount + b);
    } else {
      const order = view.graph.nodes();
      const truth = annotated && annotated.kind === 'annotated' ? (annotated.views(examples.imageIds[k] as string)[0] as ViewedGraph).graph : null;
      for (const id of targets) {
        const direct = truth === null || truth === view.graph ? order.indexOf(id) : -1;
        if (direct >= 0) {
          found.push(offset + direct);
          continue;
        }
        if (!truth || !truth.hasNode(id)) continue;
        const box = truth.getNodeAttribute(id, 'box');
        let best = -1;
        let bestIou = threshold;
        order.forEach((node, i) => {
          const overlap = iou(box, boxFromView(view.graph.getNodeAttribute(node, 'box'), view.transform));
          if (overlap >= bestIou) [best, bestIou] = [i, overlap];
        });
        if (best >= 0) found.push(offset + best);
      }
    }
    const unique = [...new Set(found)];
    for (const r of unique) {
      rows.push(r);
      weights.push(1 / unique.length);
    }
  });
  return {
    ground_rows: { data: BigInt64Array.from(rows, (x) => BigInt(x)), dims: [rows.length] },
    ground_weight: { data: Float32Array.from(weights), dims: [weights.length] },
  };
}
