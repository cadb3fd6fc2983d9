/**
 * The corpus report as Markdown and as one self-contained HTML page (inline SVG charts, no
 * script, no remote content, a Content-Security-Policy that allows only its own nonce'd style).
 * Colours are the editor theme's CSS variables (`--vscode-*`) with fallbacks, so the page
 * follows the theme in the webview and still reads well when opened in a browser.
 *
 * Every label goes through `t` (the adapter passes `vscode.l10n.t`; `{0}` placeholders).
 */
import type { CorpusIndex } from './corpusIndex';
import { corpusStats, type CorpusStats, type Share } from './stats';

export type Translate = (message: string, ...args: Array<string | number>) => string;
export const noTranslate: Translate = (m, ...args) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));

export interface ReportData extends CorpusStats {
  /** Some quotes still without a speaker (the first ones in index order). */
  unattributedSamples: Array<{ article: string; text: string }>;
  generated: string;
}

export function reportData(index: CorpusIndex, articleName: (p: string) => string = (p) => p, samples = 20, now = new Date()): ReportData {
  const unattributedSamples: ReportData['unattributedSamples'] = [];
  for (const { article, quote, speaker } of index.quotes()) {
    if (speaker) continue;
    unattributedSamples.push({ article: articleName(article.article), text: quote.text });
    if (unattributedSamples.length >= samples) break;
  }
  return { ...corpusStats(index), unattributedSamples, generated: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' };
}

const TOP = 25;
const pct = (n: number, total: number) => (total > 0 ? ((100 * n) / total).toFixed(1) + ' %' : '–');

function shareText(shares: Share[], t: Translate): string {
  const total = shares.reduce((s, x) => s + x.quotes, 0);
  return shares.map((s) => `${s.value || t('unknown')} ${pct(s.quotes, total)}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Markdown

function mdCell(s: string | number): string {
  return String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(head: string[], rows: Array<Array<string | number>>): string {
  return [
    '| ' + head.map(mdCell).join(' | ') + ' |',
    '|' + head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|') + '|',
    ...rows.map((r) => '| ' + r.map(mdCell).join(' | ') + ' |'),
  ].join('\n');
}

export function reportMarkdown(d: ReportData, t: Translate = noTranslate): string {
  const out: string[] = [];
  out.push(`# ${t('Corpus report')}`, '');
  out.push(t('{0} articles, {1} quotes, {2} speakers; {3} quotes without a speaker ({4}). Generated {5}.', d.articles, d.quotes, d.speakers.length, d.unattributed, pct(d.unattributed, d.quotes), d.generated), '');
  out.push(`## ${t('Quotes per speaker')}`, '');
  out.push(mdTable([t('Speaker'), t('Quotes'), t('Articles'), t('Attributes')], d.speakers.slice(0, 100).map((s) => [s.label, s.quotes, s.articles, Object.entries(s.attributes).map(([k, v]) => `${k}: ${v}`).join(', ')])));
  if (d.speakers.length > 100) out.push('', t('… and {0} more speakers.', d.speakers.length - 100));
  out.push('', `## ${t('Quotes per topic')}`, '');
  out.push(d.topics.length ? mdTable([t('Topic'), t('Quotes'), t('Articles')], d.topics.map((x) => [x.label, x.quotes, x.articles])) : t('No topics yet.'));
  for (const a of d.attributes) {
    out.push('', `## ${t('Speaker attribute: {0}', a.label)}`, '');
    out.push(t('Share of the quotes that have a speaker.'), '');
    const total = a.overall.reduce((s, x) => s + x.quotes, 0);
    out.push(mdTable([a.label, t('Quotes'), t('Share')], a.overall.map((s) => [s.value || t('unknown'), s.quotes, pct(s.quotes, total)])));
    if (a.byOutlet.length) {
      out.push('', `### ${t('Per outlet')}`, '');
      out.push(mdTable([t('Outlet'), t('Shares')], a.byOutlet.map((o) => [o.outlet || t('unknown outlet'), shareText(o.shares, t)])));
    }
    if (a.byMonth.length) {
      out.push('', `### ${t('Per month')}`, '');
      out.push(mdTable([t('Month'), t('Shares')], a.byMonth.map((m) => [m.month || t('no date'), shareText(m.shares, t)])));
    }
  }
  out.push('', `## ${t('Outlets')}`, '');
  out.push(mdTable([t('Outlet'), t('Articles'), t('Quotes')], d.outlets.map((o) => [o.label || t('unknown outlet'), o.articles, o.quotes])));
  out.push('', `## ${t('Months')}`, '');
  out.push(mdTable([t('Month'), t('Articles'), t('Quotes')], d.months.map((m) => [m.label || t('no date'), m.articles, m.quotes])));
  out.push('', `## ${t('Quotes without a speaker')}`, '');
  out.push(t('{0} of {1} quotes ({2}).', d.unattributed, d.quotes, pct(d.unattributed, d.quotes)));
  if (d.unattributedSamples.length) {
    out.push('');
    for (const s of d.unattributedSamples) out.push(`- ${mdCell(s.article)}: ${mdCell(s.text.length > 160 ? s.text.slice(0, 157) + '…' : s.text)}`);
  }
  if (d.failures.length) {
    out.push('', `## ${t('Sidecars that could not be read')}`, '');
    for (const f of d.failures) out.push(`- ${mdCell(f.message)}`);
  }
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// HTML

export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Chart colours: the theme's chart palette, then fallbacks. */
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c, i) => `var(--vscode-charts-${c}, ${['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]})`);
const UNKNOWN_FILL = 'var(--vscode-disabledForeground, #888)';

function barChart(title: string, rows: Array<{ label: string; value: number }>): string {
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((r) => r.value), 1);
  const rowH = 22, labelW = 220, barW = 420, h = rows.length * rowH + 4;
  const bars = rows.map((r, i) => {
    const w = Math.max(1, Math.round((r.value / max) * barW));
    const y = i * rowH + 2;
    return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lbl">${escapeHtml(r.label.length > 30 ? r.label.slice(0, 29) + '…' : r.label)}</text>`
      + `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${PALETTE[0]}"><title>${escapeHtml(r.label)}: ${r.value}</title></rect>`
      + `<text x="${labelW + w + 6}" y="${y + 15}" class="val">${r.value}</text>`;
  }).join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}">${bars}</svg>`;
}

function stackedChart(title: string, rows: Array<{ label: string; shares: Share[] }>, values: string[], t: Translate): string {
  if (rows.length === 0) return '';
  const rowH = 24, labelW = 160, barW = 460, h = rows.length * rowH + 30;
  const color = (v: string) => (v === '' ? UNKNOWN_FILL : PALETTE[values.indexOf(v) % PALETTE.length]!);
  const body = rows.map((r, i) => {
    const total = r.shares.reduce((s, x) => s + x.quotes, 0);
    let x = labelW;
    const y = i * rowH + 2;
    const ordered = [...r.shares].sort((p, q) => values.indexOf(p.value) - values.indexOf(q.value));
    const segs = ordered.map((s) => {
      const w = total > 0 ? (s.quotes / total) * barW : 0;
      const seg = `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${color(s.value)}"><title>${escapeHtml(s.value || t('unknown'))}: ${s.quotes} (${pct(s.quotes, total)})</title></rect>`;
      x += w;
      return seg;
    }).join('');
    return `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${escapeHtml(r.label)}</text>${segs}<text x="${labelW + barW + 6}" y="${y + 16}" class="val">${total}</text>`;
  }).join('');
  let lx = labelW;
  const legend = values.map((v) => {
    const label = v || t('unknown');
    const s = `<rect x="${lx}" y="${rows.length * rowH + 10}" width="12" height="12" fill="${color(v)}"/><text x="${lx + 16}" y="${rows.length * rowH + 21}" class="lbl">${escapeHtml(label)}</text>`;
    lx += 28 + label.length * 7;
    return s;
  }).join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${Math.max(labelW + barW + 60, lx)}" height="${h}" viewBox="0 0 ${Math.max(labelW + barW + 60, lx)} ${h}">${body}${legend}</svg>`;
}

function table(head: string[], rows: Array<Array<string | number>>): string {
  return `<table><thead><tr>${head.map((h, i) => `<th${i ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${i && typeof c === 'number' ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export interface HtmlOptions {
  /** A fresh random nonce for the style element (required by the CSP). */
  nonce: string;
  t?: Translate;
}

const STYLE = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground, CanvasText); background: var(--vscode-editor-background, Canvas); margin: 0 24px 32px; line-height: 1.45; }
h1 { font-size: 1.6em; margin-top: 18px; } h2 { font-size: 1.25em; margin-top: 28px; border-bottom: 1px solid var(--vscode-panel-border, #8884); padding-bottom: 4px; }
h3 { font-size: 1.05em; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid var(--vscode-panel-border, #8884); border-radius: 4px; padding: 8px 14px; min-width: 110px; }
.card b { display: block; font-size: 1.6em; }
table { border-collapse: collapse; margin: 8px 0; } th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
th { color: var(--vscode-descriptionForeground, inherit); font-weight: 600; } .n { text-align: right; font-variant-numeric: tabular-nums; }
svg .lbl, svg .val { fill: var(--vscode-foreground, CanvasText); font-size: 12px; font-family: inherit; } svg .val { fill: var(--vscode-descriptionForeground, GrayText); }
.muted { color: var(--vscode-descriptionForeground, GrayText); }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 3px solid var(--vscode-textBlockQuote-border, #8886); }
`;

export function reportHtml(d: ReportData, opts: HtmlOptions): string {
  const t = opts.t ?? noTranslate;
  const s: string[] = [];
  s.push(`<h1>${escapeHtml(t('Corpus report'))}</h1>`);
  s.push(`<div class="summary">${[
    [d.articles, t('articles')], [d.quotes, t('quotes')], [d.speakers.length, t('speakers')], [d.unattributed, t('quotes without a speaker')],
  ].map(([n, l]) => `<div class="card"><b>${escapeHtml(n!)}</b>${escapeHtml(l!)}</div>`).join('')}</div>`);
  s.push(`<p class="muted">${escapeHtml(t('Generated {0}. Rejected suggestions are not counted.', d.generated))}</p>`);

  s.push(`<h2>${escapeHtml(t('Quotes per speaker'))}</h2>`);
  s.push(barChart(t('Quotes per speaker'), d.speakers.slice(0, TOP).map((x) => ({ label: x.label, value: x.quotes }))));
  s.push(table([t('Speaker'), t('Quotes'), t('Articles'), t('Attributes')], d.speakers.slice(0, 100).map((x) => [x.label, x.quotes, x.articles, Object.entries(x.attributes).map(([k, v]) => `${k}: ${v}`).join(', ')])));

  s.push(`<h2>${escapeHtml(t('Quotes per topic'))}</h2>`);
  s.push(d.topics.length ? barChart(t('Quotes per topic'), d.topics.slice(0, TOP).map((x) => ({ label: x.label, value: x.quotes }))) + table([t('Topic'), t('Quotes'), t('Articles')], d.topics.map((x) => [x.label, x.quotes, x.articles])) : `<p class="muted">${escapeHtml(t('No topics yet.'))}</p>`);

  for (const a of d.attributes) {
    const values = [...new Set([...a.overall, ...a.byOutlet.flatMap((o) => o.shares), ...a.byMonth.flatMap((m) => m.shares)].map((x) => x.value))].sort((x, y) => (x === '' ? 1 : y === '' ? -1 : x.localeCompare(y)));
    s.push(`<h2>${escapeHtml(t('Speaker attribute: {0}', a.label))}</h2>`);
    s.push(`<p class="muted">${escapeHtml(t('Share of the quotes that have a speaker.'))}</p>`);
    s.push(`<h3>${escapeHtml(t('Overall'))}</h3>` + stackedChart(a.label, [{ label: t('All outlets'), shares: a.overall }], values, t));
    if (a.byOutlet.length) s.push(`<h3>${escapeHtml(t('Per outlet'))}</h3>` + stackedChart(a.label, a.byOutlet.map((o) => ({ label: o.outlet || t('unknown outlet'), shares: o.shares })), values, t));
    if (a.byMonth.length) s.push(`<h3>${escapeHtml(t('Per month'))}</h3>` + stackedChart(a.label, a.byMonth.map((m) => ({ label: m.month || t('no date'), shares: m.shares })), values, t));
  }

  s.push(`<h2>${escapeHtml(t('Outlets'))}</h2>`);
  s.push(table([t('Outlet'), t('Articles'), t('Quotes')], d.outlets.map((o) => [o.label || t('unknown outlet'), o.articles, o.quotes])));
  s.push(`<h2>${escapeHtml(t('Months'))}</h2>`);
  s.push(barChart(t('Quotes per month'), d.months.map((m) => ({ label: m.label || t('no date'), value: m.quotes }))));
  s.push(`<h2>${escapeHtml(t('Quotes without a speaker'))}</h2>`);
  s.push(`<p>${escapeHtml(t('{0} of {1} quotes ({2}).', d.unattributed, d.quotes, pct(d.unattributed, d.quotes)))}</p>`);
  for (const x of d.unattributedSamples) s.push(`<blockquote>${escapeHtml(x.text.length > 240 ? x.text.slice(0, 237) + '…' : x.text)} <span class="muted">— ${escapeHtml(x.article)}</span></blockquote>`);
  if (d.failures.length) {
    s.push(`<h2>${escapeHtml(t('Sidecars that could not be read'))}</h2><ul>${d.failures.map((f) => `<li>${escapeHtml(f.message)}</li>`).join('')}</ul>`);
  }
  const csp = `default-src 'none'; style-src 'nonce-${opts.nonce}'; img-src data:; font-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('Corpus report'))}</title>
<style nonce="${opts.nonce}">${STYLE}</style>
</head>
<body>
${s.join('\n')}
</body>
</html>
`;
}
