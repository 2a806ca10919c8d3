/**
 * The image with the drawn graph's boxes over it (an SVG in image-pixel coordinates). In the
 * differences view an object can have two boxes: the annotated one dashed, the predicted one solid, both
 * in the object's status color. Hovering a box reports its object (the graph highlights the node), and
 * the reverse; a reasoning round's attention fills each box in proportion to its weight.
 */
import { attentionFoci } from '../app/attention.ts';
import type { DisplayObject, DisplayScene } from '../scene/display-scene.ts';
import { STATUS_COLORS } from '../scene/colors.ts';
import type { ObjectDiffStatus } from '../scene/graph-diff.ts';
import { h, percent, svg } from './dom.ts';
import type { GraphHighlight } from './graph-view.ts';

const STATUS_STROKES: Record<ObjectDiffStatus, string> = {
  correct: STATUS_COLORS.correct,
  'wrong-label': STATUS_COLORS.wrong,
  'wrong-attributes': STATUS_COLORS.wrong,
  missed: STATUS_COLORS.missed,
  spurious: STATUS_COLORS.spurious,
};

export interface ImagePanelOptions {
  onHover?: (key: string | undefined) => void;
  onSelect?: (key: string | undefined) => void;
  /** The short id shown in tags (`#3`). */
  shortId?: (object: DisplayObject) => string;
}

export class ImagePanel {
  readonly element: HTMLElement;
  private readonly image: HTMLImageElement;
  private readonly overlay: SVGSVGElement;
  private readonly placeholder: HTMLElement;
  private groups = new Map<string, SVGGElement>();
  private display: DisplayScene | undefined;
  private readonly shortId: (object: DisplayObject) => string;

  constructor(private readonly options: ImagePanelOptions = {}) {
    this.shortId = options.shortId ?? ((object) => object.key);
    this.image = h('img', { class: 'scene-image', alt: '', draggable: 'false' });
    this.overlay = svg('svg', { class: 'box-overlay', 'aria-hidden': 'true', preserveAspectRatio: 'none' });
    this.placeholder = h('p', { class: 'image-placeholder' }, 'No image');
    this.element = h('div', { class: 'image-panel' }, h('div', { class: 'image-frame' }, this.image, this.overlay), this.placeholder);
    this.overlay.addEventListener('mouseleave', () => this.options.onHover?.(undefined));
  }

  setImage(url: string | undefined, alt: string): void {
    this.placeholder.hidden = url !== undefined;
    this.element.classList.toggle('empty', url === undefined);
    if (url === undefined) this.image.removeAttribute('src');
    else if (this.image.getAttribute('src') !== url) this.image.src = url;
    this.image.alt = alt;
  }

  setDisplay(display: DisplayScene | undefined): void {
    this.display = display;
    this.overlay.replaceChildren();
    this.groups.clear();
    if (!display) return;
    this.overlay.setAttribute('viewBox', `0 0 ${display.width} ${display.height}`);
    for (const object of display.objects) {
      const group = this.boxGroup(object, display);
      this.groups.set(object.key, group);
      this.overlay.appendChild(group);
    }
  }

  private boxGroup(object: DisplayObject, display: DisplayScene): SVGGElement {
    const stroke = object.status ? STATUS_STROKES[object.status] : '#111827';
    const group = svg('g', {
      class: `box${object.status ? ` status-${object.status}` : ''}`,
      dataset: { key: object.key },
      onmouseenter: () => this.options.onHover?.(object.key),
      onclick: (event: Event) => {
        event.stopPropagation();
        this.options.onSelect?.(object.key);
      },
    });
    for (const { box, source } of object.boxes) {
      const dashed = source === 'annotated' && display.mode === 'diff';
      group.append(
        svg('rect', { class: 'box-halo', x: box.x, y: box.y, width: box.w, height: box.h, 'vector-effect': 'non-scaling-stroke' }),
        svg('rect', {
          class: `box-line${dashed ? ' dashed' : ''}`,
          x: box.x,
          y: box.y,
          width: box.w,
          height: box.h,
          stroke,
          'stroke-opacity': String(0.45 + 0.55 * object.score),
          'vector-effect': 'non-scaling-stroke',
        }),
      );
    }
    // Tags sit above the box (below it at the top edge), shifted left so they stay inside the image.
    const box = object.boxes[object.boxes.length - 1]!.box;
    const unit = Math.max(display.width, display.height) / 256;
    const tagY = box.y > 14 * unit ? box.y - 3 * unit : box.y + box.h + 11 * unit;
    const tag = (text: string, kind: string) =>
      svg('text', { class: `box-tag ${kind}`, x: Math.max(0, Math.min(box.x, display.width - text.length * 5.3 * unit)), y: tagY, 'font-size': 9 * unit }, text);
    const full = object.status && object.status !== 'correct' && object.note ? `${object.label} (${object.note.split(';')[0]})` : object.label;
    group.append(
      tag(full, 'full'),
      tag(`${this.shortId(object)} ${object.name}`, 'short'),
      svg('title', {}, `${object.label}${object.note ? ` — ${object.note}` : ''}${object.score < 1 ? ` (score ${percent(object.score)})` : ''}`),
    );
    return group;
  }

  setHighlight({ hovered, selected, weights }: GraphHighlight): void {
    const attending = weights !== undefined && weights.size > 0;
    const foci = attentionFoci(weights);
    for (const [key, group] of this.groups) {
      const weight = weights?.get(key) ?? 0;
      group.classList.toggle('hovered', key === hovered);
      group.classList.toggle('selected', key === selected);
      group.classList.toggle('attended', attending && weight > 0.01);
      group.classList.toggle('focus', foci.has(key));
      group.classList.toggle('faded', attending ? weight <= 0.01 && key !== selected : selected !== undefined && key !== selected && key !== hovered);
      // A style, not the fill-opacity attribute: the stylesheet's value would win over an attribute.
      const opacity = attending && weight > 0.01 ? String(Math.min(0.65, 0.15 + weight * 0.5)) : '0';
      group.querySelectorAll<SVGRectElement>('.box-line').forEach((line) => (line.style.fillOpacity = opacity));
    }
  }
}
