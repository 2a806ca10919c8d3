/** Horizontal probability bars with the value in text (the bar is decoration; the number is the data). */
import { h, percent } from './dom.ts';

export function distributionBars(entries: readonly { label: string; p: number }[], options: { highlight?: string; caption?: string } = {}): HTMLElement {
  const max = Math.max(1e-9, ...entries.map((e) => e.p));
  return h(
    'table',
    { class: 'bars' },
    options.caption ? h('caption', {}, options.caption) : null,
    h(
      'tbody',
      {},
      entries.map((entry) =>
        h(
          'tr',
          { class: entry.label === options.highlight ? 'highlight' : '' },
          h('th', { scope: 'row' }, entry.label),
          h('td', { class: 'bar-cell' }, h('span', { class: 'bar', style: { width: `${Math.max(1, (entry.p / max) * 100)}%` } })),
          h('td', { class: 'bar-value' }, percent(entry.p)),
        ),
      ),
    ),
  );
}
