/**
 * A readable table of GqaMetrics for the terminal: the headline metrics as eval.py prints them (two
 * decimals, `%`, distribution "lower is better"), with the count each is computed over, then the
 * per-type, per-steps and per-length breakdowns.
 */
import type { AccuracyEntry, GqaMetrics } from './metrics/gqa-metrics.ts';

const SEMANTIC_NAMES: Record<string, string> = { attr: 'attribute', cat: 'category', global: 'scene', obj: 'object', rel: 'relation' };

function percent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}%`;
}

function row(label: string, value: string, note: string): string {
  return `  ${label.padEnd(14)}${value.padStart(9)}   ${note}\n`;
}

function breakdown(title: string, entries: Record<string, AccuracyEntry>, names: Record<string, string> = {}): string {
  const keys = Object.keys(entries);
  if (keys.length === 0) return '';
  const labels = keys.map((key) => (names[key] ? `${key} (${names[key]})` : key));
  const width = Math.max(...labels.map((label) => label.length));
  let out = `\n${title}:\n`;
  keys.forEach((key, k) => {
    const entry = entries[key]!;
    out += `  ${labels[k]!.padEnd(width)}  ${percent(entry.accuracy).padStart(7)}  (${entry.count} questions)\n`;
  });
  return out;
}

/** The metrics as a plain-text table (ends with a newline). */
export function formatMetricsTable(metrics: GqaMetrics): string {
  const c = metrics.counts;
  let out = `GQA metrics (official eval.py formulas) over ${c.balanced} balanced questions ` +
    `(${c.questions} questions, ${c.predictions} predictions)\n\n`;
  out += row('Binary', percent(metrics.binary), `${c.binary} questions`);
  out += row('Open', percent(metrics.open), `${c.open} questions`);
  out += row('Accuracy', percent(metrics.accuracy), `${c.balanced} questions`);
  out += row('Consistency', percent(metrics.consistency),
    `${c.consistencyQuestions} correct questions with entailed ones; ${c.skippedEntailedLinks} entailed links skipped`);
  out += row('Validity', percent(metrics.validity), c.choices === null ? 'no choices file' : `${c.choices} questions`);
  out += row('Plausibility', percent(metrics.plausibility), c.choices === null ? 'no choices file' : `${c.choices} questions`);
  out += row('Grounding', percent(metrics.grounding),
    c.grounding === null ? 'no attentions' : `${c.grounding} questions, ${c.groundingWithRegions} with annotated regions`);
  out += row('Distribution', metrics.distribution === null ? '—' : metrics.distribution.toFixed(2),
    `lower is better; ${c.distributionGroups} global groups, ${c.distributionQuestions} questions`);
  const notes: string[] = [];
  if (c.missingPredictions > 0) notes.push(`${c.missingPredictions} questions without a prediction were left out`);
  if (c.unmatchedPredictions > 0) notes.push(`${c.unmatchedPredictions} predictions match no question and were ignored`);
  if (c.missingChoices) notes.push(`${c.missingChoices} balanced questions without choices were left out of validity/plausibility`);
  if (c.missingAttentions) notes.push(`${c.missingAttentions} balanced questions without attention were left out of grounding`);
  if (notes.length > 0) out += `\nNote: ${notes.join('; ')}.\n`;
  out += breakdown('Accuracy / structural type', metrics.perStructuralType);
  out += breakdown('Accuracy / semantic type', metrics.perSemanticType, SEMANTIC_NAMES);
  out += breakdown('Accuracy / steps number', metrics.perSteps);
  out += breakdown('Accuracy / words number', metrics.perLength);
  return out;
}
