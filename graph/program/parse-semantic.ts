/**
 * GQA `semantic` list -> Program. The input is untrusted JSON: every field is checked and a bad one is a
 * GraphFormatError naming its path, e.g. `$.semantic[2].argument`.
 */
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import { checkProgram } from './check-program.ts';
import { parseStep } from './parse-step.ts';
import type { Program, ProgramStep } from './program.ts';

export interface ParseProgramOptions {
  /**
   * Unknown operations: by default they parse into an `unknown` step, which the executor reports as
   * unsupported by name (so a batch run can count them); `strict: true` makes them a GraphFormatError.
   */
  strict?: boolean;
  /** Path of the program in its document, for error messages (default `['semantic']`, or `['semanticStr']`). */
  path?: JsonPath;
  /** File name, for error messages. */
  file?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseSemantic(steps: unknown, options: ParseProgramOptions = {}): Program {
  const base = options.path ?? ['semantic'];
  const error = (message: string, path: JsonPath): GraphFormatError =>
    new GraphFormatError(`program/parse: ${message}`, path, options.file);
  if (!Array.isArray(steps)) throw error(`expected a list of steps, got ${describe(steps)}`, base);

  const parsed: ProgramStep[] = steps.map((raw: unknown, index) => {
    const at = [...base, index];
    if (!isRecord(raw)) throw error(`expected a step object, got ${describe(raw)}`, at);
    const { operation, argument, dependencies } = raw;
    if (typeof operation !== 'string' || operation.trim() === '') {
      throw error(`expected a non-empty operation string, got ${describe(operation)}`, [...at, 'operation']);
    }
    if (typeof argument !== 'string') {
      throw error(`expected an argument string, got ${describe(argument)}`, [...at, 'argument']);
    }
    if (!Array.isArray(dependencies)) {
      throw error(`expected a list of step indices, got ${describe(dependencies)}`, [...at, 'dependencies']);
    }
    dependencies.forEach((dep: unknown, position) => {
      if (typeof dep !== 'number' || !Number.isInteger(dep)) {
        throw error(`expected a step index, got ${describe(dep)}`, [...at, 'dependencies', position]);
      }
    });
    const location = options.file === undefined
      ? { path: at, strict: options.strict ?? false }
      : { path: at, file: options.file, strict: options.strict ?? false };
    return parseStep({ operation, argument, dependencies: dependencies as number[] }, location);
  });

  const program: Program = { steps: parsed };
  checkProgram(program, options.file === undefined ? { path: base } : { path: base, file: options.file });
  return program;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
