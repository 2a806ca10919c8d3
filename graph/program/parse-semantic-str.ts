/**
 * GQA `semanticStr` -> Program. The string is the `semantic` list written as
 *   step { "->" step },   step := operation ":" " " argument [ " [" dep { ", " dep } "]" ]
 * e.g. `select: wall (722332)->filter color: white [0]->relate: _,on,s (722335) [1]->query: name [2]`.
 * Each step goes through the same parser as the list form. Error paths read `$.semanticStr[2].argument`:
 * step 2 of the string.
 */
import { GraphFormatError } from '../errors/graph-format-error.ts';
import { parseSemantic, type ParseProgramOptions } from './parse-semantic.ts';
import type { GqaSemanticStep, Program } from './program.ts';

const TRAILING_DEPENDENCIES = /\[\s*(\d+(?:\s*,\s*\d+)*)?\s*\]\s*$/;

/** Splits a semanticStr into GQA's list form, without interpreting operations. */
export function splitSemanticStr(text: string, options: ParseProgramOptions = {}): GqaSemanticStep[] {
  const base = options.path ?? ['semanticStr'];
  if (typeof text !== 'string' || text.trim() === '') {
    throw new GraphFormatError('program/parse: empty semanticStr', base, options.file);
  }
  return text.split('->').map((segment, index) => {
    const colon = segment.indexOf(':');
    if (colon < 0) {
      throw new GraphFormatError(
        `program/parse: expected "operation: argument", got "${segment}"`,
        [...base, index],
        options.file,
      );
    }
    const operation = segment.slice(0, colon).trim();
    let rest = segment.slice(colon + 1);
    let dependencies: number[] = [];
    const deps = TRAILING_DEPENDENCIES.exec(rest);
    if (deps) {
      dependencies = deps[1] === undefined ? [] : deps[1].split(',').map((dep) => Number(dep.trim()));
      rest = rest.slice(0, deps.index);
    }
    return { operation, argument: rest.trim(), dependencies };
  });
}

export function parseSemanticStr(text: string, options: ParseProgramOptions = {}): Program {
  const path = options.path ?? ['semanticStr'];
  return parseSemantic(splitSemanticStr(text, { ...options, path }), { ...options, path });
}
