/**
 * The executor's trace of a report question: its GQA program run by graph/program on the scene graph
 * the question was evaluated on, step by step (what each step selected or answered), and how it ended.
 * This is how a reader checks a wrong answer: does the graph hold what the question needs?
 */
import { executeProgram, parseSemantic, stepArgument, type ExecuteOptions, type StepValue } from '../../../graph/program/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { QuestionTrace, ReportQuestion } from './report-data.ts';

/** Object ids listed in a trace step before "…". */
const LISTED_OBJECTS = 12;

function describeValue(value: StepValue, graph: SceneGraph): string {
  switch (value.kind) {
    case 'objects': {
      if (value.ids.length === 0) return 'no object';
      const named = value.ids.slice(0, LISTED_OBJECTS).map((id) => (graph.hasNode(id) ? `${graph.getNodeAttribute(id, 'name')} (${id})` : id));
      return `${value.ids.length} object${value.ids.length === 1 ? '' : 's'}: ${named.join(', ')}${value.ids.length > LISTED_OBJECTS ? ', …' : ''}`;
    }
    case 'scene':
      return 'the scene';
    case 'boolean':
      return value.value ? 'yes' : 'no';
    case 'string':
      return value.value;
  }
}

/** The trace of `question` on `graph`; undefined when the question has no program. */
export function traceQuestion(question: ReportQuestion, graph: SceneGraph, options: ExecuteOptions, anchor: string): QuestionTrace | undefined {
  if (!question.program) return undefined;
  const base = { questionId: question.questionId, anchor, question: question.question };
  let program;
  try {
    program = parseSemantic(question.program, { path: [question.questionId, 'semantic'] });
  } catch (error) {
    return { ...base, steps: [], outcome: `the program cannot be read: ${(error as Error).message}` };
  }
  const result = executeProgram(graph, program, options);
  const steps = result.trace.map((entry) => ({
    step: entry.step,
    operation: entry.operation,
    argument: stepArgument(program.steps[entry.step]!),
    value: describeValue(entry.value, graph),
  }));
  const outcome = result.kind === 'answer'
    ? `answer: ${result.answer}`
    : `stopped at step ${result.step} (${result.operation}), ${result.cause}: ${result.reason}`;
  return { ...base, steps, outcome };
}
