/**
 * The evaluation journal (`journal.jsonl` in the output folder): the answers of a run as they are made,
 * so that a run killed at any point can be resumed without redoing work.
 *
 * Line 1 is the header: `{"journal": "sgvqa-eval", "version": 1, "fingerprint": {...}, "createdAt"}`
 * (run-fingerprint.ts). Then one line per answered batch, written with one write call once the batch is
 * done: `{"batch": seq, "answers": [[ordinal, questionId, prediction, confidence, cause, detail,
 * unknownWords, attention], ...]}` (cause, detail, attention null when absent). A batch is in the journal
 * whole or not at all (a torn last line is dropped and its batch answered again), which keeps a resumed
 * run's batches identical to an uninterrupted run's.
 */
import { existsSync } from 'node:fs';
import { EvalError } from '../errors/eval-error.ts';
import { ResumeMismatchError } from '../errors/resume-mismatch-error.ts';
import type { AnsweredBatch, EvalAnswer, ObjectAttention, UnansweredCause } from './eval-types.ts';
import { JsonLinesWriter, readJsonLines } from './json-lines.ts';
import { fingerprintDifferences, type RunFingerprint } from './run-fingerprint.ts';

export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalHeader {
  readonly journal: 'sgvqa-eval';
  readonly version: 1;
  readonly fingerprint: RunFingerprint;
  readonly createdAt: string;
}

export interface JournalEntry {
  readonly ordinal: number;
  readonly questionId: string;
  readonly answer: EvalAnswer;
}

type EncodedAnswer = [number, string, string, number, UnansweredCause | null, string | null, number, ObjectAttention[] | null];

function encode(ordinal: number, questionId: string, a: EvalAnswer): EncodedAnswer {
  return [ordinal, questionId, a.prediction, a.confidence, a.cause ?? null, a.detail ?? null, a.unknownWords ?? 0, a.attention ? [...a.attention] : null];
}

function decode(row: EncodedAnswer): JournalEntry {
  const [ordinal, questionId, prediction, confidence, cause, detail, unknownWords, attention] = row;
  const answer: EvalAnswer = {
    prediction,
    confidence,
    ...(cause !== null ? { cause } : {}),
    ...(detail !== null ? { detail } : {}),
    ...(unknownWords > 0 ? { unknownWords } : {}),
    ...(attention !== null ? { attention } : {}),
  };
  return { ordinal, questionId, answer };
}

function isHeader(value: unknown): value is JournalHeader {
  return typeof value === 'object' && value !== null && (value as JournalHeader).journal === 'sgvqa-eval' && (value as JournalHeader).version === 1;
}

function batchAnswers(value: unknown): EncodedAnswer[] | undefined {
  const answers = (value as { answers?: unknown } | null)?.answers;
  return Array.isArray(answers) ? (answers as EncodedAnswer[]) : undefined;
}

export class EvalJournal {
  private constructor(private readonly writer: JsonLinesWriter, readonly header: JournalHeader) {}

  /** A new journal at `path` (an old one is replaced). */
  static create(path: string, fingerprint: RunFingerprint): EvalJournal {
    const writer = JsonLinesWriter.open(path, 0);
    const header: JournalHeader = { journal: 'sgvqa-eval', version: 1, fingerprint, createdAt: new Date().toISOString() };
    writer.append(header);
    return new EvalJournal(writer, header);
  }

  /**
   * Reopens the journal at `path` for a run with `fingerprint`, handing every recorded answer to
   * `onEntry`; ResumeMismatchError when it was written for other inputs. Without a journal, a new one.
   */
  static async resume(path: string, fingerprint: RunFingerprint, onEntry: (entry: JournalEntry) => void): Promise<{ journal: EvalJournal; entries: number; bytes: number }> {
    if (!existsSync(path)) return { journal: EvalJournal.create(path, fingerprint), entries: 0, bytes: 0 };
    let header: JournalHeader | undefined;
    let validBytes = 0;
    let entries = 0;
    for await (const line of readJsonLines(path)) {
      if (header === undefined) {
        if (!isHeader(line.value)) throw new EvalError(`${path} is not an sgvqa eval journal (its first line is no journal header)`);
        header = line.value;
        const differences = fingerprintDifferences(header.fingerprint, fingerprint);
        if (differences.length > 0) throw new ResumeMismatchError(path, differences);
      } else {
        const answers = batchAnswers(line.value);
        if (!answers) break;
        for (const row of answers) onEntry(decode(row));
        entries += answers.length;
      }
      validBytes = line.offset + line.length + 1;
    }
    if (header === undefined) return { journal: EvalJournal.create(path, fingerprint), entries: 0, bytes: 0 };
    return { journal: new EvalJournal(JsonLinesWriter.open(path, validBytes), header), entries, bytes: validBytes };
  }

  /** Every answer recorded in the journal at `path` (in its first `maxBytes` bytes), in the order they were made. */
  static async *entries(path: string, maxBytes = Infinity): AsyncGenerator<JournalEntry> {
    let first = true;
    for await (const line of readJsonLines(path)) {
      if (line.offset + line.length >= maxBytes) return;
      if (first) {
        first = false;
        continue;
      }
      const answers = batchAnswers(line.value);
      if (!answers) return;
      for (const row of answers) yield decode(row);
    }
  }

  /** Records the questions of `batch` answered in this run (one line, one write). */
  append(batch: AnsweredBatch): void {
    const answers: EncodedAnswer[] = [];
    for (const entry of batch.entries) if (!entry.reused) answers.push(encode(entry.question.ordinal, entry.question.questionId, entry.answer));
    if (answers.length > 0) this.writer.append({ batch: batch.seq, answers });
  }

  close(): void {
    this.writer.close();
  }
}
