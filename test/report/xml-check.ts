/**
 * A small, strict XML 1.0 well-formedness checker and tree builder for the report tests
 * (no parser is installed, and none may be added). It rejects anything a conforming XML
 * parser rejects that the report writers could plausibly produce: bad nesting, unquoted or
 * duplicate attributes, `<` in attribute values, bare `&`, unknown entities, characters XML
 * forbids, `]]>` in text, text or a second element outside the root. No DTD support beyond an
 * optional `<!DOCTYPE name>` (enough for XHTML-syntax HTML pages).
 */

/** An element of the parsed tree. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** A node: an element or decoded character data. */
export type XmlNode = XmlElement | string;

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Accept one `<!DOCTYPE name>` before the root (no internal subset). Default false. */
  allowDoctype?: boolean;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const INVALID_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Parses `src`, throwing an `Error` naming the offset of the first well-formedness violation. */
export function parseXml(src: string, options: ParseXmlOptions = {}): XmlElement {
  let pos = 0;
  const fail = (msg: string): never => {
    const line = src.slice(0, pos).split('\n').length;
    throw new Error(`XML not well-formed at offset ${pos} (line ${line}): ${msg}`);
  };
  const bad = INVALID_CHAR.exec(src);
  if (bad !== null) {
    pos = bad.index;
    fail(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16)} is not allowed in XML`);
  }
  const startsWith = (s: string): boolean => src.startsWith(s, pos);
  const skipSpace = (): boolean => {
    const start = pos;
    while (pos < src.length && ' \t\r\n'.includes(src[pos] as string)) pos++;
    return pos > start;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(src);
    if (m === null) return fail('expected a name');
    pos += m[0].length;
    return m[0];
  };
  const reference = (): string => {
    // at '&'
    const end = src.indexOf(';', pos);
    if (end < 0) return fail('unterminated reference');
    const body = src.slice(pos + 1, end);
    let out: string;
    if (/^#[0-9]+$/.test(body) || /^#x[0-9A-Fa-f]+$/.test(body)) {
      const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!isXmlChar(cp)) return fail(`character reference &${body}; is not an XML character`);
      out = String.fromCodePoint(cp);
    } else {
      const v = PREDEFINED[body];
      if (v === undefined) return fail(`unknown entity &${body};`);
      out = v;
    }
    pos = end + 1;
    return out;
  };
  const comment = (): void => {
    const end = src.indexOf('-->', pos + 4);
    if (end < 0) fail('unterminated comment');
    if (src.slice(pos + 4, end).includes('--')) fail("'--' inside a comment");
    pos = end + 3;
  };
  const pi = (): void => {
    pos += 2;
    const target = name();
    if (target.toLowerCase() === 'xml') fail('XML declaration is only allowed at the very start');
    const end = src.indexOf('?>', pos);
    if (end < 0) fail('unterminated processing instruction');
    pos = end + 2;
  };
  const misc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) comment();
      else if (startsWith('<?')) pi();
      else return;
    }
  };
  const element = (): XmlElement => {
    if (!startsWith('<')) fail("expected '<'");
    pos++;
    const el: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      const spaced = skipSpace();
      if (startsWith('/>')) {
        pos += 2;
        return el;
      }
      if (startsWith('>')) {
        pos++;
        break;
      }
      if (!spaced) fail('expected whitespace before an attribute');
      const attr = name();
      skipSpace();
      if (!startsWith('=')) fail(`attribute ${attr} has no '='`);
      pos++;
      skipSpace();
      const quote = src[pos];
      if (quote !== '"' && quote !== "'") return fail(`attribute ${attr} value is not quoted`);
      pos++;
      let value = '';
      for (;;) {
        const c = src[pos];
        if (c === undefined) return fail('unterminated attribute value');
        if (c === quote) {
          pos++;
          break;
        }
        if (c === '<') fail("'<' in an attribute value");
        if (c === '&') value += reference();
        else {
          value += ' \t\r\n'.includes(c) ? ' ' : c;
          pos++;
        }
      }
      if (Object.prototype.hasOwnProperty.call(el.attrs, attr)) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = value;
    }
    // content
    let text = '';
    const flush = (): void => {
      if (text !== '') el.children.push(text);
      text = '';
    };
    for (;;) {
      if (pos >= src.length) fail(`element <${el.name}> is not closed`);
      if (startsWith('</')) {
        pos += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (!startsWith('>')) fail("expected '>'");
        pos++;
        flush();
        return el;
      }
      if (startsWith('<!--')) comment();
      else if (startsWith('<![CDATA[')) {
        const end = src.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA section');
        text += src.slice(pos + 9, end);
        pos = end + 3;
      } else if (startsWith('<?')) pi();
      else if (startsWith('<')) {
        flush();
        el.children.push(element());
      } else if (startsWith('&')) text += reference();
      else if (startsWith(']]>')) fail("']]>' in character data");
      else {
        text += src[pos] as string;
        pos++;
      }
    }
  };

  if (startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    const decl = src.slice(5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(decl)) {
      fail('malformed XML declaration');
    }
    pos = end + 2;
  }
  misc();
  if (startsWith('<!DOCTYPE')) {
    if (options.allowDoctype !== true) fail('DOCTYPE not allowed');
    const m = /^<!DOCTYPE\s+[A-Za-z_:][A-Za-z0-9_:.-]*\s*>/.exec(src.slice(pos));
    if (m === null) return fail('unsupported DOCTYPE');
    pos += m[0].length;
    misc();
  }
  const root = element();
  misc();
  if (pos !== src.length) fail('content after the root element');
  return root;
}

/** The child elements of `el`, optionally only those named `name`. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** Every descendant element of `el` (depth-first, document order) for which `pred` holds. */
export function findAll(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of childElements(e)) {
      if (pred(c)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** The concatenated character data of `el` and its descendants. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}
