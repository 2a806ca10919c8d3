/**
 * The selected object: what it is, its box and score, the generator's top-k distributions per head,
 * its relations, and (on the annotated or predicted graph) the edit controls: relabel, change or remove
 * attributes, add or remove relations, delete the object. In the differences view it shows both
 * versions of the object side by side instead.
 */
import type { Actions } from '../app/actions.ts';
import { attributeGroups, baseScene, currentDisplay, editableGraph, workingScene } from '../app/selectors.ts';
import type { AppState } from '../app/state.ts';
import type { Store } from '../app/store.ts';
import type { Scene, SceneObject } from '../api/types.ts';
import { describeObject, groupOf, nameObject, shortId } from '../scene/describe.ts';
import type { DisplayObject } from '../scene/display-scene.ts';
import { h, percent, replaceChildren } from './dom.ts';
import { distributionBars } from './distribution-bars.ts';

const name = nameObject;

function boxText(object: SceneObject): string {
  return `box x ${Math.round(object.x)}, y ${Math.round(object.y)}, ${Math.round(object.w)}×${Math.round(object.h)} px`;
}

function scoresSection(object: SceneObject): HTMLElement | null {
  if (!object.scores || Object.keys(object.scores).length === 0) {
    return h('p', { class: 'meta' }, object.score === undefined ? 'Annotated object: no distributions (one-hot labels).' : 'The generator sent no distributions for this object.');
  }
  const current = new Set([object.name, ...object.attributes]);
  return h(
    'div',
    { class: 'distributions' },
    Object.entries(object.scores).map(([head, entries]) =>
      distributionBars(entries, { caption: head, highlight: entries.find((e) => current.has(e.label))?.label ?? '' }),
    ),
  );
}

export function mountObjectDetails(store: Store<AppState>, actions: Actions): HTMLElement {
  const body = h('div', { class: 'details-body' });
  const heading = h('h2', { id: 'details-heading' }, 'Selected object');
  const element = h('section', { class: 'panel details-panel', 'aria-labelledby': 'details-heading', id: 'object-details' }, heading, body);

  const render = () => {
    const state = store.get();
    const display = currentDisplay(state);
    const selected = display?.objects.find((o) => o.key === state.selected);
    if (!display || !selected) {
      heading.textContent = 'Selected object';
      replaceChildren(body, h('p', { class: 'meta' }, display ? 'Select an object in the image, the graph or the object list to see its details and edit it.' : ''));
      return;
    }
    const imageId = state.source?.id;
    const groups = attributeGroups(state);
    if (display.mode === 'diff') {
      heading.textContent = selected.label;
      replaceChildren(body, diffDetails(state, selected, imageId, groups));
      return;
    }
    const which = editableGraph(state)!;
    const scene = workingScene(state, which)!;
    const id = selected.ids.scene!;
    const object = scene.objects[id]!;
    heading.textContent = `${shortId(id, imageId)} ${selected.label}`;
    replaceChildren(
      body,
      h('p', { class: 'meta' }, `${boxText(object)}${object.score !== undefined ? ` · detection score ${percent(object.score)}` : ''}`),
      scoresSection(object),
      editSection(state, scene, id, object, groups, actions),
      relationsSection(state, scene, id, imageId, groups, actions),
    );
  };
  store.watch((s) => [currentDisplay(s), s.selected, s.model], render);
  return element;
}

function relationsSection(state: AppState, scene: Scene, id: string, imageId: string | undefined, groups: Record<string, string[]> | undefined, actions: Actions): HTMLElement {
  const rows: HTMLElement[] = [];
  const removeButton = (source: string, predicate: string, target: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small danger remove-relation',
        title: 'Remove this relation',
        'aria-label': `Remove relation ${name(scene, source, imageId, groups)} ${predicate} ${name(scene, target, imageId, groups)}`,
        onclick: () => actions.edit({ kind: 'remove-relation', source, predicate, target }),
      },
      '×',
    );
  for (const relation of scene.objects[id]!.relations) {
    rows.push(h('li', {}, h('span', {}, `→ ${relation.name} `, h('strong', {}, name(scene, relation.object, imageId, groups)), relation.score !== undefined ? ` (${percent(relation.score)})` : ''), removeButton(id, relation.name, relation.object)));
  }
  for (const [sourceId, source] of Object.entries(scene.objects)) {
    for (const relation of source.relations) {
      if (relation.object !== id) continue;
      rows.push(h('li', {}, h('span', {}, '← ', h('strong', {}, name(scene, sourceId, imageId, groups)), ` is ${relation.name} it`), removeButton(sourceId, relation.name, id)));
    }
  }
  const predicates = state.model?.labels.predicates ?? [];
  const predicateSelect = h('select', { 'aria-label': 'Predicate of the new relation', id: 'add-relation-predicate' }, predicates.map((p) => h('option', { value: p }, p)));
  const targetSelect = h(
    'select',
    { 'aria-label': 'Object of the new relation', id: 'add-relation-target' },
    Object.keys(scene.objects).filter((other) => other !== id).map((other) => h('option', { value: other }, name(scene, other, imageId, groups))),
  );
  const add = h('button', { type: 'button', class: 'small', id: 'add-relation', onclick: () => targetSelect.value && actions.edit({ kind: 'add-relation', source: id, predicate: predicateSelect.value, target: targetSelect.value }) }, 'Add relation');
  return h(
    'div',
    { class: 'relations' },
    h('h3', {}, `Relations (${rows.length})`),
    rows.length ? h('ul', { class: 'relation-list' }, rows) : h('p', { class: 'meta' }, 'No relations.'),
    h('div', { class: 'row wrap add-relation' }, h('span', {}, 'It is'), predicateSelect, targetSelect, add),
  );
}

function editSection(state: AppState, scene: Scene, id: string, object: SceneObject, groups: Record<string, string[]> | undefined, actions: Actions): HTMLElement {
  const names = state.model?.labels.names ?? [];
  const nameSelect = h(
    'select',
    { id: 'edit-name', onchange: () => actions.edit({ kind: 'rename-object', id, name: nameSelect.value }) },
    [...new Set([object.name, ...names])].map((n) => h('option', { value: n, selected: n === object.name }, n)),
  );
  const controls: HTMLElement[] = [h('label', { class: 'field' }, h('span', {}, 'name'), nameSelect)];
  for (const [group, values] of Object.entries(groups ?? {})) {
    const current = object.attributes.find((a) => values.includes(a)) ?? '';
    const select = h(
      'select',
      { id: `edit-attr-${group}`, onchange: () => actions.edit({ kind: 'replace-attribute', id, from: current || null, to: select.value || null }) },
      h('option', { value: '', selected: current === '' }, '(none)'),
      values.map((v) => h('option', { value: v, selected: v === current }, v)),
    );
    controls.push(h('label', { class: 'field' }, h('span', {}, group), select));
  }
  const others = object.attributes.filter((a) => !groups || groupOf(a, groups) === undefined);
  return h(
    'div',
    { class: 'edit-object' },
    h('h3', {}, 'Edit'),
    h('div', { class: 'fields' }, controls),
    others.length
      ? h('ul', { class: 'chips' }, others.map((a) => h('li', { class: 'chip' }, a, ' ', h('button', { type: 'button', class: 'small danger', 'aria-label': `Remove attribute ${a}`, onclick: () => actions.edit({ kind: 'replace-attribute', id, from: a, to: null }) }, '×'))))
      : null,
    h('button', { type: 'button', class: 'danger', id: 'delete-object', onclick: () => actions.edit({ kind: 'delete-object', id }) }, `Delete ${shortId(id, state.source?.id)}`),
  );
}

function diffDetails(state: AppState, selected: DisplayObject, imageId: string | undefined, groups: Record<string, string[]> | undefined): HTMLElement {
  const annotated = state.annotated;
  const predicted = baseScene(state, 'predicted');
  const column = (title: string, scene: Scene | undefined, id: string | undefined) => {
    const object = scene && id !== undefined ? scene.objects[id] : undefined;
    return h(
      'div',
      { class: 'diff-column' },
      h('h3', {}, title),
      object ? [h('p', {}, `${shortId(id!, imageId)} ${describeObject(object, groups)}`), h('p', { class: 'meta' }, boxText(object)), title === 'Predicted' ? scoresSection(object) : null] : h('p', { class: 'meta' }, title === 'Predicted' ? 'Not detected.' : 'Not in the annotation.'),
    );
  };
  return h(
    'div',
    {},
    h('p', { class: `status-line status-${selected.status}` }, selected.note ?? ''),
    h('div', { class: 'diff-columns' }, column('Annotated', annotated, selected.ids.annotated), column('Predicted', predicted, selected.ids.predicted)),
  );
}
