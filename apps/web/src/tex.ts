// KaTeX rendering of the experiments' TeX (closed forms, inline $…$ in explanations). KaTeX escapes its input and
// `trust` stays off, so its HTML is safe to inject; plain text around the maths is rendered by React as text.
import katex from 'katex';

/** HTML for one TeX expression; a TeX error renders as the source in red rather than throwing. */
export function texToHtml(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
}

export type ProseSegment = { kind: 'text'; text: string } | { kind: 'tex'; tex: string };

/** Splits text into paragraphs (blank lines) and each paragraph into text and $…$ maths. An unpaired $ stays text. */
export function splitProse(text: string): ProseSegment[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((paragraph) => {
      const segments: ProseSegment[] = [];
      const re = /\$([^$]+)\$/g;
      let last = 0;
      for (let m = re.exec(paragraph); m; m = re.exec(paragraph)) {
        if (m.index > last) segments.push({ kind: 'text', text: paragraph.slice(last, m.index) });
        segments.push({ kind: 'tex', tex: m[1]! });
        last = m.index + m[0].length;
      }
      if (last < paragraph.length) segments.push({ kind: 'text', text: paragraph.slice(last) });
      return segments;
    });
}
