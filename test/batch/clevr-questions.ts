/**
 * CLEVR questions as GQA questions, for evaluating CLEVR scenes with `sgvqa eval --model symbolic`: the
 * CLEVR programs that are chains of filters, `unique`, `relate` and one final `query_*` or `exist` map
 * onto GQA's `semantic` steps (select, filter, relate, query, exist); the others (count, compare,
 * same_*, union, ...) have no GQA counterpart the executor runs and are left out, counted.
 *
 * Both program notations are read: official CLEVR v1.0 (`function`, `value_inputs`) and the generator's
 * (`type`, `value_inputs`). Object names are CLEVR shapes; `thing` is every shape (an executor name class).
 */
import type { GqaQuestion } from '../../graph/formats/gqa-schema.ts';

interface ClevrStep {
  readonly function?: string;
  readonly type?: string;
  readonly value_inputs?: readonly string[];
}

export interface ClevrQuestion {
  readonly image?: string;
  readonly image_filename?: string;
  readonly image_index: number;
  readonly question: string;
  readonly answer: string;
  readonly program: readonly ClevrStep[];
}

export const CLEVR_SHAPES = ['cube', 'sphere', 'cylinder'];

/** Executor options for imported CLEVR scenes (attributes [color, size, material], names = shapes). */
export const CLEVR_EXECUTOR = {
  ontology: {
    color: ['gray', 'red', 'blue', 'green', 'brown', 'purple', 'cyan', 'yellow'],
    size: ['small', 'large'],
    material: ['rubber', 'metal'],
  },
  hypernyms: { shape: CLEVR_SHAPES, thing: CLEVR_SHAPES },
};

const RELATIONS: Record<string, string> = { left: 'to the left of', right: 'to the right of', front: 'in front of', behind: 'behind' };

type Step = { operation: string; argument: string; dependencies: number[] };

/** The GQA program of a CLEVR program, or undefined when it uses something GQA's executor does not run. */
export function gqaProgram(program: readonly ClevrStep[]): { steps: Step[]; structural: 'query' | 'verify'; semantic: 'attr' | 'rel' } | undefined {
  const steps: Step[] = [];
  let filters: [string, string][] = [];
  let relation: string | undefined;
  let hasRelation = false;
  const flush = (): void => {
    const shape = filters.find(([category]) => category === 'shape')?.[1] ?? 'thing';
    const rest = filters.filter(([category]) => category !== 'shape');
    if (relation === undefined) steps.push({ operation: 'select', argument: shape, dependencies: [] });
    else steps.push({ operation: 'relate', argument: `${shape},${relation},s`, dependencies: [steps.length - 1] });
    for (const [category, value] of rest) steps.push({ operation: `filter ${category}`, argument: value, dependencies: [steps.length - 1] });
    filters = [];
    relation = undefined;
  };
  for (const [k, step] of program.entries()) {
    const name = step.function ?? step.type ?? '';
    const value = step.value_inputs?.[0] ?? '';
    const last = k === program.length - 1;
    if (name === 'scene') {
      if (k !== 0) return undefined;
    } else if (name.startsWith('filter_')) {
      filters.push([name.slice('filter_'.length), value]);
    } else if (name === 'unique') {
      if (filters.length > 0 || relation !== undefined || steps.length === 0) flush();
    } else if (name === 'relate' && RELATIONS[value]) {
      if (filters.length > 0 || steps.length === 0) flush();
      relation = RELATIONS[value];
      hasRelation = true;
    } else if (last && name.startsWith('query_')) {
      if (filters.length > 0 || relation !== undefined || steps.length === 0) flush();
      steps.push({ operation: 'query', argument: name.slice('query_'.length), dependencies: [steps.length - 1] });
      return { steps, structural: 'query', semantic: hasRelation ? 'rel' : 'attr' };
    } else if (last && name === 'exist') {
      if (filters.length > 0 || relation !== undefined || steps.length === 0) flush();
      steps.push({ operation: 'exist', argument: '?', dependencies: [steps.length - 1] });
      return { steps, structural: 'verify', semantic: hasRelation ? 'rel' : 'attr' };
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The convertible questions as a GQA questions file (`<prefix><index>` ids), and how many were left out. */
export function gqaQuestionsOf(questions: readonly ClevrQuestion[], imageIdOf: (q: ClevrQuestion) => string, prefix: string): { questions: Record<string, GqaQuestion>; skipped: number } {
  const out: Record<string, GqaQuestion> = {};
  let skipped = 0;
  questions.forEach((q, k) => {
    const program = gqaProgram(q.program);
    if (!program) {
      skipped++;
      return;
    }
    out[`${prefix}${k}`] = {
      imageId: imageIdOf(q),
      question: q.question,
      answer: q.answer,
      isBalanced: true,
      types: { structural: program.structural, semantic: program.semantic, detailed: 'clevr' },
      semantic: program.steps,
      entailed: [],
      equivalent: [],
      groups: { global: null, local: null },
      annotations: {},
    };
  });
  return { questions: out, skipped };
}
