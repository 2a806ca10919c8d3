/** The page-level notice: an error or hint that belongs to no single panel, announced to screen readers. */
import type { Actions } from '../app/actions.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { h, replaceChildren } from './dom.ts';

export function mountNotice(store: Store<AppState>, actions: Actions): HTMLElement {
  const element = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  store.watch((s) => s.notice, (notice) => {
    element.className = `notice${notice ? ` ${notice.kind}` : ''}`;
    if (!notice) {
      element.replaceChildren();
      return;
    }
    replaceChildren(element, h('span', {}, notice.text), h('button', { type: 'button', class: 'link', onclick: () => actions.dismissNotice(), 'aria-label': 'Dismiss the message' }, 'Dismiss'));
  });
  return element;
}
