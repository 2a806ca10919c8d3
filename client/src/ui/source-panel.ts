/**
 * Where the image comes from: a committed world sample (a select plus previous/next buttons) or an
 * uploaded image (drop it anywhere on the zone, or choose a file; the zone is a real button for keyboard
 * users).
 */
import type { Actions } from '../app/actions.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import { h, replaceChildren } from './dom.ts';

export function mountSourcePanel(store: Store<AppState>, actions: Actions): HTMLElement {
  const select = h('select', { id: 'sample-select', onchange: () => void actions.loadSample(select.value) });
  const step = (delta: number) => {
    const { samples, source } = store.get();
    const index = samples.findIndex((s) => s.id === source?.id);
    const next = samples[(Math.max(0, index) + delta + samples.length) % samples.length];
    if (next) void actions.loadSample(next.id);
  };
  const previous = h('button', { type: 'button', class: 'icon', 'aria-label': 'Previous sample', title: 'Previous sample', onclick: () => step(-1) }, '◀');
  const next = h('button', { type: 'button', class: 'icon', 'aria-label': 'Next sample', title: 'Next sample', onclick: () => step(1) }, '▶');
  const meta = h('p', { class: 'meta', id: 'sample-meta' });

  store.watch((s) => s.samples, (samples) => {
    replaceChildren(select, samples.map((s) => h('option', { value: s.id }, s.id)));
  });
  store.watch((s) => [s.source, s.samples], () => {
    const { source, samples } = store.get();
    if (source?.kind === 'sample') select.value = source.id;
    else if (source?.kind === 'upload') select.selectedIndex = -1;
    const summary = samples.find((s) => s.id === source?.id);
    meta.textContent =
      source?.kind === 'upload'
        ? `Uploaded: ${source.name}`
        : summary
          ? `${summary.objects} objects, ${summary.relations} relations, ${summary.questions} questions${summary.location ? `, ${summary.location} background` : ''}`
          : '';
  });

  const fileInput = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp', id: 'upload-input', class: 'visually-hidden', tabindex: '-1' });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void actions.loadUpload(file);
    fileInput.value = '';
  });
  const dropzone = h(
    'button',
    { type: 'button', class: 'dropzone', id: 'dropzone', onclick: () => fileInput.click(), 'aria-describedby': 'upload-hint' },
    h('strong', {}, 'Upload an image'),
    h('span', { id: 'upload-hint' }, 'Drop a PNG, JPEG or WebP here, or press to choose a file'),
  );
  dropzone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropzone.classList.add('dragging');
  });
  dropzone.addEventListener('dragleave', () => dropzone.classList.remove('dragging'));
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropzone.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) void actions.loadUpload(file);
  });

  return h(
    'section',
    { class: 'panel source-panel', 'aria-labelledby': 'source-heading' },
    h('h2', { id: 'source-heading' }, 'Image'),
    h('label', { for: 'sample-select' }, 'World sample'),
    h('div', { class: 'row' }, previous, select, next),
    meta,
    dropzone,
    fileInput,
  );
}
