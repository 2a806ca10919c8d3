/** `sgvqa program run`: the symbolic executor over every question of a GQA questions file. */
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { requireFile } from './graph.ts';

export function registerProgramCommands(program: Command): void {
  const group = program.command('program').description('GQA semantic programs: run the symbolic executor');

  group
    .command('run')
    .description("execute each question's semantic program on its scene graph; write official-format predictions")
    .requiredOption('--questions <file>', 'GQA questions JSON (with `semantic` programs)')
    .requiredOption('--scene-graphs <file>', 'GQA scene-graphs JSON holding every image the questions ask about')
    .option('--out <file>', 'write predictions here ([{questionId, prediction}], the official format)')
    .option('--ontology <file>', 'JSON {category: [values]} used by query/choose/same/different (default: built-in GQA categories)')
    .option('--limit <n>', 'only the first N questions')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', [
      '',
      'Prints accuracy (on questions that have an answer), the share of questions whose program uses an',
      'operation the executor does not support, and the share the graph cannot answer (an empty object set,',
      'a missing attribute); both get an empty prediction, never a guess.',
    ].join('\n'))
    .action(async (options: { questions: string; sceneGraphs: string; out?: string; ontology?: string; limit?: string; json?: boolean }) => {
      requireFile(options.questions, 'questions file');
      requireFile(options.sceneGraphs, 'scene-graphs file');
      if (options.ontology !== undefined) requireFile(options.ontology, 'ontology file');
      let limit: number | undefined;
      if (options.limit !== undefined) {
        limit = Number.parseInt(options.limit, 10);
        if (!Number.isInteger(limit) || limit <= 0) throw new CliError(`--limit must be a positive integer, got "${options.limit}"`, 2);
      }
      const { runPrograms, formatProgramRunSummary } = await import('../program-run.ts');
      const summary = await runPrograms({ ...options, limit });
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatProgramRunSummary(summary));
    });
}
