/**
 * Writes report.md and report.html into an output folder (atomically), with the scene graph of each
 * worst question's image beside them (`report-files/graphs/<imageId>.json`, a one-scene GQA
 * scene-graphs file) and each worst question's executor trace (anchors `#trace-<questionId>`).
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isGraphFormatError } from '../../../graph/errors/graph-format-error.ts';
import { sceneGraphFromGqa } from '../../../graph/formats/gqa.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import { writeFileAtomic } from '../../../graph/io/atomic-write.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import type { GqaMetrics } from '../metrics/gqa-metrics.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderMarkdownReport } from './markdown-report.ts';
import { traceQuestion } from './question-traces.ts';
import type { CollectedReport } from './report-collector.ts';
import type { EvaluationReport, FailedImage, QuestionTrace, ReportQuestion, ReportRun, WorstQuestion } from './report-data.ts';

export const REPORT_FILES_DIR = 'report-files';

export interface ReportSources {
  /** The GQA scene an image's questions were evaluated on (graph links and traces). */
  readonly scene?: (imageId: string) => GqaScene | undefined;
  /** The image file of an image (image links). */
  readonly imagePath?: (imageId: string) => string | undefined;
  /** The executor's options for the traces (the questions' ontology). */
  readonly execute?: ExecuteOptions;
}

export interface ReportInput {
  readonly run: ReportRun;
  readonly metrics: GqaMetrics;
  readonly collected: CollectedReport;
  readonly failedImages?: readonly FailedImage[];
  readonly failedImageCount?: number;
}

export interface WrittenReports {
  readonly markdown: string;
  readonly html: string;
  readonly graphFiles: number;
  readonly report: EvaluationReport;
}

/** A file-name and anchor-safe form of an id (unsafe characters replaced, plus a short hash when any were). */
export function safeName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return safe === id ? id : `${safe}-${createHash('sha256').update(id).digest('hex').slice(0, 8)}`;
}

function traceOf(q: ReportQuestion, scene: GqaScene, execute: ExecuteOptions, anchor: string): QuestionTrace | undefined {
  let graph;
  try {
    graph = sceneGraphFromGqa(q.imageId, scene);
  } catch (error) {
    if (isGraphFormatError(error)) return undefined; // a malformed graph gave no answer to trace
    throw error;
  }
  return traceQuestion(q, graph, execute, anchor);
}

export async function writeReports(outDir: string, input: ReportInput, sources: ReportSources = {}): Promise<WrittenReports> {
  await mkdir(outDir, { recursive: true });
  const graphDir = join(outDir, REPORT_FILES_DIR, 'graphs');
  const writtenGraphs = new Set<string>();
  const worst: WorstQuestion[] = [];
  const traces: QuestionTrace[] = [];
  for (const q of input.collected.worst) {
    const links: { image?: string; graph?: string; trace?: string } = {};
    const image = sources.imagePath?.(q.imageId);
    if (image) links.image = relative(outDir, image);
    const scene = sources.scene?.(q.imageId);
    if (scene) {
      const name = `${safeName(q.imageId)}.json`;
      if (!writtenGraphs.has(name)) {
        await mkdir(graphDir, { recursive: true });
        await writeFileAtomic(join(graphDir, name), `${JSON.stringify({ [q.imageId]: scene }, null, 1)}\n`);
        writtenGraphs.add(name);
      }
      links.graph = `${REPORT_FILES_DIR}/graphs/${name}`;
      const anchor = `trace-${safeName(q.questionId)}`;
      const trace = traceOf(q, scene, sources.execute ?? {}, anchor);
      if (trace) {
        traces.push(trace);
        links.trace = `#${anchor}`;
      }
    }
    worst.push({ ...q, links });
  }
  const report: EvaluationReport = {
    run: input.run,
    metrics: input.metrics,
    overall: input.collected.overall,
    confusions: input.collected.confusions,
    wrong: input.collected.wrong,
    worst,
    traces,
    unanswered: input.collected.unanswered,
    failedImages: input.failedImages ?? [],
    failedImageCount: input.failedImageCount ?? input.failedImages?.length ?? 0,
  };
  const markdown = join(outDir, 'report.md');
  const html = join(outDir, 'report.html');
  await writeFileAtomic(markdown, renderMarkdownReport(report));
  await writeFileAtomic(html, renderHtmlReport(report));
  return { markdown, html, graphFiles: writtenGraphs.size, report };
}
