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
}
