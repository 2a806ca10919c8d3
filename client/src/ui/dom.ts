/**
 * Tiny DOM builders. `h('button', {class: 'x', onclick}, 'text')` makes an element: `on*` props become
 * listeners, `class` the class name, `dataset` data attributes, `style` inline styles, booleans
 * present/absent attributes, everything else an attribute. No innerHTML anywhere: text is always text.
 */
type Child = Node | string | number | null | undefined | false;
export type Children = Child | readonly Children[];

export type Props = Record<string, unknown> & {
  class?: string;
  dataset?: Record<string, string>;
  style?: Partial<Record<string, string>>;
};

function apply(element: Element, props: Props): void {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.setAttribute('class', String(value));
    else if (key === 'dataset') for (const [k, v] of Object.entries(value as Record<string, string>)) (element as HTMLElement).dataset[k] = v;
    else if (key === 'style') Object.assign((element as HTMLElement).style, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else if (key === 'checked' || key === 'selected' || key === 'disabled') (element as unknown as Record<string, boolean>)[key] = Boolean(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(parent: Node, children: Children): void {
  if (children === null || children === undefined || children === false) return;
  if (Array.isArray(children)) {
    for (const child of children as readonly Children[]) append(parent, child);
    return;
  }
  parent.appendChild(typeof children === 'string' || typeof children === 'number' ? document.createTextNode(String(children)) : (children as Node));
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Children[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, props);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, props: Props = {}, ...children: Children[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  apply(element, props);
  append(element, children);
  return element;
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Children[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** `0.934` -> `93%`, `0.0042` -> `0.4%`. */
export function percent(p: number): string {
  const value = p * 100;
  // Not "0.0%" for a small but non-zero probability.
  if (value > 0 && value < 0.05) return '<0.1%';
  return `${value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)}%`;
}
