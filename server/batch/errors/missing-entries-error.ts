/**
 * Questions that lack an entry the metrics need (a prediction, a choices entry, an attention map).
 * Carries the first few question ids so people can look them up, and the total.
 */
export type MissingEntryKind = 'prediction' | 'choices entry' | 'attention map';

const HINTS: Record<MissingEntryKind, string> = {
  prediction: 'pass --allow-missing (allowMissing) to score only the questions that have one',
  'choices entry': 'pass --allow-missing (allowMissing) to leave them out of validity and plausibility',
  'attention map': 'pass --allow-missing (allowMissing) to leave them out of grounding',
};

export class MissingEntriesError extends Error {
  override name = 'MissingEntriesError' as const;
  readonly kind: MissingEntryKind;
  /** The first missing question ids, in questions-file order. */
  readonly firstMissing: readonly string[];
  readonly missing: number;
  /** How many questions needed one. */
  readonly outOf: number;

  constructor(kind: MissingEntryKind, firstMissing: readonly string[], missing: number, outOf: number) {
    const listed = firstMissing.map((qid) => JSON.stringify(qid)).join(', ');
    super(`score: ${missing} of ${outOf} questions have no ${kind} (first: ${listed}${missing > firstMissing.length ? ', ...' : ''}); ${HINTS[kind]}`);
    this.kind = kind;
    this.firstMissing = firstMissing;
    this.missing = missing;
    this.outOf = outOf;
  }
}
