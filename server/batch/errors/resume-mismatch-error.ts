/**
 * `--resume` against a journal written for other inputs: another questions file, another model or
 * executor, other graphs. Resuming would mix answers of two runs, so it is refused; `differences` names
 * what changed.
 */
export class ResumeMismatchError extends Error {
  override name = 'ResumeMismatchError' as const;
  readonly differences: readonly string[];

  constructor(journal: string, differences: readonly string[]) {
    super(`eval --resume: ${journal} was written by a run with ${differences.join('; ')}; ` +
      'resume with the same inputs, or start over without --resume (or with another --out)');
    this.differences = differences;
  }
}
