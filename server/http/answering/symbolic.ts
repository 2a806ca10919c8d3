/**
 * The GQA program executor as an answerer: runs a question's program on a scene graph and reports the
 * answer with the trace of every step, or why it cannot answer. Its grounding is the object set each
 * step selected (uniform weights), one round per step that selects objects.
 */
import { isGraphFormatError, type JsonPath } from '../../../graph/errors/graph-format-error.ts';
import {
  executeProgram,
  formatSemanticStr,
  parseSemantic,
  type ExecuteOptions,
  type Program,
  type StepTrace,
} from '../../../graph/program/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { HttpError } from '../errors/http-error.ts';
import type { GroundingRoundJson, SymbolicResult } from '../routes/answer-schema.ts';

export interface QuestionProgram {
  program: Program;
  semanticStr: string;
}

/** A GQA `semantic` list from a request -> program; malformed steps are a 400 naming the field. */
export function programFromSemantic(steps: unknown, path: JsonPath): QuestionProgram {
  try {
    const program = parseSemantic(steps, { path });
    return { program, semanticStr: formatSemanticStr(program) };
  } catch (error) {
    if (isGraphFormatError(error)) throw new HttpError(400, 'invalid_request', error.message, { path: error.path });
    throw error;
  }
}

export function runSymbolic(graph: SceneGraph, question: QuestionProgram, options: ExecuteOptions): SymbolicResult {
  const result = executeProgram(graph, question.program, options);
  const trace = result.trace.map(traceJson);
  if (result.kind === 'answer') return { semanticStr: question.semanticStr, result: { kind: 'answer', answer: result.answer, trace } };
  const { step, operation, cause, reason } = result;
  return { semanticStr: question.semanticStr, result: { kind: 'unsupported', step, operation, cause, reason, trace } };
}

function traceJson(entry: StepTrace): SymbolicResult['result']['trace'][number] {
  const value = entry.value.kind === 'objects' ? { kind: 'objects' as const, ids: [...entry.value.ids] } : entry.value;
  return { step: entry.step, operation: entry.operation, value };
}

/** One grounding round per step that selected objects, each object weighted 1/|selection|. */
export function symbolicGrounding(trace: SymbolicResult['result']['trace']): GroundingRoundJson[] {
  const rounds: GroundingRoundJson[] = [];
  for (const entry of trace) {
    if (entry.value.kind !== 'objects') continue;
    const weight = entry.value.ids.length > 0 ? 1 / entry.value.ids.length : 0;
    rounds.push({ round: rounds.length, kind: 'step', operation: entry.operation, objects: entry.value.ids.map((id) => ({ id, weight })) });
  }
  return rounds;
}
