/** `sgvqa graph import`: CLEVR scenes or Visual Genome annotations -> a GQA scene-graphs file. */
import { readClevrScenes, type ClevrReadOptions } from '../../graph/formats/clevr.ts';
import { sceneGraphToGqa } from '../../graph/formats/gqa.ts';
import { readVisualGenome, type VisualGenomeFiles } from '../../graph/formats/visual-genome.ts';
import { writeJsonObjectAtomic } from '../../graph/io/atomic-write.ts';
import type { SceneGraph } from '../../graph/scene-graph.ts';

export interface ImportSummary {
  out: string;
  images: number;
  objects: number;
  relations: number;
}

async function writeScenes(out: string, graphs: AsyncIterable<SceneGraph>): Promise<ImportSummary> {
  const summary: ImportSummary = { out, images: 0, objects: 0, relations: 0 };
  async function* entries(): AsyncGenerator<[string, unknown]> {
    for await (const graph of graphs) {
      summary.images++;
      summary.objects += graph.order;
      summary.relations += graph.size;
      yield [graph.getAttribute('imageId'), sceneGraphToGqa(graph)];
    }
  }
  await writeJsonObjectAtomic(out, entries());
  return summary;
}

export function importClevr(file: string, out: string, options: ClevrReadOptions): Promise<ImportSummary> {
  return writeScenes(out, readClevrScenes(file, options));
}

export function importVisualGenome(files: VisualGenomeFiles, out: string): Promise<ImportSummary> {
  return writeScenes(out, readVisualGenome(files));
}
