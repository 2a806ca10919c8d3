/** A server setting that cannot be used (a malformed environment variable, a missing folder). */
export class ConfigError extends Error {
  override name = 'ConfigError' as const;

  constructor(message: string) {
    super(`http/config: ${message}`);
  }
}
