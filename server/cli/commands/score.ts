/** `sgvqa score`: the official GQA metrics of any official-format predictions file (and, with --report, the reports `sgvqa eval` writes). */
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { requireFile } from './graph.ts';

interface ScoreOptions {
  questions: string;
  predictions: string;
  choices?: string;
  sceneGraphs?: string;
  attentions?: string;
  out: string;
  json?: boolean;
  allowMissing?: boolean;
  report?: boolean;
  ontology?: string;
}

export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('GQA metrics (accuracy, binary/open, consistency, validity, plausibility, grounding, distribution, breakdowns) of a predictions file, as the official eval.py computes them')
    .requiredOption('--questions <file>', 'GQA questions JSON (all questions of the split, so entailed questions can be scored)')
    .requiredOption('--predictions <file>', 'official predictions JSON: [{questionId, prediction}]')
    .option('--choices <file>', 'GQA choices JSON {qid: {valid, plausible}}: adds validity and plausibility')
    .option('--scene-graphs <file>', 'GQA scene graphs (boxes of the annotated objects); with --attentions: adds grounding')
    .option('--attentions <file>', 'attention JSON [{questionId, attention: [[x0,y0,x1,y1,w] | [[x0,y0,x1,y1],w] | [objectId,w]]}]')
    .requiredOption('--out <dir>', 'folder to write metrics.json into (created if needed)')
    .option('--json', 'print the metrics as JSON instead of a table')
    .option('--allow-missing', 'score only the questions that have a prediction (and choices / attention) instead of failing')
    .option('--report', 'also write report.md and report.html (breakdowns, confused answers, wrong questions with graph and trace links) into --out')
    .option('--ontology <file>', 'with --report: executor ontology for the traces (default: manifest.json beside the questions, if any)')
    .addHelpText('after', [
      '',
      'Metrics are computed over balanced questions (isBalanced: true), as eval.py does; unbalanced questions',
      'only serve as entailed questions for consistency. Percentages are 0..100; distribution is chi-square/100.',
      'Formulas: server/batch/METRICS.md.',
    ].join('\n'))
    .action(async (options: ScoreOptions) => {
      requireFile(options.questions, 'questions file');
      requireFile(options.predictions, 'predictions file');
      if (options.choices !== undefined) requireFile(options.choices, 'choices file');
      if ((options.sceneGraphs === undefined) !== (options.attentions === undefined)) {
        throw new CliError('--scene-graphs and --attentions go together (grounding needs both)', 2);
      }
      if (options.sceneGraphs !== undefined) requireFile(options.sceneGraphs, 'scene-graphs file');
      if (options.attentions !== undefined) requireFile(options.attentions, 'attentions file');
      const [{ scoreGqaFiles, writeMetricsJson, formatMetricsTable }, { fileProgress }] = await Promise.all([
        import('../../batch/index.ts'),
        import('../progress.ts'),
      ]);
      const metrics = await scoreGqaFiles(options, { allowMissing: options.allowMissing, progress: fileProgress });
      const path = await writeMetricsJson(options.out, metrics);
      let reports = '';
      if (options.report) {
        const [{ writeScoreReport }, { executeOptions }] = await Promise.all([import('../../batch/index.ts'), import('./eval.ts')]);
        const execute = await executeOptions(options.ontology, options.questions);
        const written = await writeScoreReport(options, options.out, metrics, execute.options ? { execute: execute.options, executeSource: execute.source! } : {});
        reports = `Wrote ${written.markdown}\nWrote ${written.html}\n`;
      }
      if (options.json) process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
      else process.stdout.write(`${formatMetricsTable(metrics)}\nWrote ${path}\n${reports}`);
    });
}
