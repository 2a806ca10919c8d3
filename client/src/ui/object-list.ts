/**
 * The drawn objects as a list: the keyboard and screen-reader route to everything the image and the
 * graph show (one tab stop; arrow keys move, Enter or Space selects), with each object's status in the
 * differences view and its relation count.
 */
import type { Actions } from '../app/actions.ts';
import { currentDisplay } from '../app/selectors.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { displayShortId, type DisplayScene } from '../scene/display-scene.ts';
import { h, replaceChildren } from './dom.ts';

const STATUS_TEXT = { correct: 'found', 'wrong-label': 'wrong label', 'wrong-attributes': 'wrong attributes', missed: 'missed', spurious: 'spurious' } as const;

export function mountObjectList(store: Store<AppState>, actions: Actions): HTMLElement {
  const list = h('ul', { class: 'object-list', role: 'listbox', 'aria-label': 'Objects in the scene graph', id: 'object-list' });
  let items: HTMLLIElement[] = [];
  let keys: string[] = [];

  const focusItem = (index: number) => {
    items.forEach((item, i) => (item.tabIndex = i === index ? 0 : -1));
    items[index]?.focus();
  };
  list.addEventListener('keydown', (event) => {
    const index = items.indexOf(document.activeElement as HTMLLIElement);
    if (index < 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusItem(Math.min(items.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1))));
      actions.hover(keys[items.indexOf(document.activeElement as HTMLLIElement)]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const key = keys[index]!;
      actions.select(store.get().selected === key ? undefined : key);
    } else if (event.key === 'Escape') actions.select(undefined);
  });

  const render = (display: DisplayScene | undefined, imageId: string | undefined) => {
    keys = display?.objects.map((o) => o.key) ?? [];
    const degree = new Map<string, number>();
    for (const r of display?.relations ?? []) {
      degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
      degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
    }
    items = (display?.objects ?? []).map((object, index) => {
      return h(
        'li',
        {
          role: 'option',
          tabindex: index === 0 ? '0' : '-1',
          class: `object-item${object.status ? ` status-${object.status}` : ''}`,
          dataset: { key: object.key },
          'aria-selected': 'false',
          onclick: () => actions.select(store.get().selected === object.key ? undefined : object.key),
          onmouseenter: () => actions.hover(object.key),
          onmouseleave: () => actions.hover(undefined),
          onfocus: () => actions.hover(object.key),
        },
        h('span', { class: 'swatch', style: { background: object.color, opacity: String(0.35 + 0.65 * object.score) }, 'aria-hidden': 'true' }),
        h('span', { class: 'object-id' }, displayShortId(object, imageId)),
        // The status flows after the description (and wraps with it) rather than squeezing it.
        h('span', { class: 'object-label' }, object.label, object.status ? [' ', h('span', { class: `status-tag status-${object.status}` }, STATUS_TEXT[object.status])] : null),
        h('span', { class: 'degree', title: 'relations' }, String(degree.get(object.key) ?? 0)),
      );
    });
    if (items.length === 0) replaceChildren(list, h('li', { class: 'empty' }, 'No objects.'));
    else replaceChildren(list, items);
  };

  store.watch((s) => [currentDisplay(s), s.source], () => render(currentDisplay(store.get()), store.get().source?.id));
  store.watch((s) => [s.selected, s.hovered, currentDisplay(s)], () => {
    const { selected, hovered } = store.get();
    items.forEach((item, i) => {
      item.setAttribute('aria-selected', String(keys[i] === selected));
      item.classList.toggle('hovered', keys[i] === hovered);
    });
  });

  return h('section', { class: 'panel objects-panel', 'aria-labelledby': 'objects-heading' }, h('h2', { id: 'objects-heading' }, 'Objects'), list);
}
