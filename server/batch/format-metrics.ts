/**
 * A readable table of GqaMetrics for the terminal: the headline metrics as eval.py prints them (two
 * decimals, `%`, distribution "lower is better"), with the count each is computed over, then the
 * per-type, per-steps and per-length breakdowns. The headline rows and type names are shared with the
 * reports (report/), so the terminal and report.md / report.html say the same thing.
 */
import type { AccuracyEntry, GqaMetrics } from './metrics/gqa-metrics.ts';

/** Readable names of GQA's semantic types. */
export const SEMANTIC_TYPE_NAMES: Readonly<Record<string, string>> = { attr: 'attribute', cat: 'category', global: 'scene', obj: 'object', rel: 'relation' };

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}%`;
}

export interface HeadlineRow {
  readonly label: string;
  readonly value: string;
  /** What the value is computed over. */
  readonly note: string;
}

/** The headline metrics in eval.py's order, formatted, with what each is computed over. */
export function headlineRows(metrics: GqaMetrics): HeadlineRow[] {
  const c = metrics.counts;
  return [
    { label: 'Binary', value: formatPercent(metrics.binary), note: `${c.binary} questions` },
    { label: 'Open', value: formatPercent(metrics.open), note: `${c.open} questions` },
    { label: 'Accuracy', value: formatPercent(metrics.accuracy), note: `${c.balanced} questions` },
    {
      label: 'Consistency',
      value: formatPercent(metrics.consistency),
      note: `${c.consistencyQuestions} correct questions with entailed ones; ${c.skippedEntailedLinks} entailed links skipped`,
    },
    { label: 'Validity', value: formatPercent(metrics.validity), note: c.choices === null ? 'no choices file' : `${c.choices} questions` },
    { label: 'Plausibility', value: formatPercent(metrics.plausibility), note: c.choices === null ? 'no choices file' : `${c.choices} questions` },
    {
      label: 'Grounding',
      value: formatPercent(metrics.grounding),
      note: c.grounding === null ? 'no attentions' : `${c.grounding} questions, ${c.groundingWithRegions} with annotated regions`,
    },
    {
      label: 'Distribution',
      value: metrics.distribution === null ? '—' : metrics.distribution.toFixed(2),
      note: `lower is better; ${c.distributionGroups} global groups, ${c.distributionQuestions} questions`,
    },
  ];
}

/** Notes on questions and predictions left out of the metrics (empty when none). */
export function scoringNotes(metrics: GqaMetrics): string[] {
  const c = metrics.counts;
  const notes: string[] = [];
  if (c.missingPredictions > 0) notes.push(`${c.missingPredictions} questions without a prediction were left out`);
  if (c.unmatchedPredictions > 0) notes.push(`${c.unmatchedPredictions} predictions match no question and were ignored`);
  if (c.missingChoices) notes.push(`${c.missingChoices} balanced questions without choices were left out of validity/plausibility`);
  if (c.missingAttentions) notes.push(`${c.missingAttentions} balanced questions without attention were left out of grounding`);
  return notes;
}

export interface BreakdownTable {
  readonly title: string;
  readonly rows: readonly { readonly key: string; readonly label: string; readonly entry: AccuracyEntry }[];
}

/** The four accuracy breakdowns (structural, semantic, steps, words), keys in the metrics' order. */
export function breakdownTables(metrics: GqaMetrics): BreakdownTable[] {
  const table = (title: string, entries: Record<string, AccuracyEntry>, names: Readonly<Record<string, string>> = {}): BreakdownTable => ({
    title,
    rows: Object.entries(entries).map(([key, entry]) => ({ key, label: names[key] ? `${key} (${names[key]})` : key, entry })),
  });
  return [
    table('Accuracy / structural type', metrics.perStructuralType),
    table('Accuracy / semantic type', metrics.perSemanticType, SEMANTIC_TYPE_NAMES),
    table('Accuracy / steps number', metrics.perSteps),
    table('Accuracy / words number', metrics.perLength),
  ];
}

/** The metrics as a plain-text table (ends with a newline). */
export function formatMetricsTable(metrics: GqaMetrics): string {
  const c = metrics.counts;
  let out = `GQA metrics (official eval.py formulas) over ${c.balanced} balanced questions ` +
    `(${c.questions} questions, ${c.predictions} predictions)\n\n`;
  for (const { label, value, note } of headlineRows(metrics)) out += `  ${label.padEnd(14)}${value.padStart(9)}   ${note}\n`;
  const notes = scoringNotes(metrics);
  if (notes.length > 0) out += `\nNote: ${notes.join('; ')}.\n`;
  for (const { title, rows } of breakdownTables(metrics)) {
    if (rows.length === 0) continue;
    const width = Math.max(...rows.map((row) => row.label.length));
    out += `\n${title}:\n`;
    for (const { label, entry } of rows) out += `  ${label.padEnd(width)}  ${formatPercent(entry.accuracy).padStart(7)}  (${entry.count} questions)\n`;
  }
  return out;
}
