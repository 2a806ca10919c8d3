/** `sgvqa graph validate|stats`: check and summarize GQA-format files of any size. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { CliError } from '../cli-error.ts';

export type GqaFileKind = 'scene-graphs' | 'questions' | 'predictions' | 'choices';
const KINDS: GqaFileKind[] = ['scene-graphs', 'questions', 'predictions', 'choices'];

export function requireFile(path: string, what = 'file'): string {
  if (!existsSync(path)) throw new CliError(`${what} not found: ${path}`, 2);
  return path;
}

export function registerGraphCommands(program: Command): void {
  const graph = program.command('graph').description('check and summarize GQA-format files');

  graph
    .command('validate')
    .description('validate a GQA scene-graphs, questions, predictions or choices file (streamed; any size)')
    .argument('<file>', 'the JSON file')
    .option('--kind <kind>', `file kind: ${KINDS.join(', ')} (default: detected from the first entry)`)
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExits 0 when the file is valid; otherwise prints the first problem with its JSON path and exits 1.')
    .action(async (file: string, options: { kind?: string; json?: boolean }) => {
      requireFile(file);
      if (options.kind !== undefined && !KINDS.includes(options.kind as GqaFileKind)) {
        throw new CliError(`unknown --kind "${options.kind}" (expected one of ${KINDS.join(', ')})`, 2);
      }
      const { validateGqaFile } = await import('../validate-file.ts');
      const report = await validateGqaFile(file, options.kind as GqaFileKind | undefined);
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stdout.write(`ok: ${report.summary} in ${file}\n`);
    });

  graph
    .command('stats')
    .description('objects, relations, vocabulary sizes and histograms of a GQA scene-graphs file (streamed)')
    .argument('<file>', 'a sceneGraphs.json file')
    .option('--top <k>', 'how many of the most frequent names, attributes and predicates to list', '10')
    .option('--json', 'print the statistics as JSON')
    .action(async (file: string, options: { top: string; json?: boolean }) => {
      requireFile(file);
      const topK = Number.parseInt(options.top, 10);
      if (!Number.isInteger(topK) || topK < 0) throw new CliError(`--top must be a non-negative integer, got "${options.top}"`, 2);
      const { sceneGraphFileStats, formatStats } = await import('../scene-graph-stats-report.ts');
      const stats = await sceneGraphFileStats(file, topK);
      process.stdout.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
    });

  const importer = graph.command('import').description('convert CLEVR or Visual Genome annotations into a GQA scene-graphs file');

  importer
    .command('clevr')
    .description('CLEVR scenes JSON ({scenes: [...]}, an array, or one scene) -> GQA scene graphs (boxes are approximate)')
    .argument('<file>', 'CLEVR scenes file')
    .requiredOption('--out <file>', 'GQA sceneGraphs.json to write')
    .option('--width <px>', 'image width (CLEVR renders: 480)', '480')
    .option('--height <px>', 'image height (CLEVR renders: 320)', '320')
    .action(async (file: string, options: { out: string; width: string; height: string }) => {
      requireFile(file);
      const imageWidth = positiveInteger(options.width, '--width');
      const imageHeight = positiveInteger(options.height, '--height');
      const { importClevr } = await import('../import-scenes.ts');
      const summary = await importClevr(file, options.out, { imageWidth, imageHeight });
      process.stdout.write(`wrote ${summary.images} scene graphs (${summary.objects} objects, ${summary.relations} relations) to ${summary.out}\n`);
    });

  importer
    .command('vg')
    .description('Visual Genome objects / attributes / relationships (+ image_data) -> GQA scene graphs')
    .option('--objects <file>', 'objects.json')
    .option('--attributes <file>', 'attributes.json')
    .option('--relationships <file>', 'relationships.json')
    .option('--image-data <file>', 'image_data.json (image sizes)')
    .requiredOption('--out <file>', 'GQA sceneGraphs.json to write')
    .action(async (options: { objects?: string; attributes?: string; relationships?: string; imageData?: string; out: string }) => {
      const files = { objects: options.objects, attributes: options.attributes, relationships: options.relationships, imageData: options.imageData };
      if (!files.objects && !files.attributes && !files.relationships) {
        throw new CliError('give at least one of --objects, --attributes, --relationships', 2);
      }
      for (const path of Object.values(files)) if (path !== undefined) requireFile(path);
      const { importVisualGenome } = await import('../import-scenes.ts');
      const summary = await importVisualGenome(files, options.out);
      process.stdout.write(`wrote ${summary.images} scene graphs (${summary.objects} objects, ${summary.relations} relations) to ${summary.out}\n`);
    });
}

function positiveInteger(text: string, flag: string): number {
  const value = Number.parseInt(text, 10);
  if (!Number.isInteger(value) || value <= 0 || String(value) !== text.trim()) throw new CliError(`${flag} must be a positive integer, got "${text}"`, 2);
  return value;
}
