/**
 * The placeholders of a catalogue text, `{{ count }}` (i18next) or `{name}`, found the
 * way the server finds them (platform/i18n/catalog.rs): a company's words for a key
 * must keep exactly the default's, or the values would have nowhere to go.
 */

export type Placeholder = { name: string; written: string };

const NAME = /^[\p{L}\p{N}_.]+$/u;

export function placeholders(text: string): Placeholder[] {
  const found = new Map<string, Placeholder>();
  let rest = text;
  for (;;) {
    const start = rest.indexOf('{');
    if (start < 0) break;
    rest = rest.slice(start);
    const [open, close] = rest.startsWith('{{') ? ['{{', '}}'] : ['{', '}'];
    const end = rest.indexOf(close, open.length);
    if (end < 0) break;
    const name = rest.slice(open.length, end).trim();
    if (name && NAME.test(name) && !found.has(name)) {
      found.set(name, { name, written: rest.slice(0, end + close.length) });
    }
    rest = rest.slice(end + close.length);
  }
  return [...found.values()];
}

/** What `text` lost or added compared with `reference` (empty lists: it fits). */
export function placeholderDiff(reference: string, text: string) {
  const wanted = placeholders(reference);
  const got = placeholders(text);
  const names = new Set(got.map((item) => item.name));
  const allowed = new Set(wanted.map((item) => item.name));
  return {
    missing: wanted.filter((item) => !names.has(item.name)),
    extra: got.filter((item) => !allowed.has(item.name)),
  };
}
