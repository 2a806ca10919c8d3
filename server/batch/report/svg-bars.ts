/**
 * A horizontal bar chart as inline SVG (no script, no external resources): one row per category with
 * its label, a bar of length value / max, and the value and count written beside it. Accuracy bars are
 * coloured from red (0 %) through amber to green (100 %).
 */
import { escapeHtml } from './html-escape.ts';

export interface BarRow {
  readonly label: string;
  readonly value: number;
  /** Written after the value (e.g. "(123 questions)"). */
  readonly note?: string;
}

export interface BarChartOptions {
  /** Longest bar's value (default: 100 for percentages). */
  readonly max?: number;
  readonly format?: (value: number) => string;
  /** Colour bars by value as accuracy (default true); otherwise one colour. */
  readonly accuracyColours?: boolean;
  readonly title: string;
}

const ROW = 22;
const LABEL = 190;
const BAR = 330;
const TEXT = 210;

function accuracyColour(percent: number): string {
  const t = Math.max(0, Math.min(1, percent / 100));
  const hue = Math.round(120 * t);
  return `hsl(${hue}, 62%, 45%)`;
}

function clip(label: string, max = 28): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function barChartSvg(rows: readonly BarRow[], options: BarChartOptions): string {
  const max = options.max ?? 100;
  const format = options.format ?? ((v: number) => `${v.toFixed(2)}%`);
  const width = LABEL + BAR + TEXT;
  const height = rows.length * ROW + 8;
  const parts = rows.map((row, i) => {
    const y = 4 + i * ROW;
    const length = max > 0 ? Math.max(0, Math.min(1, row.value / max)) * BAR : 0;
    const colour = options.accuracyColours === false ? '#4a7bd0' : accuracyColour(row.value);
    return `<g><title>${escapeHtml(`${row.label}: ${format(row.value)} ${row.note ?? ''}`)}</title>` +
      `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(clip(row.label))}</text>` +
      `<rect x="${LABEL}" y="${y + 3}" width="${BAR}" height="${ROW - 6}" fill="#eef0f3"/>` +
      `<rect x="${LABEL}" y="${y + 3}" width="${length.toFixed(1)}" height="${ROW - 6}" fill="${colour}"/>` +
      `<text x="${LABEL + BAR + 8}" y="${y + 15}">${escapeHtml(format(row.value))}<tspan class="note"> ${escapeHtml(row.note ?? '')}</tspan></text></g>`;
  });
  return `<svg class="bars" role="img" aria-label="${escapeHtml(options.title)}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${parts.join('')}</svg>`;
}
