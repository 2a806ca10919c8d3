/**
 * Accuracy per category (structural type, semantic type, words, steps): eval.py keeps one list of 0/1
 * scores per key and reports `(mean · 100, count)`; sums of 0/1 are exact, so a correct/total pair per
 * key gives the same numbers in O(keys) memory.
 */

export interface AccuracyEntry {
  /** Percent of the key's balanced questions answered correctly. */
  accuracy: number;
  /** How many balanced questions have this key. */
  count: number;
}

export class AccuracyBreakdown<K extends string | number> {
  private readonly totals = new Map<K, { correct: number; count: number }>();

  add(key: K, correct: boolean): void {
    let total = this.totals.get(key);
    if (!total) this.totals.set(key, (total = { correct: 0, count: 0 }));
    total.count++;
    if (correct) total.correct++;
  }

  /** Entries in ascending key order (numbers numerically, strings by code unit, as Python's sorted()). */
  toRecord(): Record<string, AccuracyEntry> {
    const keys = [...this.totals.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: Record<string, AccuracyEntry> = {};
    for (const key of keys) {
      const { correct, count } = this.totals.get(key)!;
      out[String(key)] = { accuracy: percentOf(correct, count), count };
    }
    return out;
  }
}

/** eval.py's `avg(l) * 100` for a list of `count` 0/1 scores summing to `sum`: 0 for an empty list. */
export function percentOf(sum: number, count: number): number {
  return count === 0 ? 0 : (sum / count) * 100;
}
