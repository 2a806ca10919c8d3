/**
 * The edits made to the graph being worked on, in order, with Undo and Reset. Questions asked after an
 * edit go to the server with the edited graph, so the answer history shows the counterfactual.
 */
import type { Actions } from '../app/actions.ts';
import { attributeGroups, baseScene, editableGraph } from '../app/selectors.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { describeObject, shortId } from '../scene/describe.ts';
import { describeEdit } from '../scene/scene-edits.ts';
import { h, replaceChildren } from './dom.ts';

export function mountEditLog(store: Store<AppState>, actions: Actions): HTMLElement {
  const body = h('div', {});
  const element = h('section', { class: 'panel edit-log', 'aria-labelledby': 'edits-heading', id: 'edit-log', 'aria-live': 'polite' }, h('h2', { id: 'edits-heading' }, 'Edits'), body);
  store.watch((s) => [s.edits, s.choice, s.annotated, s.predicted], () => {
    const state = store.get();
    const which = editableGraph(state);
    element.hidden = !which;
    if (!which) return;
    const edits = state.edits[which];
    const base = baseScene(state, which);
    const groups = attributeGroups(state);
    const imageId = state.source?.id;
    const label = (id: string) => {
      const object = base?.objects[id];
      return object ? `${shortId(id, imageId)} ${describeObject(object, groups)}` : shortId(id, imageId);
    };
    if (edits.length === 0) {
      replaceChildren(body, h('p', { class: 'meta' }, `No edits to the ${which} graph. Select an object to relabel it, change its attributes or relations, or delete it; then ask again.`));
      return;
    }
    replaceChildren(
      body,
      h('ol', { class: 'edit-list' }, edits.map((edit) => h('li', {}, describeEdit(edit, label)))),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', onclick: () => actions.undoEdit(), id: 'undo-edit' }, 'Undo'),
        h('button', { type: 'button', onclick: () => actions.resetEdits(), id: 'reset-edits', title: `Back to the unedited ${which} graph` }, 'Reset'),
        h('button', { type: 'button', class: 'primary', onclick: () => void actions.ask(), id: 'ask-again' }, 'Ask again'),
      ),
    );
  });
  return element;
}
