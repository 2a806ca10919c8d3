/**
 * The symbolic executor's run of the question's program: its answer (or why it could not answer) and
 * each step's value, with object ids named as the page names them.
 */
import type { SymbolicResult } from '../api/types.ts';
import { h } from './dom.ts';

type Step = SymbolicResult['result']['trace'][number];

function stepValue(step: Step, name: (id: string) => string): string {
  const value = step.value;
  switch (value.kind) {
    case 'objects':
      return value.ids.length ? value.ids.map(name).join(', ') : '(no objects)';
    case 'scene':
      return 'the scene';
    case 'boolean':
      return value.value ? 'yes' : 'no';
    case 'string':
      return `"${value.value}"`;
  }
}

export function programTrace(program: SymbolicResult, name: (id: string) => string): HTMLElement {
  const result = program.result;
  const outcome =
    result.kind === 'answer'
      ? h('p', {}, 'Executor answer: ', h('strong', { class: 'executor-answer' }, result.answer))
      : h('p', { class: 'warning' }, `The executor stopped at step ${result.step} (${result.operation}): ${result.reason}`);
  return h(
    'details',
    { class: 'program' },
    h('summary', {}, outcome),
    h('p', { class: 'mono meta' }, program.semanticStr),
    h(
      'ol',
      { class: 'trace', start: '0' },
      result.trace.map((step) => h('li', {}, h('span', { class: 'op' }, step.operation), ' → ', stepValue(step, name))),
    ),
  );
}
