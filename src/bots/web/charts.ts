import { escapeHtml, raw, type SafeHtml } from './html.ts';

/** One bar: a label and its value. */
export interface Bar {
  label: string;
  value: number;
}

/** Roughly how wide a label is at 11px: Han and full-width characters are about twice a Latin letter. */
function textWidth(text: string): number {
  let width = 0;
  for (const c of text) width += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 11 : 6.3;
  return width;
}

/** Shortens a label with an ellipsis so that it fits `width` pixels. */
function fit(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let out = '';
  for (const c of text) {
    if (textWidth(`${out}${c}…`) > width) break;
    out += c;
  }
  return `${out}…`;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * A horizontal bar chart as inline SVG, drawn on the server: no script, no external library,
 * and readable without colour (each bar carries its number).
 */
export function barChart(bars: Bar[], options: { title: string; unit?: string; width?: number } = { title: '' }): SafeHtml {
  const width = options.width ?? 560;
  const labelWidth = 170;
  const rowHeight = 26;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = width - labelWidth - 60;
  const rows = bars
    .map((bar, i) => {
      const y = 4 + i * rowHeight;
      const w = Math.round((bar.value / max) * span);
      const label = fit(bar.label, labelWidth - 12);
      return `<g><text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}<title>${escapeHtml(bar.label)}</title></text>` +
        `<rect class="bar" x="${labelWidth}" y="${y + 4}" width="${Math.max(w, bar.value > 0 ? 2 : 0)}" height="${rowHeight - 8}" rx="3"></rect>` +
        `<text x="${labelWidth + w + 6}" y="${y + 16}">${escapeHtml(number(bar.value))}${escapeHtml(options.unit ?? '')}</text></g>`;
    })
    .join('');
  return raw(`<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${rows}</svg>`);
}

/** One point of a series over time. */
export interface Point {
  label: string;
  value: number;
}

/**
 * Columns over time (questions per day) or a line (cumulative turnout), inline SVG. Labels are
 * thinned so that they never overlap.
 */
export function timeChart(points: Point[], options: { title: string; kind: 'columns' | 'line'; max?: number; unit?: string; width?: number; height?: number }): SafeHtml {
  const width = options.width ?? 560;
  const height = options.height ?? 180;
  const left = 34;
  const bottom = 22;
  const top = 10;
  const plotWidth = width - left - 8;
  const plotHeight = height - bottom - top;
  const max = Math.max(1, options.max ?? 0, ...points.map((p) => p.value));
  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const every = Math.max(1, Math.ceil(points.length / 8));
  // The last label is always shown; the thinned one before it is dropped when they would touch.
  const shown = (i: number) => (i === points.length - 1 ? true : i % every === 0 && points.length - 1 - i >= every);
  const labels = points
    .map((p, i) => (shown(i) ? `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle">${escapeHtml(p.label)}</text>` : ''))
    .join('');
  const axis = `<line class="axis" x1="${left}" y1="${top + plotHeight}" x2="${width - 8}" y2="${top + plotHeight}"></line>` +
    `<text x="${left - 4}" y="${top + 8}" text-anchor="end">${escapeHtml(number(max))}${escapeHtml(options.unit ?? '')}</text><text x="${left - 4}" y="${top + plotHeight}" text-anchor="end">0</text>`;
  let marks: string;
  if (options.kind === 'columns') {
    marks = points
      .map((p, i) => {
        const h = (p.value / max) * plotHeight;
        return `<rect class="bar" x="${(left + i * step + step * 0.15).toFixed(1)}" y="${(top + plotHeight - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${p.label}: ${number(p.value)}${options.unit ?? ''}`)}</title></rect>`;
      })
      .join('');
  } else {
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(left + i * step + step / 2).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    const dots = points.map((p, i) => `<circle class="bar" cx="${(left + i * step + step / 2).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3"><title>${escapeHtml(`${p.label}: ${number(p.value)}${options.unit ?? ''}`)}</title></circle>`).join('');
    marks = points.length > 0 ? `<path class="line" d="${path}"></path>${dots}` : '';
  }
  return raw(`<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${axis}${marks}${labels}</svg>`);
}
