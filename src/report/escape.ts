/**
 * Escaping helpers shared by the report renderers (HTML, XML, plain text, Markdown).
 *
 * Every string that reaches a report comes from a results file, and adapter names can be
 * arbitrary paths: nothing in a `ResultsJson` is trusted to be free of markup or control
 * characters.
 */

/** C0/C1 control characters and the Unicode line/paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Makes `s` safe to print on one line of fixed-width text: tabs become a space, every other
 * control character (including newlines) becomes a visible `\n` / `\xNN` / `\uNNNN` escape.
 */
export function oneLine(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === '\t') return ' ';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Escapes `s` for HTML text content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Characters XML 1.0 forbids outright: controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
 * They cannot be written even as character references, so they are replaced by U+FFFD.
 */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes `s` for XML character data; characters XML 1.0 cannot carry become U+FFFD. */
export function escapeXmlText(s: string): string {
  return s
    .replace(XML_INVALID, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Escapes `s` for a double-quoted XML attribute value. Tabs and line breaks are written as
 * character references so that attribute-value normalisation does not turn them into spaces.
 */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escapes `s` for one cell of a GitHub-flavoured Markdown table: line breaks become spaces,
 * Markdown/HTML punctuation is backslash-escaped (so names cannot inject links, emphasis or
 * raw HTML), and `|` cannot end the cell.
 */
export function escapeMarkdownCell(s: string): string {
  return oneLine(s.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`);
}
