// Inline TeX made readable in a terminal: common macros to Unicode, simple sub/superscripts to Unicode digits and
// letters, \frac{a}{b} to (a)/(b). A best-effort view for people; the web app typesets the real thing (KaTeX).

const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ',
  mu: 'μ', nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Sigma: 'Σ', Phi: 'Φ', Omega: 'Ω',
  sum: 'Σ', prod: 'Π', int: '∫', partial: '∂', nabla: '∇', infty: '∞', times: '×', cdot: '·', pm: '±', mp: '∓',
  le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', sim: '~', propto: '∝', gg: '≫', ll: '≪',
  in: '∈', notin: '∉', mid: '|', to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', iff: '⇔', top: 'ᵀ',
  ldots: '…', cdots: '⋯', dots: '…', sqrt: '√', log: 'log', ln: 'ln', exp: 'exp', min: 'min', max: 'max',
  argmin: 'argmin', argmax: 'argmax', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', '|': '‖', ',': ' ', ';': ' ',
  quad: '  ', qquad: '    ', langle: '⟨', rangle: '⟩', star: '*', ast: '*', circ: '∘', E: 'E',
};
const BLACKBOARD: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ' };
const SUB: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋', '=': '₌',
  '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ',
  u: 'ᵤ', v: 'ᵥ', x: 'ₓ', 'ℓ': 'ₗ',
};
const SUP: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻',
  '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', '*': '*', k: 'ᵏ', d: 'ᵈ', t: 'ᵗ', '′': '′',
};

/** A braced group or single token after position `i`: [content, next index]. */
function argument(s: string, i: number): [string, number] {
  while (s[i] === ' ') i++;
  if (s[i] !== '{') {
    if (s[i] === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(s.slice(i));
      return m ? [m[0], i + m[0].length] : ['', i];
    }
    return [s[i] ?? '', i + 1];
  }
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return [s.slice(i + 1, j), j + 1];
  }
  return [s.slice(i + 1), s.length];
}

const script = (text: string, table: Record<string, string>, mark: string) => {
  const chars = [...text];
  return chars.every((c) => table[c]) ? chars.map((c) => table[c]).join('') : `${mark}${chars.length > 1 ? `(${text})` : text}`;
};
const wrapIfLong = (t: string) => (/^[\p{L}\p{N}.′]+$|^\([^()]*\)$/u.test(t) ? t : `(${t})`);

/** Converts one TeX expression (no dollars) to readable Unicode. */
export function texToUnicode(tex: string): string {
  let out = '';
  for (let i = 0; i < tex.length; ) {
    const c = tex[i]!;
    if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i));
      const name = m?.[1] ?? '';
      i += (m?.[0].length ?? 1);
      if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
        const [a, j] = argument(tex, i);
        const [b, k] = argument(tex, j);
        out += `${wrapIfLong(texToUnicode(a))}/${wrapIfLong(texToUnicode(b))}`;
        i = k;
      } else if (name === 'sqrt') {
        const [a, j] = argument(tex, i);
        out += `√${wrapIfLong(texToUnicode(a))}`;
        i = j;
      } else if (name === 'mathbb') {
        const [a, j] = argument(tex, i);
        out += [...a].map((ch) => BLACKBOARD[ch] ?? ch).join('');
        i = j;
      } else if (['mathrm', 'text', 'mathbf', 'mathit', 'operatorname', 'boldsymbol', 'mathcal'].includes(name)) {
        const [a, j] = argument(tex, i);
        out += texToUnicode(a);
        i = j;
      } else if (['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'displaystyle', '!'].includes(name)) {
        // sizing only
      } else out += SYMBOLS[name] ?? name;
    } else if (c === '_' || c === '^') {
      const [a, j] = argument(tex, i + 1);
      const inner = texToUnicode(a);
      out += c === '_' ? script(inner, SUB, '_') : script(inner, SUP, '^');
      i = j;
    } else if (c === '{' || c === '}') i++;
    else if (c === '~') {
      out += ' ';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Replaces every `$…$` in prose with its Unicode reading. */
export function proseToUnicode(text: string): string {
  return text.replace(/\$([^$]+)\$/g, (_, tex: string) => texToUnicode(tex));
}
