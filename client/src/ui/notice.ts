/**
 * The page-level notice: an error or hint that belongs to no single panel, announced to screen readers;
 * and, when the server requires an API key, the form that asks for it.
 */
import type { Actions } from '../app/actions.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { h, replaceChildren } from './dom.ts';

export function mountNotice(store: Store<AppState>, actions: Actions): HTMLElement {
  const element = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  store.watch((s) => [s.notice, s.needsKey], () => {
    const { notice, needsKey } = store.get();
    if (needsKey) {
      element.className = 'notice error';
      const input = h('input', { type: 'password', id: 'api-key-input', autocomplete: 'off', 'aria-label': 'API key' });
      const form = h('form', { class: 'row' }, h('label', { for: 'api-key-input' }, 'This server requires an API key (SGVQA_API_KEY):'), input, h('button', { type: 'submit', class: 'primary' }, 'Use key'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (input.value) void actions.useApiKey(input.value);
      });
      replaceChildren(element, form);
      input.focus();
      return;
    }
    element.className = `notice${notice ? ` ${notice.kind}` : ''}`;
    if (!notice) {
      element.replaceChildren();
      return;
    }
    replaceChildren(element, h('span', {}, notice.text), h('button', { type: 'button', class: 'link', onclick: () => actions.dismissNotice(), 'aria-label': 'Dismiss the message' }, 'Dismiss'));
  });
  return element;
}
