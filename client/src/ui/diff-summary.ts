/**
 * The differences view's legend and list: how many objects the generator found, missed, invented or
 * got wrong, the same for relations, and every difference in words (each one selects its object).
 */
import type { Actions } from '../app/actions.ts';
import { currentDisplay, sceneDiff } from '../app/selectors.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { h, replaceChildren } from './dom.ts';

export function mountDiffSummary(store: Store<AppState>, actions: Actions): HTMLElement {
  const body = h('div', {});
  const element = h('section', { class: 'panel diff-summary', 'aria-labelledby': 'diff-heading', id: 'diff-summary' }, h('h2', { id: 'diff-heading' }, 'Predicted vs annotated'), body);
  store.watch((s) => [s.choice, currentDisplay(s)], () => {
    const state = store.get();
    const diff = sceneDiff(state);
    const display = currentDisplay(state);
    element.hidden = state.choice !== 'diff' || !diff || !display;
    if (element.hidden || !diff || !display) return;
    const o = diff.objectCounts;
    const r = diff.relationCounts;
    const legend = h(
      'ul',
      { class: 'legend' },
      h('li', { class: 'status-correct' }, `found ${o.correct}`),
      h('li', { class: 'status-wrong-label' }, `wrong label ${o['wrong-label']}`),
      h('li', { class: 'status-wrong-attributes' }, `wrong attributes ${o['wrong-attributes']}`),
      h('li', { class: 'status-missed' }, `missed ${o.missed}`),
      h('li', { class: 'status-spurious' }, `spurious ${o.spurious}`),
    );
    const relationLine = h('p', { class: 'meta' }, `Relations: ${r.correct} right, ${r.wrong} wrong predicate, ${r.missed} missed, ${r.spurious} spurious. Annotated boxes are dashed, predicted boxes solid.`);
    const problems = display.objects.filter((x) => x.status && x.status !== 'correct');
    const objectNames = new Map(display.objects.map((x) => [x.key, x.label]));
    const badRelations = display.relations.filter((x) => x.status && x.status !== 'correct');
    replaceChildren(
      body,
      legend,
      relationLine,
      problems.length || badRelations.length
        ? [
          // The list scrolls: the count says how much of it there is.
          h('p', { class: 'meta', id: 'difference-count' }, `Every difference (${problems.length + badRelations.length}), objects first:`),
          h(
            'ul',
            { class: 'difference-list' },
            problems.map((x) => h('li', { class: `status-${x.status}` }, h('button', { type: 'button', class: 'link', onclick: () => actions.select(x.key) }, x.label), ` — ${x.note}`)),
            badRelations.map((x) =>
              h('li', { class: `status-${x.status}` }, `${x.status} relation: ${objectNames.get(x.source)} ${x.label} ${objectNames.get(x.target)}`),
            ),
          ),
        ]
        : h('p', {}, 'The predicted graph matches the annotation.'),
    );
  });
  return element;
}
