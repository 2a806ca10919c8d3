/**
 * One GQA step (operation, argument, dependencies) -> a typed ProgramStep. Shared by the `semantic` list
 * parser and the `semanticStr` parser, so both give the same program for the same question.
 *
 * The operation is a verb plus an optional category: `filter color`, `verify rel`, `choose healthier`.
 * A verb this parser does not know becomes an `unknown` step (or an error with `strict`); a known verb
 * with a malformed argument is always an error.
 */
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import {
  parseNamed,
  parseNegatable,
  parseOptions,
  parseRelation,
  type Parsed,
} from './argument-syntax.ts';
import type { ProgramStep } from './program.ts';

export interface StepSource {
  operation: string;
  argument: string;
  dependencies: readonly number[];
}

export interface StepLocation {
  /** Path of the step itself, e.g. `['semantic', 2]`. */
  path: JsonPath;
  file?: string;
  strict: boolean;
}

function splitOperation(operation: string): { verb: string; category: string | undefined } {
  const words = operation.trim().split(/\s+/);
  const verb = words[0] ?? '';
  const category = words.slice(1).join(' ');
  return { verb, category: category === '' ? undefined : category };
}

export function parseStep(source: StepSource, at: StepLocation): ProgramStep {
  const { argument } = source;
  const deps = [...source.dependencies];
  const { verb, category } = splitOperation(source.operation);

  const argumentError = (message: string): GraphFormatError =>
    new GraphFormatError(`program/parse: ${source.operation}: ${message}`, [...at.path, 'argument'], at.file);
  const take = <T>(parsed: Parsed<T>): T => {
    if (!parsed.ok) throw argumentError(parsed.message);
    return parsed.value;
  };
  const withCategory = <T extends object>(step: T): T => (category === undefined ? step : { ...step, category });

  switch (verb) {
    case 'select': {
      if (category !== undefined) break;
      const named = take(parseNamed(argument));
      if (named.name === 'scene' && named.ids === undefined) return { kind: 'scene', deps };
      return named.ids === undefined
        ? { kind: 'select', name: named.name, deps }
        : { kind: 'select', name: named.name, ids: named.ids, deps };
    }
    case 'filter':
      return withCategory({ kind: 'filter' as const, ...take(parseNegatable(argument)), deps });
    case 'relate':
      if (category !== undefined) break;
      return { kind: 'relate', ...take(parseRelation(argument)), deps };
    case 'query': {
      if (category !== undefined) break;
      const queried = argument.trim();
      if (queried === '') throw argumentError('expected the category to query (name, color, ...)');
      return { kind: 'query', category: queried, deps };
    }
    case 'verify': {
      if (category === 'rel') return { kind: 'verifyRel', ...take(parseRelation(argument)), deps };
      return withCategory({ kind: 'verify' as const, ...take(parseNegatable(argument)), deps });
    }
    case 'choose':
      return parseChoose(category, argument, deps, take);
    case 'exist':
      if (category !== undefined) break;
      return { kind: 'exist', deps };
    case 'and':
    case 'or':
      if (category !== undefined) break;
      return { kind: verb, deps };
    case 'same':
    case 'different': {
      // `same color:  [0, 1]` names the category in the operation, `same: color [0]` in the argument.
      const compared = category ?? argument.trim();
      if (compared === '' || compared === '?') throw argumentError('expected the category to compare (color, ...)');
      return { kind: verb, category: compared, deps };
    }
    case 'common':
      if (category !== undefined) break;
      return { kind: 'common', deps };
    default:
      break;
  }
  if (at.strict) {
    throw new GraphFormatError(
      `program/parse: unknown operation "${source.operation}"`,
      [...at.path, 'operation'],
      at.file,
    );
  }
  return { kind: 'unknown', operation: source.operation, argument, deps };
}

function parseChoose(
  category: string | undefined,
  argument: string,
  deps: number[],
  take: <T>(parsed: Parsed<T>) => T,
): ProgramStep {
  if (category === 'rel') {
    const relation = take(parseRelation(argument));
    const predicates = take(parseOptions(relation.predicate));
    const { predicate: _joined, ...rest } = relation;
    return { kind: 'chooseRel', ...rest, predicates, deps };
  }
  // `choose healthier:  [0, 1]` compares two objects; every other choose picks among listed options.
  if (category !== undefined && deps.length === 2 && !argument.includes('|')) {
    return { kind: 'compare', comparative: category, deps };
  }
  const options = take(parseOptions(argument));
  return category === undefined ? { kind: 'choose', options, deps } : { kind: 'choose', category, options, deps };
}
