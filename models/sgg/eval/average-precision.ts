/**
 * Object detection average precision at one IoU threshold, PASCAL VOC style (2010+, all points):
 * detections of a class, over all images, by descending score; a detection is a true positive when its
 * best-overlapping ground-truth box of that class (same image) has IoU >= threshold and is not matched
 * yet, else a false positive. AP = sum over recall steps of (r_n - r_{n-1}) * max precision at recall
 * >= r_n. mAP = mean AP over the classes that have ground truth.
 */
import type { NormalizedBox } from '../data/scene-sample.ts';
import { boxIou } from '../inference/decode.ts';

export interface ScoredBox {
  readonly image: number;
  readonly box: NormalizedBox;
  readonly score: number;
}

/** Collects detections and ground truth of one class over many images. */
export class ClassDetections {
  readonly detections: ScoredBox[] = [];
  /** image -> ground-truth boxes. */
  readonly truth = new Map<number, NormalizedBox[]>();
  truthCount = 0;

  addTruth(image: number, box: NormalizedBox): void {
    const list = this.truth.get(image) ?? [];
    list.push(box);
    this.truth.set(image, list);
    this.truthCount++;
  }

  addDetection(image: number, box: NormalizedBox, score: number): void {
    this.detections.push({ image, box, score });
  }

  averagePrecision(iouThreshold = 0.5): number {
    if (this.truthCount === 0) return NaN;
    const sorted = [...this.detections].sort((a, b) => b.score - a.score);
    const used = new Map<number, boolean[]>();
    const tp: number[] = [];
    for (const d of sorted) {
      const boxes = this.truth.get(d.image) ?? [];
      const taken = used.get(d.image) ?? boxes.map(() => false);
      used.set(d.image, taken);
      let best = -1;
      let bestIou = iouThreshold;
      boxes.forEach((g, i) => {
        const iou = boxIou(d.box, g);
        if (iou >= bestIou && !taken[i]) {
          best = i;
          bestIou = iou;
        }
      });
      if (best >= 0) taken[best] = true;
      tp.push(best >= 0 ? 1 : 0);
    }
    return averagePrecisionFromHits(tp, this.truthCount);
  }
}

/** AP from a ranked hit list (1 = true positive) and the number of ground-truth objects. */
export function averagePrecisionFromHits(hits: readonly number[], truthCount: number): number {
  if (truthCount === 0) return NaN;
  const recall: number[] = [];
  const precision: number[] = [];
  let cumTp = 0;
  hits.forEach((h, i) => {
    cumTp += h;
    recall.push(cumTp / truthCount);
    precision.push(cumTp / (i + 1));
  });
  // Precision envelope: the max precision at any recall >= this one.
  for (let i = precision.length - 2; i >= 0; i--) precision[i] = Math.max(precision[i]!, precision[i + 1]!);
  let ap = 0;
  let previous = 0;
  for (let i = 0; i < recall.length; i++) {
    if (recall[i]! > previous) {
      ap += (recall[i]! - previous) * precision[i]!;
      previous = recall[i]!;
    }
  }
  return ap;
}
