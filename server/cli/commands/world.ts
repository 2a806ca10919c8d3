/**
 * `sgvqa world generate|sheet|stats`: the synthetic shapes world. Heavy modules (sharp, the generator)
 * load inside the actions so `sgvqa --help` stays fast.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error.ts';

function positiveInt(value: string, flag: string, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new CliError(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${value}"`, 2);
  return n;
}

function requireWorldDir(dir: string): void {
  if (!existsSync(join(dir, 'questions.json')) && !existsSync(join(dir, 'sceneGraphs.json'))) {
    throw new CliError(`not a world folder (no sceneGraphs.json / questions.json): ${dir}`, 2);
  }
}

/** World errors (bad options, unreadable folders) become one-line CLI errors. */
async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { isWorldError } = await import('../../../graph/world/world-error.ts');
    if (isWorldError(error)) throw new CliError(error.message, 1);
    throw error;
  }
}

async function readQuestions(dir: string) {
  const { readGqaQuestions } = await import('../../../graph/formats/gqa-files.ts');
  const out = [];
  for await (const [, question] of readGqaQuestions(join(dir, 'questions.json'))) out.push(question);
  return out;
}

export function registerWorldCommands(program: Command): void {
  const world = program.command('world').description('the synthetic shapes world: generate data, look at it, check its balance');

  world
    .command('generate')
    .description('sample, render and annotate scenes: images/, sceneGraphs.json, questions.json, choices.json, manifest.json')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--scenes <n>', 'number of scenes', '100')
    .option('--questions-per-scene <q>', 'questions per scene', '10')
    .option('--seed <s>', 'seed (number or word)', '0')
    .option('--split <name>', 'split name, also the image id prefix', 'train')
    .option('--compression <level>', 'PNG zlib level 0-9 (1 is fastest; 9 smallest)', '1')
    .addHelpText('after', '\nThe same options give byte-identical files.')
    .action(async (options: { out: string; scenes: string; questionsPerScene: string; seed: string; split: string; compression: string }) => {
      const scenes = positiveInt(options.scenes, '--scenes');
      const questionsPerScene = positiveInt(options.questionsPerScene, '--questions-per-scene', true);
      const compressionLevel = positiveInt(options.compression, '--compression', true);
      if (compressionLevel > 9) throw new CliError(`--compression must be 0-9, got ${compressionLevel}`, 2);
      const seed = /^-?\d+$/.test(options.seed) ? Number(options.seed) : options.seed;
      const { generateWorldDataset } = await import('../../../graph/world/dataset.ts');
      const { progressBar } = await import('../progress.ts');
      const bar = progressBar('world', scenes, 'scenes');
      const started = performance.now();
      const manifest = await asCliErrors(() =>
        generateWorldDataset({
          out: options.out, scenes, questionsPerScene, seed, split: options.split, compressionLevel,
          onProgress: (done) => bar.update(done),
        }),
      ).finally(() => bar.stop());
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `wrote ${manifest.counts.scenes} scenes, ${manifest.counts.objects} objects, ${manifest.counts.questions} questions to ${options.out} `
        + `in ${seconds.toFixed(1)} s (${(manifest.counts.scenes / seconds).toFixed(0)} scenes/s)\n`,
      );
    });

  world
    .command('sheet')
    .description('a contact sheet PNG of a world folder: legend, then scenes with boxes and labels')
    .argument('<dir>', 'a folder written by `world generate`')
    .requiredOption('--out <file>', 'PNG to write')
    .option('--count <n>', 'scenes to show', '16')
    .option('--columns <n>', 'cells per row', '4')
    .option('--no-legend', 'leave out the colour / material / size legend')
    .option('--no-boxes', 'leave out boxes and labels')
    .action(async (dir: string, options: { out: string; count: string; columns: string; legend: boolean; boxes: boolean }) => {
      requireWorldDir(dir);
      const count = positiveInt(options.count, '--count', true);
      const columns = positiveInt(options.columns, '--columns');
      const { contactSheet } = await import('../../../graph/world/contact-sheet.ts');
      const { writeFileAtomic } = await import('../../../graph/io/atomic-write.ts');
      const png = await asCliErrors(() => contactSheet(dir, { count, columns, legend: options.legend, boxes: options.boxes }));
      await writeFileAtomic(options.out, png);
      process.stdout.write(`wrote ${options.out}\n`);
    });

  world
    .command('stats')
    .description('question distribution per type, answer histogram, and the blind baseline (most frequent answer per template)')
    .argument('<dir>', 'a folder written by `world generate` (the test questions)')
    .option('--train <dir>', 'folder whose questions train the blind baseline (default: even-numbered images of <dir> train, odd ones test)')
    .option('--top <k>', 'answers to list', '20')
    .option('--json', 'print the statistics as JSON')
    .action(async (dir: string, options: { train?: string; top: string; json?: boolean }) => {
      requireWorldDir(dir);
      if (options.train !== undefined) requireWorldDir(options.train);
      const top = positiveInt(options.top, '--top', true);
      const { blindBaseline, formatQuestionStats, questionDistribution } = await import('../../../graph/world/question-stats.ts');
      const questions = await readQuestions(dir);
      let baseline;
      if (options.train !== undefined) {
        baseline = blindBaseline(await readQuestions(options.train), questions);
      } else {
        const images = [...new Set(questions.map((q) => q.imageId))];
        const trainImages = new Set(images.filter((_id, i) => i % 2 === 0));
        baseline = blindBaseline(questions.filter((q) => trainImages.has(q.imageId)), questions.filter((q) => !trainImages.has(q.imageId)));
      }
      const distribution = questionDistribution(questions);
      process.stdout.write(options.json ? `${JSON.stringify({ distribution, baseline }, null, 2)}\n` : formatQuestionStats(distribution, baseline, top));
    });
}
