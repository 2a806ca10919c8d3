/**
 * The evaluation reports: what the collector keeps (worst questions by confidence then file order,
 * confused pairs, unanswered samples) in bounded memory, the SVG bars, the executor traces, escaping,
 * and `sgvqa score --report` on the parity fixture.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, readGqaQuestions, readSceneGraphs } from '../../graph/formats/gqa-files.ts';
import type { GqaQuestion } from '../../graph/formats/gqa-schema.ts';
import { WORLD_EXECUTE_OPTIONS } from '../../graph/world/index.ts';
import {
  barChartSvg,
  computeGqaMetrics,
  renderHtmlReport,
  renderMarkdownReport,
  ReportCollector,
  traceQuestion,
  type EvaluationReport,
} from '../../server/batch/index.ts';
import { sampleFiles, sgvqa } from './eval-fixtures.ts';
import { parityChoices, parityPredictionsComplete, parityQuestions, parityScenes } from './fixtures/gqa-parity-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q = (answer: string, question = 'What color is it?'): GqaQuestion => ({ imageId: 'img', question, answer, isBalanced: true, types: { structural: 'query', semantic: 'attr' } });

describe('ReportCollector', () => {
  it('keeps the K wrong answers of highest confidence (ties: file order), counts confused pairs and samples unanswered questions', () => {
    const collector = new ReportCollector({ worst: 3, confusions: 2, samplesPerCause: 1 });
    const answers: [string, string, number][] = [
      ['red', 'red', 0.9], ['red', 'blue', 0.4], ['red', 'blue', 0.8], ['blue', 'red', 0.8], ['green', 'blue', 0.95], ['red', 'blue', 0.1], ['red', 'red', 0.99],
    ];
    answers.forEach(([gold, prediction, confidence], k) => collector.add(k, `q${k}`, q(gold), { prediction, confidence }));
    collector.add(7, 'q7', q('red'), { prediction: '', confidence: 0, cause: 'no-graph' });
    collector.add(8, 'q8', q('red'), { prediction: '', confidence: 0, cause: 'no-graph' });
    const result = collector.result();
    expect(result.worst.map((w) => w.questionId)).toEqual(['q4', 'q2', 'q3']);
    expect(result.confusions).toEqual([{ gold: 'red', predicted: 'blue', count: 3 }, { gold: 'red', predicted: '', count: 2 }]);
    expect(result.wrong).toBe(7);
    expect(result.overall).toMatchObject({ questions: 9, withGold: 9, correct: 2, answered: 7, unanswered: { 'no-graph': 2 } });
    expect(result.unanswered.map((u) => u.questionId)).toEqual(['q7']);
  });
});

describe('report rendering', () => {
  it('draws bars proportional to the value, in inline SVG', () => {
    const svg = barChartSvg([{ label: 'query', value: 50, note: '(10 questions)' }, { label: 'verify', value: 100 }], { title: 'Accuracy' });
    const widths = [...svg.matchAll(/<rect x="190" y="\d+" width="([\d.]+)" height="16" fill="hsl/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([165, 330]);
    expect(svg).toContain('50.00%');
  });

  it('traces a question with the executor, step by step', async () => {
    const questions = await collect(readGqaQuestions(sampleFiles.questions));
    const [qid, question] = questions[0]!;
    const graph = (await collect(readSceneGraphs(sampleFiles.sceneGraphs))).find((g) => g.getAttribute('imageId') === question.imageId)!;
    const trace = traceQuestion({
      ordinal: 0, questionId: qid, imageId: question.imageId, question: question.question, gold: question.answer, prediction: 'x', confidence: 1,
      structural: null, semantic: null, program: question.semantic,
    }, graph, WORLD_EXECUTE_OPTIONS, 'trace-a')!;
    expect(trace.steps.map((s) => s.operation)).toEqual(question.semantic!.map((s) => s.operation));
    // select: circle finds the scene's three circles; filter size: small keeps the one the question means.
    expect(trace.steps[0]!.value).toMatch(/^3 objects: circle \(sample-000000-\d\), circle/);
    expect(trace.steps[1]).toMatchObject({ operation: 'filter size', argument: 'small', value: '1 object: circle (sample-000000-3)' });
    expect(trace.outcome).toBe(`answer: ${question.answer}`);
  });

  it('escapes question text in both reports', async () => {
    const metrics = await computeGqaMetrics({ predictions: [{ questionId: 'a', prediction: 'x' }], questions: [['a', q('red', 'Is <script>alert(1)</script> red?')]] });
    const collector = new ReportCollector();
    collector.add(0, 'a', q('red', 'Is <script>alert(1)</script> red | blue?'), { prediction: 'x', confidence: 0.5 });
    const report: EvaluationReport = {
      run: { command: 'test', createdAt: 'now', facts: [['Questions', 'q.json']], notes: ['a <b>note</b>'] },
      metrics, ...collector.result(), worst: collector.result().worst.map((w) => ({ ...w, links: {} })), traces: [], failedImages: [], failedImageCount: 0,
    };
    const html = renderHtmlReport(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a &lt;b&gt;note&lt;/b&gt;');
    expect(renderMarkdownReport(report)).toContain('red \\| blue?');
  });
});

describe('sgvqa score --report', () => {
  it('writes the same reports for any predictions file: first wrong questions, confused pairs, graph links and traces', () => {
    const file = (name: string, value: unknown): string => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(value));
      return path;
    };
    const out = join(dir, 'scored');
    const result = sgvqa(['score', '--questions', file('q.json', Object.fromEntries(parityQuestions)), '--predictions', file('p.json', parityPredictionsComplete),
      '--choices', file('c.json', Object.fromEntries(parityChoices)), '--scene-graphs', file('s.json', Object.fromEntries(parityScenes)),
      '--attentions', file('a.json', parityPredictionsComplete.map((p) => ({ questionId: p.questionId, attention: [] }))), '--out', out, '--report']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Wrote ${join(out, 'report.html')}`);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/\| Accuracy \| 45\.45% \| 11 questions \|/);
    // Wrong questions in file order (a predictions file has no confidence): qC, qD, qG, qH, ...
    const worst = [...md.matchAll(/^\| \d+ \| .*\((q[A-Z]), image/gm)].map((m) => m[1]);
    expect(worst.slice(0, 4)).toEqual(['qC', 'qD', 'qG', 'qH']);
    expect(md).toMatch(/\| white \| blue \| 1 \|/);
    expect(md).toContain('[graph](report-files/graphs/');
    expect(md).toContain('## Traces');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg class="bars"');
  });
});
