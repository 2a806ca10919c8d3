/**
 * The scene graph drawn by sigma (WebGL) on a graphology graph. Nodes: the object's shape and color,
 * opacity from its detection score, its description as label. Edges: arrows labelled with the
 * predicate, opacity from the relation score; reciprocal relations curve apart. Hover, selection and a
 * reasoning round's attention change only sigma's per-item state, which the styles read: the graph
 * data is never touched for display (sigma's reducer/state pattern). Without WebGL the view says so and
 * the object list beside it carries the same information.
 */
import { MultiDirectedGraph } from 'graphology';
import { Sigma, DEFAULT_STYLES } from 'sigma';
import { extremityArrow, layerFill, layerPlain, pathCurved, pathLine } from 'sigma/rendering';
import { attentionFoci } from '../app/attention.ts';
import { EDGE_COLOR, STATUS_COLORS } from '../scene/colors.ts';
import {
  NODE_STATUS_WORDS,
  displayGraph,
  nodeRadius,
  type DisplayEdgeAttributes,
  type DisplayGraph,
  type DisplayNodeAttributes,
} from '../scene/display-graph.ts';
import type { DisplayScene } from '../scene/display-scene.ts';
import { graphFrame, type Point } from '../scene/layout.ts';
import type { ObjectDiffStatus, RelationDiffStatus } from '../scene/graph-diff.ts';
import { h } from './dom.ts';
import { NODE_SHAPES, shapeFor } from './node-shapes.ts';

export interface GraphHighlight {
  hovered?: string | undefined;
  selected?: string | undefined;
  /** Attention of the shown reasoning round, per node key (weights in 0..1). */
  weights?: ReadonlyMap<string, number> | undefined;
}

interface NodeState {
  selected: boolean;
  related: boolean;
  faded: boolean;
  weight: number;
  /** One of the shown round's foci (attentionFoci). */
  focus: boolean;
}

interface EdgeState {
  emphasized: boolean;
  faded: boolean;
}

const NODE_STATUS_COLORS: Record<ObjectDiffStatus, string> = {
  correct: STATUS_COLORS.correct,
  'wrong-label': STATUS_COLORS.wrong,
  'wrong-attributes': STATUS_COLORS.wrong,
  missed: STATUS_COLORS.missed,
  spurious: STATUS_COLORS.spurious,
};
const EDGE_STATUS_COLORS: Record<RelationDiffStatus, string> = {
  correct: STATUS_COLORS.correct,
  missed: STATUS_COLORS.missed,
  spurious: STATUS_COLORS.spurious,
  wrong: STATUS_COLORS.wrong,
};
const EDGE_STATUS_WORDS: Partial<Record<RelationDiffStatus, string>> = { missed: 'missed: ', spurious: 'spurious: ', wrong: 'wrong: ' };

/** Graphs with at most this many nodes label every node (the shapes world has up to 8 objects per scene). */
const ALL_LABELS_UP_TO = 12;

/** A difference the graph marks (it is always labelled, whatever the crowding). */
const isMarked = (status: ObjectDiffStatus | RelationDiffStatus | undefined): boolean => status !== undefined && status !== 'correct';

export interface GraphViewOptions {
  label: string;
  onHover?: (key: string | undefined) => void;
  onSelect?: (key: string | undefined) => void;
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly canvasHost: HTMLElement;
  private sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes, object, NodeState, EdgeState> | undefined;
  private graph: DisplayGraph = new MultiDirectedGraph();
  private size = 9;
  private highlight: GraphHighlight = {};
  private failure: string | undefined;
  private resizeObserver: ResizeObserver | undefined;

  constructor(private readonly options: GraphViewOptions) {
    this.canvasHost = h('div', { class: 'graph-canvas', role: 'img', 'aria-label': options.label });
    this.element = h('div', { class: 'graph-view' }, this.canvasHost);
  }

  /** Creates the renderer once the element is in the page (sigma needs a sized container). */
  private ensureSigma(): boolean {
    if (this.sigma) return true;
    if (this.failure) return false;
    try {
      this.sigma = this.createSigma();
      return true;
    } catch (error) {
      this.failure = (error as Error).message;
      this.canvasHost.replaceChildren(
        h('p', { class: 'graph-fallback' }, 'This browser cannot draw the graph (WebGL is unavailable): the object list shows the same objects and relations.'),
      );
      return false;
    }
  }

  private createSigma(): Sigma<DisplayNodeAttributes, DisplayEdgeAttributes, object, NodeState, EdgeState> {
    const sigma = new Sigma<DisplayNodeAttributes, DisplayEdgeAttributes, object, NodeState, EdgeState>(this.graph, this.canvasHost, {
      primitives: {
        nodes: { shapes: NODE_SHAPES, layers: [layerFill()] },
        edges: { paths: [pathLine(), pathCurved()], extremities: [extremityArrow()], layers: [layerPlain()] },
      },
      customNodeState: { selected: false, related: false, faded: false, weight: 0, focus: false },
      customEdgeState: { emphasized: false, faded: false },
      styles: {
        nodes: {
          ...DEFAULT_STYLES.nodes,
          shape: (a) => shapeFor(a.name),
          size: (_a, s) => this.size * (s.weight > 0 ? 1 + 0.9 * s.weight : 1) * (s.selected || s.isHovered ? 1.25 : 1),
          color: (a) => a.color,
          opacity: (a, s) => (s.faded ? 0.18 : 0.35 + 0.65 * Math.min(1, Math.max(0, a.score))),
          label: (a, s) => `${a.status ? (NODE_STATUS_WORDS[a.status] ?? '') : ''}${s.selected || s.isHovered ? a.label : a.shortLabel}`,
          labelColor: (a) => (a.status && a.status !== 'correct' ? NODE_STATUS_COLORS[a.status] : '#1f2933'),
          labelSize: 12,
          labelPosition: (a) => a.labelSide,
          // Labels sit on the side free of their neighbours (labelSide), so a scene-sized graph shows them
          // all; only larger graphs leave it to sigma's label grid.
          labelVisibility: (a, s) =>
            s.selected || s.isHovered || s.focus || (isMarked(a.status) && !s.faded) ? 'visible' : s.faded ? 'hidden' : this.graph.order <= ALL_LABELS_UP_TO ? 'visible' : 'auto',
          backdropVisibility: (a, s) => (s.selected || s.isHovered || (a.status !== undefined && a.status !== 'correct') ? 'visible' : 'hidden'),
          backdropColor: (_a, s) => (s.selected ? '#fff7cc' : '#ffffff'),
          backdropBorderColor: (a, s) => (a.status ? NODE_STATUS_COLORS[a.status] : s.selected ? '#b7791f' : '#9aa5b1'),
          backdropBorderWidth: (a, s) => (s.selected || (a.status !== undefined && a.status !== 'correct') ? 2 : 1),
          backdropShadowBlur: 4,
          backdropPadding: 3,
          backdropCornerRadius: 4,
          depth: (_a, s) => (s.selected || s.isHovered || s.weight > 0 ? 'topNodes' : 'nodes'),
        },
        edges: {
          ...DEFAULT_STYLES.edges,
          path: 'straight',
          parallelPath: 'curved',
          head: 'arrow',
          // Differences stand out from the relations both graphs agree on.
          size: (a, s) => (s.emphasized ? 2.6 : isMarked(a.status) ? 2.2 : a.status === 'correct' ? 1 : 1.4),
          color: (a) => (a.status ? EDGE_STATUS_COLORS[a.status] : EDGE_COLOR),
          opacity: (a, s) => (s.faded ? 0.1 : 0.3 + 0.7 * Math.min(1, Math.max(0, a.score))),
          label: (a) => `${a.status ? (EDGE_STATUS_WORDS[a.status] ?? '') : ''}${a.label}`,
          labelColor: (a) => (a.status && a.status !== 'correct' ? EDGE_STATUS_COLORS[a.status] : '#3e4c59'),
          labelSize: 11,
          // Edge labels of the focused object (or of the attended objects) only: 20+ labels are noise.
          labelVisibility: (_a, s) => (s.emphasized ? 'visible' : s.faded || this.graph.size > 10 ? 'hidden' : 'auto'),
          depth: (_a, s) => (s.emphasized ? 'topEdges' : 'edges'),
        },
      },
      settings: {
        renderEdgeLabels: true,
        enableEdgeEvents: false,
        stagePadding: 12,
        labelDensity: 0.9,
        labelRenderedSizeThreshold: 4,
        enableCameraRotation: false,
        gestureTarget: 'shared',
        // The view may be created in a hidden tab; it sizes itself when shown (ResizeObserver below).
        allowInvalidContainer: true,
      },
    });
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(() => sigma.resize(true));
      this.resizeObserver.observe(this.canvasHost);
    }
    sigma.on('enterNode', ({ node }) => this.options.onHover?.(node));
    sigma.on('leaveNode', () => this.options.onHover?.(undefined));
    sigma.on('clickNode', ({ node }) => this.options.onSelect?.(node === this.highlight.selected ? undefined : node));
    sigma.on('clickStage', () => this.options.onSelect?.(undefined));
    return sigma;
  }

  /**
   * Draws a new scene (or nothing). The camera frames the nodes plus room for their labels (graphFrame),
   * scaling both axes alike, so the drawing keeps the image's proportions and arrangement.
   */
  setDisplay(display: DisplayScene | undefined, shortId?: (object: DisplayScene['objects'][number]) => string): void {
    this.graph = display ? displayGraph(display, shortId) : new MultiDirectedGraph();
    this.size = display ? nodeRadius(display) : 9;
    if (!display && !this.sigma) return;
    if (!this.ensureSigma()) return;
    const sigma = this.sigma!;
    if (display) {
      const points: Point[] = [];
      this.graph.forEachNode((_node, { x, y }) => points.push({ x, y }));
      const frame = graphFrame(points, display);
      sigma.setCustomBBox({ x: [frame.minX, frame.maxX], y: [frame.minY, frame.maxY] });
    }
    sigma.setGraph(this.graph);
    this.applyHighlight();
  }

  /**
   * Sets up the renderer (WebGL context, programs) before there is anything to draw: called while the
   * first scene is still on the network, so that one-time cost is off the page's critical path.
   */
  prepare(): void {
    if (!this.sigma) this.ensureSigma();
  }

  setHighlight(highlight: GraphHighlight): void {
    this.highlight = highlight;
    if (this.sigma) this.applyHighlight();
  }

  private applyHighlight(): void {
    const sigma = this.sigma!;
    const { hovered, selected, weights } = this.highlight;
    const focus = selected ?? hovered;
    const related = new Set<string>();
    if (focus && this.graph.hasNode(focus)) for (const neighbour of this.graph.neighbors(focus)) related.add(neighbour);
    const attending = weights !== undefined && weights.size > 0;
    const foci = attentionFoci(weights);
    this.graph.forEachNode((node) => {
      const weight = weights?.get(node) ?? 0;
      const faded = attending ? weight <= 0.01 && node !== focus : focus !== undefined && node !== focus && !related.has(node);
      sigma.setNodeState(node, { selected: node === selected, related: related.has(node), faded, weight, focus: foci.has(node), isHighlighted: node === hovered });
    });
    this.graph.forEachEdge((edge, _attributes, source, target) => {
      const incident = focus !== undefined && (source === focus || target === focus);
      // Relations among the round's foci stand out (with their predicates); the rest step back.
      const attended = attending && foci.has(source) && foci.has(target);
      sigma.setEdgeState(edge, { emphasized: incident || (attended && focus === undefined), faded: (focus !== undefined && !incident) || (attending && !attended && !incident) });
    });
  }

  kill(): void {
    this.resizeObserver?.disconnect();
    this.sigma?.kill();
    this.sigma = undefined;
  }
}
