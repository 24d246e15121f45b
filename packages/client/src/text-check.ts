// The outcome of checking one piece of user text (a flag, a form field, a URL entry): the value, or a message that
// names the parameter, the value given and what is allowed.

export type TextCheck<T = unknown> = { ok: true; value: T } | { ok: false; message: string; allowed: string };
