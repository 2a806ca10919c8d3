/**
 * Predicts a scene's location (GQA's `location`; the background kind in the shapes world) from the image:
 * multinomial logistic regression on the standardized features of location-features.ts,
 *   p(location = k | image) = softmax_k(W_k · (f - mean) / std + b_k),
 * fitted by full-batch gradient descent on labelled training images (a few hundred suffice: the
 * classes are far apart). The scene-graph generator does not predict scene attributes, so predicted
 * graphs get theirs here, as `extra.scores.location` (top-k {label, p}), which features/graph-inputs.ts
 * reads like any other predicted distribution.
 */
import type { LabelProbability } from '../../../graph/scene-graph.ts';
import { VqaModelError } from '../errors/vqa-model-error.ts';
import { LOCATION_FEATURES } from './location-features.ts';

export interface LocationClassifierJson {
  kind: 'location-logistic';
  labels: string[];
  features: string[];
  mean: number[];
  std: number[];
  /** [labels][features] */
  weights: number[][];
  bias: number[];
  /** Training accuracy (fraction) on the images it was fitted on. */
  trainAccuracy: number;
  trainImages: number;
}

export class LocationClassifier {
  private constructor(private readonly json: LocationClassifierJson) {}

  static fromJSON(json: unknown): LocationClassifier {
    const v = json as Partial<LocationClassifierJson> | null;
    const F = LOCATION_FEATURES.length;
    if (!v || v.kind !== 'location-logistic' || !Array.isArray(v.labels) || v.labels.length < 1 || !Array.isArray(v.mean) || v.mean.length !== F
      || !Array.isArray(v.std) || v.std.length !== F || !Array.isArray(v.weights) || v.weights.length !== v.labels.length
      || !v.weights.every((w) => Array.isArray(w) && w.length === F) || !Array.isArray(v.bias) || v.bias.length !== v.labels.length) {
      throw new VqaModelError('vqa/location-classifier: malformed classifier JSON');
    }
    return new LocationClassifier(v as LocationClassifierJson);
  }

  /** Fits on feature rows with their location labels. */
  static fit(features: readonly Float32Array[], labels: readonly string[], options: { iterations?: number; lr?: number; l2?: number } = {}): LocationClassifier {
    if (features.length === 0 || features.length !== labels.length) throw new VqaModelError('vqa/location-classifier: needs as many labels as feature rows (at least one)');
    const names = [...new Set(labels)].sort();
    const F = LOCATION_FEATURES.length;
    const K = names.length;
    const n = features.length;
    const mean = new Array<number>(F).fill(0);
    const std = new Array<number>(F).fill(0);
    for (const f of features) for (let j = 0; j < F; j++) mean[j]! += (f[j] as number) / n;
    for (const f of features) for (let j = 0; j < F; j++) std[j]! += ((f[j] as number) - mean[j]!) ** 2 / n;
    for (let j = 0; j < F; j++) std[j] = Math.sqrt(std[j]!) + 1e-6;
    const x = features.map((f) => Array.from(f, (v, j) => (v - mean[j]!) / std[j]!));
    const y = labels.map((l) => names.indexOf(l));
    const W = Array.from({ length: K }, () => new Array<number>(F).fill(0));
    const b = new Array<number>(K).fill(0);
    const lr = options.lr ?? 0.5;
    const l2 = options.l2 ?? 1e-3;
    const probs = new Float64Array(K);
    for (let it = 0; it < (options.iterations ?? 300); it++) {
      const gW = Array.from({ length: K }, () => new Array<number>(F).fill(0));
      const gb = new Array<number>(K).fill(0);
      for (let i = 0; i < n; i++) {
        softmaxInto(probs, W, b, x[i]!);
        for (let k = 0; k < K; k++) {
          const d = probs[k]! - (y[i] === k ? 1 : 0);
          gb[k]! += d / n;
          for (let j = 0; j < F; j++) gW[k]![j]! += (d * x[i]![j]!) / n;
        }
      }
      for (let k = 0; k < K; k++) {
        b[k]! -= lr * gb[k]!;
        for (let j = 0; j < F; j++) W[k]![j]! -= lr * (gW[k]![j]! + l2 * W[k]![j]!);
      }
    }
    let hits = 0;
    for (let i = 0; i < n; i++) {
      softmaxInto(probs, W, b, x[i]!);
      let best = 0;
      for (let k = 1; k < K; k++) if (probs[k]! > probs[best]!) best = k;
      if (best === y[i]) hits++;
    }
    return new LocationClassifier({
      kind: 'location-logistic', labels: names, features: [...LOCATION_FEATURES], mean, std, weights: W, bias: b,
      trainAccuracy: hits / n, trainImages: n,
    });
  }

  get labels(): readonly string[] {
    return this.json.labels;
  }

  get trainAccuracy(): number {
    return this.json.trainAccuracy;
  }

  /** Probabilities of every location, most likely first. */
  predict(features: Float32Array): LabelProbability[] {
    const x = Array.from(features, (v, j) => (v - this.json.mean[j]!) / this.json.std[j]!);
    const probs = new Float64Array(this.json.labels.length);
    softmaxInto(probs, this.json.weights, this.json.bias, x);
    return this.json.labels.map((label, k) => ({ label, p: probs[k]! })).sort((a, b) => b.p - a.p);
  }

  toJSON(): LocationClassifierJson {
    return this.json;
  }
}

function softmaxInto(out: Float64Array, W: readonly (readonly number[])[], b: readonly number[], x: readonly number[]): void {
  let max = -Infinity;
  for (let k = 0; k < out.length; k++) {
    let z = b[k]!;
    for (let j = 0; j < x.length; j++) z += W[k]![j]! * x[j]!;
    out[k] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let k = 0; k < out.length; k++) sum += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < out.length; k++) out[k]! /= sum;
}
