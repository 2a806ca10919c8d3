/** A JSON path: object keys and array indices from the document root. */
export type JsonPath = readonly (string | number)[];

/** `$.a["b c"][3]` style rendering of a path, for messages people can follow into the file. */
export function formatJsonPath(path: JsonPath): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * Input data that does not follow its format: malformed JSON, a wrong type, a dangling reference, a
 * duplicate id. Carries the JSON path of the bad field and, when known, the file it came from.
 */
export class GraphFormatError extends Error {
  override name = 'GraphFormatError' as const;
  readonly path: JsonPath;
  readonly file: string | undefined;
  /** The problem alone, without the file and path prefix. */
  readonly detail: string;

  constructor(detail: string, path: JsonPath = [], file?: string) {
    super(`${file ? `${file}: ` : ''}${formatJsonPath(path)}: ${detail}`);
    this.path = path;
    this.file = file;
    this.detail = detail;
  }
}

export function isGraphFormatError(error: unknown): error is GraphFormatError {
  return error instanceof GraphFormatError || (error instanceof Error && error.name === 'GraphFormatError');
}
