/**
 * Reads a resumed run's journal alongside the questions, for what the answer table does not keep: the
 * attention of each reused answer (grounding). Answers are asked for in questions-file order; the
 * journal holds them in processing order, which differs only within a window (questions are grouped by
 * image there), so the answers read ahead and not yet asked for stay under one window.
 */
import type { ObjectAttention } from './eval-types.ts';
import { EvalJournal, type JournalEntry } from './eval-journal.ts';

export class JournalCursor {
  private readonly entries: AsyncGenerator<JournalEntry>;
  private readonly ahead = new Map<number, JournalEntry>();
  private ended = false;

  /** Over the first `bytes` bytes of the journal at `path` (what the earlier run wrote). */
  constructor(path: string, bytes: number) {
    this.entries = EvalJournal.entries(path, bytes);
  }

  /** The attention recorded for the question at `ordinal` (undefined when it had none, or is not there). */
  async attentionOf(ordinal: number): Promise<readonly ObjectAttention[] | undefined> {
    while (!this.ahead.has(ordinal) && !this.ended) {
      const next = await this.entries.next();
      if (next.done) this.ended = true;
      else this.ahead.set(next.value.ordinal, next.value);
    }
    const entry = this.ahead.get(ordinal);
    this.ahead.delete(ordinal);
    return entry?.answer.attention;
  }

  async close(): Promise<void> {
    await this.entries.return(undefined);
  }
}
