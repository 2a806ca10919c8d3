/**
 * Scores a run while it answers: answered questions arrive batch by batch in processing order (grouped
 * by image within a window) and are handed to the one-pass GQA scorer and to the report collector in
 * questions-file order, so the metrics are bit for bit those `sgvqa score` computes from the written
 * files (its float sums run in file order too), and a resumed run scores exactly as an uninterrupted one.
 * At most one window of answers waits for its turn. Reused answers (a resumed run) get their attention
 * from the journal (journal-cursor.ts).
 */
import type { AttentionEntry } from '../metrics/attention-schema.ts';
import type { GqaMetricsAccumulator } from '../metrics/gqa-metrics-accumulator.ts';
import type { ReportCollector } from '../report/report-collector.ts';
import type { AnsweredQuestion } from './eval-types.ts';
import type { GroundingCheck } from './grounding-check.ts';
import type { JournalCursor } from './journal-cursor.ts';

export class OrderedScoring {
  private readonly waiting = new Map<number, AnsweredQuestion>();
  private next = 0;
  private grounding: GroundingCheck | undefined;

  /** `grounding`: given when the run computes grounding (answers carry attention), to check it stays possible. */
  constructor(
    private readonly accumulator: GqaMetricsAccumulator,
    private readonly collector: ReportCollector,
    grounding: GroundingCheck | undefined,
    private readonly cursor: JournalCursor | undefined,
  ) {
    this.grounding = grounding;
  }

  /** Questions scored so far (ordinals 0 .. scored - 1). */
  get scored(): number {
    return this.next;
  }

  async add(entries: readonly AnsweredQuestion[]): Promise<void> {
    for (const entry of entries) this.waiting.set(entry.question.ordinal, entry);
    for (let entry = this.waiting.get(this.next); entry !== undefined; entry = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next++;
      await this.score(entry);
    }
  }

  private async score({ question, answer, reused }: AnsweredQuestion): Promise<void> {
    const { ordinal, questionId, question: q } = question;
    this.collector.add(ordinal, questionId, q, answer);
    let attention: AttentionEntry[] | undefined;
    if (this.grounding) {
      this.grounding.check(questionId, q);
      if (!this.grounding.possible) {
        this.accumulator.dropGrounding();
        this.grounding = undefined;
      } else {
        const given = reused ? await this.cursor?.attentionOf(ordinal) : answer.attention;
        attention = (given ?? []).map(([objectId, weight]) => [objectId, weight]);
      }
    }
    this.accumulator.addAnswered(questionId, q, answer.prediction, attention);
  }
}
