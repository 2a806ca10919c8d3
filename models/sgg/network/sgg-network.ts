/**
 * The scene-graph generator network: backbone, object heads and relation head, created once from an
 * SggConfig. The training definition (training-definition.ts) and the contract inference graph
 * (contract-graph.ts) both call these modules, so they share every parameter and every line of model code.
 */
import type { Parameter, Tensor } from '../../nn/index.ts';
import { type SggConfig, gridSize, headAttributeGroups, heatmapChannels } from '../config.ts';
import { RING_OFFSETS, featureRows, gatherRing } from '../graph/gather-cells.ts';
import { SggBackbone } from './backbone.ts';
import { ObjectHeads, type ObjectHeadOutput } from './object-heads.ts';
import { RelationHead } from './relation-head.ts';

export interface ObjectsAt {
  readonly heads: ObjectHeadOutput;
  /** [B G^2, D]: the feature map as rows, for further look-ups. */
  readonly rows: Tensor;
}

export class SggNetwork {
  readonly backbone: SggBackbone;
  readonly objects: ObjectHeads;
  readonly relations: RelationHead;
  readonly grid: number;
  readonly heatChannels: number;

  constructor(readonly config: SggConfig) {
    const a = config.architecture;
    this.grid = gridSize(a);
    this.heatChannels = heatmapChannels(config);
    this.backbone = new SggBackbone('backbone', a.widths, a.featureDim, this.heatChannels, a.neckKernel, a.stem);
    this.objects = new ObjectHeads('objects', RING_OFFSETS.length * a.featureDim, a.headHidden, config.labels.classes.length, headAttributeGroups(config), a.embedDim);
    this.relations = new RelationHead('relations', a.featureDim, a.embedDim, a.relationHidden, config.labels.predicates.length, this.grid);
  }

  /** Every parameter, in creation order. */
  parameters(): Parameter[] {
    return [...this.backbone.parameters(), ...this.objects.parameters(), ...this.relations.parameters()];
  }

  /** Non-default initial values (applied once to a fresh model). */
  initialOverrides(): Map<string, Float32Array> {
    const prior = this.objects.boxBiasPrior();
    return new Map([[prior.name, prior.values]]);
  }

  /** Object heads read around flat feature rows `cells` (int64 [...], batch offsets included). */
  objectsAt(features: Tensor, cells: Tensor): ObjectsAt {
    const rows = featureRows(features);
    return { heads: this.objects.forward(gatherRing(rows, cells, this.grid, this.config.architecture.ringSpacing)), rows };
  }
}
