// Ink hands a burst of keys over as one string, and ink-text-input inserts it as is: two backspaces read together
// arrive as "\x7f\x7f" inside the value. Apply them (and drop other control characters) so the field holds what the
// user meant.

/** `text` with each backspace/delete character removing the character before it, other controls removed. */
export function applyTypedControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (!/[\u0000-\u001f\u007f]/.test(text)) return text;
  const out: string[] = [];
  for (const ch of text) {
    if (ch === '\u007f' || ch === '\b') out.pop();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    else if (!/[\u0000-\u001f]/.test(ch)) out.push(ch);
  }
  return out.join('');
}
