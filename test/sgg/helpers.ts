/** Hand-made raw outputs for decoding and metric tests: K slots, labels of the shapes world. */
import { worldLabels } from '../../models/sgg/config.ts';
import type { RawDetections } from '../../models/sgg/inference/decode.ts';

export const LABELS = worldLabels();
export const C = LABELS.classes.length;
export const R = LABELS.predicates.length;

export interface SlotSpec {
  box: [number, number, number, number];
  score: number;
  classIndex: number;
  /** One index per attribute group (color, size, material). */
  attributes: [number, number, number];
}

/** Logits that put `strength` on the chosen index and 0 elsewhere. */
function oneHotLogits(out: Float32Array, row: number, n: number, index: number, strength = 8): void {
  for (let i = 0; i < n; i++) out[row * n + i] = i === index ? strength : 0;
}

/**
 * Raw outputs for the given slots; relations[i][j] = predicate indices the pair (i, j) should get (each
 * with equal logits), every other pair strongly "no relation".
 */
export function rawOutputs(slots: readonly SlotSpec[], relations: Record<string, number[]> = {}): RawDetections {
  const k = slots.length;
  const boxes = new Float32Array(k * 4);
  const scores = new Float32Array(k);
  const classLogits = new Float32Array(k * C);
  const attributeLogits = LABELS.attributeGroups.map((g) => new Float32Array(k * g.values.length));
  const relLogits = new Float32Array(k * k * R);
  slots.forEach((s, i) => {
    boxes.set(s.box, i * 4);
    scores[i] = s.score;
    oneHotLogits(classLogits, i, C, s.classIndex);
    LABELS.attributeGroups.forEach((g, gi) => oneHotLogits(attributeLogits[gi]!, i, g.values.length, s.attributes[gi]!));
  });
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const wanted = relations[`${i},${j}`];
      const row = (i * k + j) * R;
      if (!wanted) relLogits[row] = 8;
      else for (const p of wanted) relLogits[row + p] = 8;
    }
  }
  return { k, boxes, scores, classLogits, attributeLogits, relLogits };
}
