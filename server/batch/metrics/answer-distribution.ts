/**
 * The distribution metric of eval.py: how far the model's answer histogram is from the gold one, per
 * question "global group" (e.g. `color`, `thing`), over balanced questions whose `groups.global` is not
 * null (questions with a null group are left out entirely).
 *
 * For each group g with gold counts e_a and predicted counts o_a over the gold answers a of g
 * (answers predicted but never gold in g are ignored):
 *
 *     χ²_g = Σ_a (o_a − e_a)² / e_a        N_g = Σ_a e_a
 *
 * and the score is the gold-count-weighted mean, divided by 100 (lower is better):
 *
 *     distribution = (Σ_g χ²_g · N_g / Σ_g N_g) / 100
 *
 * Groups and answers are visited in first-seen order, as the script's dicts are, so floating-point sums
 * match it bit for bit on the same question order.
 */
export class AnswerDistribution {
  private readonly gold = new Map<string, Map<string, number>>();
  private readonly predicted = new Map<string, Map<string, number>>();
  /** Questions counted (balanced, non-null global group). */
  questions = 0;

  /** Counts one question of `group` (callers skip null groups, as the script does). */
  add(group: string, goldAnswer: string, predictedAnswer: string): void {
    increment(this.gold, group, goldAnswer);
    increment(this.predicted, group, predictedAnswer);
    this.questions++;
  }

  get groups(): number {
    return this.gold.size;
  }

  /** Σ_g χ²_g·N_g / Σ_g N_g, or null with no group (where eval.py would divide by zero). */
  weightedChiSquare(): number | null {
    let sumScore = 0;
    let sumOverall = 0;
    for (const [group, goldCounts] of this.gold) {
      const predictedCounts = this.predicted.get(group);
      let score = 0;
      let overall = 0;
      for (const [answer, expected] of goldCounts) {
        const observed = predictedCounts?.get(answer) ?? 0;
        score += (observed - expected) ** 2 / expected;
        overall += expected;
      }
      sumScore += score * overall;
      sumOverall += overall;
    }
    return sumOverall === 0 ? null : sumScore / sumOverall;
  }

  /** The metric as eval.py reports it: weighted χ² / 100. */
  score(): number | null {
    const chi = this.weightedChiSquare();
    return chi === null ? null : chi / 100;
  }
}

function increment(histograms: Map<string, Map<string, number>>, group: string, answer: string): void {
  let counts = histograms.get(group);
  if (!counts) histograms.set(group, (counts = new Map()));
  counts.set(answer, (counts.get(answer) ?? 0) + 1);
}
