/**
 * report.md: the evaluation report as Markdown (tables, text bars, links relative to the report's folder,
 * trace anchors), readable as plain text and rendered by any Markdown viewer.
 */
import { SEMANTIC_TYPE_NAMES, breakdownTables, formatPercent, headlineRows, scoringNotes } from '../format-metrics.ts';
import type { EvaluationReport, WorstQuestion } from './report-data.ts';

const BAR_WIDTH = 20;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function textBar(percent: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

function answerText(answer: string | undefined): string {
  if (answer === undefined) return '—';
  return answer === '' ? '(no answer)' : answer;
}

function links(q: WorstQuestion): string {
  const out: string[] = [];
  if (q.links.image) out.push(`[image](${encodeURI(q.links.image)})`);
  if (q.links.graph) out.push(`[graph](${encodeURI(q.links.graph)})`);
  if (q.links.trace) out.push(`[trace](${q.links.trace})`);
  return out.join(' · ') || '—';
}

const percentOf = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)}%`);

export function renderMarkdownReport(report: EvaluationReport): string {
  const { run, metrics, overall } = report;
  const c = metrics.counts;
  let md = `# GQA evaluation report\n\n${run.command}, ${run.createdAt}\n\n`;
  md += table(['', ''], run.facts.map(([label, value]) => [label, value]));
  const notes = [...run.notes, ...scoringNotes(metrics)];
  if (notes.length > 0) md += `\n${notes.map((n) => `> ${n}`).join('\n>\n')}\n`;

  md += `\n## Headline metrics\n\nComputed as the official GQA eval.py computes them, over the ${c.balanced} balanced questions ` +
    `(server/batch/METRICS.md). Over all ${overall.withGold} questions with a gold answer: ${percentOf(overall.correct, overall.withGold)} correct; ` +
    `${overall.questions - overall.answered} of ${overall.questions} questions unanswered` +
    `${overall.withUnknownWords > 0 ? `; ${overall.withUnknownWords} with words unknown to the model` : ''}.\n\n`;
  md += table(['metric', 'value', 'over'], headlineRows(metrics).map((r) => [r.label, r.value, r.note]));

  for (const { title, rows } of breakdownTables(metrics)) {
    if (rows.length === 0) continue;
    md += `\n## ${title}\n\n`;
    md += table(['', 'accuracy', 'questions', ''], rows.map((r) => [r.label, formatPercent(r.entry.accuracy), String(r.entry.count), textBar(r.entry.accuracy)]));
  }

  md += `\n## Most confused answer pairs\n\n`;
  if (report.confusions.length === 0) md += 'No wrong answer.\n';
  else {
    md += `The most frequent (gold, predicted) pairs among the ${report.wrong} wrong questions with a gold answer (balanced or not).\n\n`;
    md += table(['gold', 'predicted', 'questions', 'share of wrong'], report.confusions.map((p) => [p.gold, answerText(p.predicted), String(p.count), percentOf(p.count, report.wrong)]));
  }

  md += `\n## Worst questions\n\nWrong answers with the highest confidence${report.worst.some((q) => q.confidence === null) ? ' (no confidences: the first wrong questions of the file)' : ''}.\n\n`;
  if (report.worst.length === 0) md += 'None.\n';
  else {
    md += table(['#', 'question', 'gold', 'predicted', 'confidence', 'type', 'links'], report.worst.map((q, i) => [
      String(i + 1),
      `${q.question} (${q.questionId}, image ${q.imageId})`,
      answerText(q.gold),
      answerText(q.prediction),
      q.confidence === null ? '—' : `${(100 * q.confidence).toFixed(1)}%`,
      `${q.structural ?? '?'} / ${q.semantic ? (SEMANTIC_TYPE_NAMES[q.semantic] ?? q.semantic) : '?'}`,
      links(q),
    ]));
  }

  const unanswered = Object.entries(overall.unanswered);
  md += `\n## Unanswered questions\n\n`;
  if (unanswered.length === 0) md += 'Every question got an answer.\n';
  else {
    md += `They have an empty prediction and count as wrong. All of them are listed in unanswered.json.\n\n`;
    md += table(['cause', 'questions'], unanswered.map(([cause, n]) => [cause, String(n)]));
    if (report.unanswered.length > 0) {
      md += `\n${table(['question', 'cause', 'why'], report.unanswered.map((s) => [`${s.question} (${s.questionId})`, s.cause, s.detail ?? '']))}`;
    }
  }
  if (report.failedImageCount > 0) {
    md += `\n## Images that failed\n\n${report.failedImageCount} images gave no graph (their questions are unanswered)` +
      `${report.failedImageCount > report.failedImages.length ? `; the first ${report.failedImages.length}` : ''}:\n\n`;
    md += table(['image', 'cause', 'why'], report.failedImages.map((f) => [f.imageId, f.cause, f.message]));
  }

  if (report.traces.length > 0) {
    md += `\n## Traces\n\nThe symbolic executor's run of each worst question's program on the graph it was evaluated on.\n`;
    for (const trace of report.traces) {
      md += `\n<a id="${trace.anchor}"></a>\n### ${trace.questionId}: ${cell(trace.question)}\n\n`;
      for (const s of trace.steps) md += `${s.step}. \`${s.operation}${s.argument ? `: ${s.argument}` : ''}\` → ${s.value}\n`;
      md += `\n**${trace.outcome}**\n`;
    }
  }
  return md;
}
