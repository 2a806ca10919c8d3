/** A failure to report to the user as one line, with a chosen exit code (2 = usage, 1 = failure). */
export class CliError extends Error {
  override name = 'CliError' as const;
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
