import type { ArticleMeta } from '../model';

export interface Header {
  article: ArticleMeta;
  /** Range of a YAML front matter block (excluded from analysis), when there is one. */
  frontMatter?: { start: number; end: number };
}

const DATE_LINE_RE = /^\s*\uFEFF?\s*date\s*[:=]?\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b[\s:–—-]*(.*?)\s*$/i;
const FM_KEY_RE = /^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/;

function pad(n: string): string {
  return n.length === 1 ? '0' + n : n;
}

function unquote(v: string): string {
  const m = /^(['"])(.*)\1$/.exec(v);
  return m ? m[2] : v;
}

/** Lines of the text with their start offsets, stopping after `max` lines. */
function firstLines(text: string, max: number): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let pos = 0;
  while (pos <= text.length && out.length < max) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let line = text.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    out.push({ start: pos, text: line });
    pos = nl + 1;
  }
  return out;
}

/**
 * Reads the article header: ` date YYYY-MM-DD Title` on the first line then the outlet on the
 * next non-empty line; or a YAML front matter (title, date, outlet/source/publisher); or a
 * Markdown `# Title` heading. Articles without a header give an empty object.
 */
export function parseHeader(text: string): Header {
  const lines = firstLines(text, 60);
  const article: ArticleMeta = {};
  let i = 0;
  while (i < lines.length && lines[i].text.replace(/\uFEFF/g, '').trim() === '') i++;
  if (i >= lines.length) return { article };
  const first = lines[i].text.replace(/\uFEFF/g, '');
  if (first.trim() === '---') {
    // YAML front matter
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j].text;
      if (l.trim() === '---' || l.trim() === '...') {
        const end = j + 1 < lines.length ? lines[j + 1].start : text.length;
        const fm = { start: lines[i].start, end };
        for (let k = i + 1; k < j; k++) {
          const m = FM_KEY_RE.exec(lines[k].text);
          if (!m) continue;
          const key = m[1].toLowerCase();
          const value = unquote(m[2]);
          if (!value) continue;
          if (key === 'title' || key === 'headline') article.title = value;
          else if (key === 'date' || key === 'published') {
            const d = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
            if (d) article.date = `${d[1]}-${pad(d[2])}-${pad(d[3])}`;
          } else if (key === 'outlet' || key === 'source' || key === 'publisher' || key === 'publication') article.outlet = value;
        }
        if (!article.title) {
          const h = lines.slice(j + 1).find((x) => x.text.trim() !== '');
          const hm = h && /^\s*#{1,6}\s+(.+?)\s*#*\s*$/.exec(h.text);
          if (hm) article.title = hm[1].replace(/[*_`]/g, '');
        }
        return { article, frontMatter: fm };
      }
    }
    return { article };
  }
  const dm = DATE_LINE_RE.exec(first);
  if (dm) {
    const month = Number(dm[2]), day = Number(dm[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) article.date = `${dm[1]}-${pad(dm[2])}-${pad(dm[3])}`;
    const title = dm[4].replace(/^#+\s*/, '').replace(/[*_`]/g, '').trim();
    if (title) article.title = title;
    let j = i + 1;
    while (j < lines.length && lines[j].text.trim() === '') j++;
    if (j < lines.length) {
      const outlet = lines[j].text.replace(/[*_`#]/g, '').trim();
      if (outlet && outlet.length <= 60 && outlet.split(/\s+/).length <= 6 && !/[.!?:;,"“”]$/.test(outlet)) {
        article.outlet = outlet;
      }
    }
    return { article };
  }
  const hm = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/.exec(first);
  if (hm) article.title = hm[1].replace(/[*_`]/g, '').trim();
  return { article };
}
