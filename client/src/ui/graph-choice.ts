/**
 * Which graph is drawn: the sample's annotated graph, the graph the generator predicts from the image,
 * or both with their differences marked. A choice that cannot be made says why (no annotation for an
 * upload; the generator not loaded, with the server's reason).
 */
import type { Actions } from '../app/actions.ts';
import { isApiError } from '../api/api-error.ts';
import type { AppState, GraphChoice } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { h } from './dom.ts';

const CHOICES: { id: GraphChoice; label: string }[] = [
  { id: 'annotated', label: 'Annotated' },
  { id: 'predicted', label: 'Predicted' },
  { id: 'diff', label: 'Differences' },
];

export function mountGraphChoice(store: Store<AppState>, actions: Actions): HTMLElement {
  const inputs = CHOICES.map((choice) => {
    const input = h('input', { type: 'radio', name: 'graph-choice', value: choice.id, id: `choice-${choice.id}`, onchange: () => actions.setChoice(choice.id) });
    return { choice, input, label: h('label', { for: `choice-${choice.id}`, class: 'choice' }, input, ` ${choice.label}`) };
  });
  const status = h('p', { class: 'meta choice-status', id: 'predicted-status', 'aria-live': 'polite' });

  store.watch((s) => [s.choice, s.predicted, s.annotated, s.source], () => {
    const { choice, predicted, annotated, source } = store.get();
    for (const { choice: c, input } of inputs) {
      input.checked = c.id === choice;
      const needsAnnotation = c.id !== 'predicted';
      const needsPrediction = c.id !== 'annotated';
      input.disabled = !source || (needsAnnotation && !annotated) || (needsPrediction && predicted.status === 'error');
    }
    if (predicted.status === 'loading') status.textContent = 'Predicting the scene graph…';
    else if (predicted.status === 'error') {
      const reason = isApiError(predicted.error) ? predicted.error.detail : predicted.error.message;
      status.textContent = `Predicted graph unavailable: ${reason}`;
    } else if (predicted.status === 'ready') status.textContent = `Predicted: ${Object.keys(predicted.value.objects).length} objects.`;
    else status.textContent = '';
    status.classList.toggle('warning', predicted.status === 'error');
    if (source?.kind === 'upload') status.textContent = `${status.textContent.replace(/[^.…]$/, '$&.')} Uploads have no annotated graph.`.trim();
  });

  return h(
    'fieldset',
    { class: 'panel graph-choice' },
    h('legend', {}, 'Scene graph'),
    h('div', { class: 'choices' }, inputs.map((i) => i.label)),
    status,
  );
}
