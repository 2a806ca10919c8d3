/**
 * Consistency over entailed questions, as eval.py computes it. For every balanced question q answered
 * correctly whose `entailed` list names questions other than q itself (E_q = entailed \ {q}, duplicates
 * kept), the model's accuracy on E_q is one consistency score:
 *
 *     s_q = |{e ∈ E_q : prediction(e) = answer(e)}| / |E_q|        consistency = mean_q s_q · 100
 *
 * Entailed questions may be unbalanced: their answers and predictions come from the whole questions
 * file. An entailed id that is not a scored question (absent from the questions file, or without a
 * prediction under allowMissing) is left out of E_q, and q is left out entirely when that empties E_q —
 * the rule of the GraphVQA copy of eval.py (the original script would fail on such an id).
 *
 * Memory: the lists are stored flat as question indices in typed arrays (4 bytes per link), and
 * resolved once every question's correctness is known.
 */
import { GrowableInt32Array } from './growable-array.ts';

/** Index of an entailed id that has no prediction. */
export const UNPREDICTED = -1;

export interface ConsistencyResult {
  /** Percent (eval.py's avg(scores) · 100; 0 with no scored question). */
  consistency: number;
  /** Questions that got a consistency score. */
  questions: number;
  /** Entailed links left out because the entailed question is not scored. */
  skippedLinks: number;
}

export class EntailmentLinks {
  /** anchorStart[k] .. anchorStart[k+1] are the links of the k-th anchor. */
  private readonly anchorStart = new GrowableInt32Array();
  private readonly targets = new GrowableInt32Array(4096);

  /** Adds a correct balanced question's entailed questions (as prediction indices or UNPREDICTED). */
  addAnchor(entailedIndices: readonly number[]): void {
    this.anchorStart.push(this.targets.length);
    for (const index of entailedIndices) this.targets.push(index);
  }

  get anchors(): number {
    return this.anchorStart.length;
  }

  /**
   * Scores every anchor in the order added (the questions file's order, so the float sum matches the
   * script's). `isScored(i)` says whether index i is a question that was scored; `isCorrect(i)` whether
   * its prediction equals its gold answer.
   */
  resolve(isScored: (index: number) => boolean, isCorrect: (index: number) => boolean): ConsistencyResult {
    const starts = this.anchorStart.view();
    const targets = this.targets.view();
    let sum = 0;
    let questions = 0;
    let skippedLinks = 0;
    for (let k = 0; k < starts.length; k++) {
      const end = k + 1 < starts.length ? starts[k + 1]! : targets.length;
      let present = 0;
      let correct = 0;
      for (let t = starts[k]!; t < end; t++) {
        const index = targets[t]!;
        if (index === UNPREDICTED || !isScored(index)) {
          skippedLinks++;
          continue;
        }
        present++;
        if (isCorrect(index)) correct++;
      }
      if (present === 0) continue;
      sum += correct / present;
      questions++;
    }
    return { consistency: questions === 0 ? 0 : (sum / questions) * 100, questions, skippedLinks };
  }
}
