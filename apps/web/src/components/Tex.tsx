// TeX typeset by KaTeX (server-rendered into the page; the fonts come from the bundled katex CSS).
import { splitProse, texToHtml } from '../tex';

export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's markup of the experiments' own TeX (never user input), rendered with trust off.
  return <span className={display ? 'tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: texToHtml(tex, display) }} />;
}

/** Paragraphs of plain text with inline $…$ maths. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {splitProse(text).map((paragraph, i) => (
        <p key={i}>
          {paragraph.map((s, j) => (s.kind === 'text' ? <span key={j}>{s.text}</span> : <Tex key={j} tex={s.tex} />))}
        </p>
      ))}
    </>
  );
}
