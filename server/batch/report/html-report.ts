/**
 * report.html: the evaluation report as one self-contained page: inline CSS, inline SVG charts, no
 * script and no external resource, so it opens offline from the output folder (links to images and
 * graphs are relative to it; traces are anchors in the page).
 */
import { SEMANTIC_TYPE_NAMES, breakdownTables, headlineRows, scoringNotes } from '../format-metrics.ts';
import { escapeHtml as e } from './html-escape.ts';
import type { EvaluationReport, WorstQuestion } from './report-data.ts';
import { barChartSvg } from './svg-bars.ts';

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2230; margin: 0; background: #f6f7f9; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 24px; } h2 { margin: 32px 0 10px; font-size: 18px; } h3 { margin: 18px 0 6px; font-size: 15px; }
.sub { color: #5b6275; margin: 0 0 16px; }
section { background: #fff; border: 1px solid #e1e4ea; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceef2; vertical-align: top; }
th { font-weight: 600; color: #5b6275; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.facts td:first-child { color: #5b6275; width: 180px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px; }
.card { border: 1px solid #e1e4ea; border-radius: 8px; padding: 10px 12px; background: #fbfcfd; }
.card .v { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; } .card .l { color: #5b6275; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .n { color: #7a8194; font-size: 12px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; } svg.bars { max-width: 100%; height: auto; font-size: 12px; }
svg.bars text { fill: #1d2230; } svg.bars .note { fill: #7a8194; }
.note-box { background: #fff8e6; border: 1px solid #f1dca4; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
.wrong { color: #b3261e; } .gold { color: #1e7b34; } a { color: #2457b3; }
ol.trace { margin: 6px 0; padding-left: 28px; } ol.trace li { margin: 2px 0; }
.outcome { font-weight: 600; }
`;

function rows(cells: readonly (readonly string[])[]): string {
  return cells.map((r) => `<tr>${r.join('')}</tr>`).join('\n');
}

const td = (text: string, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${e(text)}</td>`;
const tdHtml = (html: string, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${html}</td>`;
const th = (text: string): string => `<th>${e(text)}</th>`;

function answerText(answer: string | undefined): string {
  if (answer === undefined) return '—';
  return answer === '' ? '(no answer)' : answer;
}

const percentOf = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)}%`);

function linksHtml(q: WorstQuestion): string {
  const out: string[] = [];
  if (q.links.image) out.push(`<a href="${e(encodeURI(q.links.image))}">image</a>`);
  if (q.links.graph) out.push(`<a href="${e(encodeURI(q.links.graph))}">graph</a>`);
  if (q.links.trace) out.push(`<a href="${e(q.links.trace)}">trace</a>`);
  return out.join(' · ') || '—';
}

export function renderHtmlReport(report: EvaluationReport): string {
  const { run, metrics, overall } = report;
  const c = metrics.counts;
  const parts: string[] = [];
  parts.push(`<h1>GQA evaluation report</h1><p class="sub">${e(run.command)}, ${e(run.createdAt)}</p>`);
  parts.push(`<section><table class="facts">${rows(run.facts.map(([label, value]) => [td(label), td(value, 'mono')]))}</table>` +
    [...run.notes, ...scoringNotes(metrics)].map((n) => `<div class="note-box">${e(n)}</div>`).join('') + '</section>');

  const cards = headlineRows(metrics).map((r) => `<div class="card"><div class="l">${e(r.label)}</div><div class="v">${e(r.value)}</div><div class="n">${e(r.note)}</div></div>`);
  parts.push(`<section><h2>Headline metrics</h2><p>As the official GQA eval.py computes them, over the ${c.balanced} balanced questions. ` +
    `Over all ${overall.withGold} questions with a gold answer: <b>${percentOf(overall.correct, overall.withGold)}</b> correct; ` +
    `${overall.questions - overall.answered} of ${overall.questions} questions unanswered` +
    `${overall.withUnknownWords > 0 ? `; ${overall.withUnknownWords} with words unknown to the model` : ''}.</p><div class="cards">${cards.join('')}</div></section>`);

  const charts = breakdownTables(metrics)
    .filter((t) => t.rows.length > 0)
    .map((t) => `<h3>${e(t.title)}</h3>${barChartSvg(t.rows.map((r) => ({ label: r.label, value: r.entry.accuracy, note: `(${r.entry.count} questions)` })), { title: t.title })}`);
  parts.push(`<section><h2>Accuracy by type and length</h2><div class="charts">${charts.join('') || '<p>No balanced question.</p>'}</div></section>`);

  let confusions = '<h2>Most confused answer pairs</h2>';
  if (report.confusions.length === 0) confusions += '<p>No wrong answer.</p>';
  else {
    confusions += `<p>The most frequent (gold → predicted) pairs among the ${report.wrong} wrong questions with a gold answer (balanced or not).</p>`;
    confusions += barChartSvg(report.confusions.map((p) => ({ label: `${p.gold} → ${answerText(p.predicted)}`, value: p.count, note: `(${percentOf(p.count, report.wrong)} of wrong)` })), {
      title: 'Most confused answer pairs', max: Math.max(...report.confusions.map((p) => p.count)), format: (v) => String(v), accuracyColours: false,
    });
  }
  parts.push(`<section>${confusions}</section>`);

  let worst = '<h2>Worst questions</h2>';
  worst += `<p>Wrong answers with the highest confidence${report.worst.some((q) => q.confidence === null) ? ' (no confidences: the first wrong questions of the file)' : ''}.</p>`;
  if (report.worst.length === 0) worst += '<p>None.</p>';
  else {
    worst += `<table><tr>${['#', 'question', 'gold', 'predicted', 'confidence', 'type', 'links'].map(th).join('')}</tr>` +
      rows(report.worst.map((q, i) => [
        td(String(i + 1), 'num'),
        tdHtml(`${e(q.question)}<div class="sub mono">${e(q.questionId)} · image ${e(q.imageId)}</div>`),
        td(answerText(q.gold), 'gold'),
        td(answerText(q.prediction), 'wrong'),
        td(q.confidence === null ? '—' : `${(100 * q.confidence).toFixed(1)}%`, 'num'),
        td(`${q.structural ?? '?'} / ${q.semantic ? (SEMANTIC_TYPE_NAMES[q.semantic] ?? q.semantic) : '?'}`),
        tdHtml(linksHtml(q)),
      ])) + '</table>';
  }
  parts.push(`<section>${worst}</section>`);

  const unanswered = Object.entries(overall.unanswered);
  let missing = '<h2>Unanswered questions</h2>';
  if (unanswered.length === 0) missing += '<p>Every question got an answer.</p>';
  else {
    missing += '<p>They have an empty prediction and count as wrong. All of them are listed in <code>unanswered.json</code>.</p>';
    missing += `<table><tr>${th('cause')}${th('questions')}</tr>${rows(unanswered.map(([cause, n]) => [td(cause), td(String(n), 'num')]))}</table>`;
    if (report.unanswered.length > 0) {
      missing += `<h3>Examples</h3><table><tr>${th('question')}${th('cause')}${th('why')}</tr>` +
        rows(report.unanswered.map((s) => [tdHtml(`${e(s.question)}<div class="sub mono">${e(s.questionId)}</div>`), td(s.cause), td(s.detail ?? '')])) + '</table>';
    }
  }
  if (report.failedImageCount > 0) {
    missing += `<h3>Images that failed (${report.failedImageCount})</h3><table><tr>${th('image')}${th('cause')}${th('why')}</tr>` +
      rows(report.failedImages.map((f) => [td(f.imageId, 'mono'), td(f.cause), td(f.message)])) + '</table>';
  }
  parts.push(`<section>${missing}</section>`);

  if (report.traces.length > 0) {
    const traces = report.traces.map((t) => `<div id="${e(t.anchor)}"><h3>${e(t.questionId)}: ${e(t.question)}</h3><ol class="trace" start="0">` +
      t.steps.map((s) => `<li><code>${e(s.operation)}${s.argument ? `: ${e(s.argument)}` : ''}</code> → ${e(s.value)}</li>`).join('') +
      `</ol><div class="outcome">${e(t.outcome)}</div></div>`);
    parts.push(`<section><h2>Traces</h2><p>The symbolic executor's run of each worst question's program on the graph it was evaluated on.</p>${traces.join('')}</section>`);
  }

  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>GQA evaluation report</title><style>${STYLE}</style></head><body><main>\n${parts.join('\n')}\n</main></body></html>\n`;
}
