/**
 * exceljs returns cells as numbers, strings, Dates, or objects for formulas ({ result }),
 * rich text ({ richText: [...] }), hyperlinks ({ text }) and errors ({ error }). Imports
 * want plain text: this flattens every kind to a trimmed string (or null when empty).
 */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if ('result' in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return cellText(v.richText.map((run) => run.text).join(''));
    if ('text' in v) return cellText(v.text);
    if (v.error) return null;
  }
  return null;
}
