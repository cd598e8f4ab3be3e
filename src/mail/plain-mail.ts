// Most patches are plain mail: one text/plain part in 7bit or 8bit UTF-8 or
// ASCII, ASCII headers without encoded words, simple address lists (what
// git format-patch writes for an ASCII name). For those this reads the fields
// review-post uses directly, as mailparser would give them, so that a review
// need not load mailparser (a third of a cold start). Anything else, or
// anything this is unsure of, is answered `undefined`: mailparser then decodes
// it. test/plain-mail.test.ts checks both ways agree on every fixture.

/** The fields that decode.ts takes from mailparser, as mailparser gives them. */
export interface ParsedFields {
  /** Lower-case keys of the top-level headers, in order. */
  headerKeys: string[];
  subject: string;
  /** The first mailbox of From that has an address. */
  sender: { name: string; address: string } | undefined;
  /** The Date header as written: unfolded, runs of blanks made one space. */
  dateHeader: string;
  messageId: string;
  inReplyTo: string;
  references: string[];
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
  /** The body text, line ends as sent. */
  text: string;
}

interface HeaderLine {
  key: string;
  /** The header's lines, continuation lines included, without line ends. */
  lines: string[];
}

/** Headers that a plain mail may have only once: mailparser keeps the first, or a list. */
const SINGLE = ['from', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'content-type', 'content-transfer-encoding', 'content-disposition'];
const PLAIN_ENCODINGS = new Set(['', '7bit', '8bit']);
/** Charsets mailparser reads as UTF-8 without converting (its own normalisation). */
const PLAIN_CHARSETS = new Set(['ascii', 'usascii', 'utf8']);
const HEADER_KEY = /^[!-9;-~]+$/;
/**
 * mailsplit refuses a header block whose cost (each line's bytes, at least 64
 * a line) passes 1 MiB. A block costing a quarter of that is surely accepted;
 * a larger one is left to mailparser to accept or refuse.
 */
const HEAD_COST_LIMIT = 256 * 1024;
const LINE_MIN_COST = 64;
/** Printable ASCII and tab: anything else in a header is left to mailparser. */
const NOT_PLAIN_HEADER = /[^\t\x20-\x7e]/;
/** An address as mailparser leaves it alone: no quoting, comments, encoded words or punycode. */
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$/;
/** A display name that addressparser keeps as written. */
const NAME = /^[A-Za-z0-9'_-]+(?: [A-Za-z0-9'_-]+)*$/;

/** The fields of a plain mail, or undefined when mailparser must decode it. */
export function plainMail(raw: Buffer): ParsedFields | undefined {
  const split = splitHeader(raw);
  if (!split) return undefined;
  const headers = split.headers;
  const first = new Map<string, HeaderLine>();
  for (const header of headers) {
    if (first.has(header.key) && SINGLE.includes(header.key)) return undefined;
    if (!first.has(header.key)) first.set(header.key, header);
  }
  const value = (key: string): string => {
    const header = first.get(key);
    return header ? unfold(header) : '';
  };

  if (!isPlainBody(value('content-type'), value('content-transfer-encoding'), first.has('content-disposition'))) return undefined;
  const from = mailboxes(value('from'));
  const to = mailboxes(value('to'));
  const cc = mailboxes(value('cc'));
  if (!from || !to || !cc) return undefined;

  const date = first.get('date');
  return {
    headerKeys: headers.map((h) => h.key),
    subject: value('subject'),
    sender: from[0],
    dateHeader: date ? date.lines.join('').slice(date.lines[0]!.indexOf(':') + 1).replace(/[ \t]+/g, ' ').trim() : '',
    messageId: bracketed(value('message-id')),
    inReplyTo: bracketed(value('in-reply-to')),
    references: value('references')
      .split(/\s+/)
      .map(bracketed)
      .filter((id) => id !== ''),
    to,
    cc,
    text: raw.subarray(split.bodyStart).toString('utf8'),
  };
}

/** The header lines and where the body starts; undefined for anything unusual. */
function splitHeader(raw: Buffer): { headers: HeaderLine[]; bodyStart: number } | undefined {
  if (hasLoneCR(raw)) return undefined;
  const headers: HeaderLine[] = [];
  let pos = 0;
  let cost = 0;
  while (pos < raw.length) {
    const nl = raw.indexOf(0x0a, pos);
    if (nl === -1) return undefined; // no body: rare, and left to mailparser
    cost += Math.max(nl + 1 - pos, LINE_MIN_COST);
    if (cost > HEAD_COST_LIMIT) return undefined;
    const end = nl > pos && raw[nl - 1] === 0x0d ? nl - 1 : nl;
    const line = raw.toString('latin1', pos, end);
    pos = nl + 1;
    if (line === '') return headers.length > 0 ? { headers, bodyStart: pos } : undefined;
    if (NOT_PLAIN_HEADER.test(line) || line.includes('=?')) return undefined;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = headers.at(-1);
      if (!last) return undefined;
      last.lines.push(line);
      continue;
    }
    const colon = line.indexOf(':');
    const key = line.slice(0, colon);
    if (colon <= 0 || !HEADER_KEY.test(key)) return undefined;
    headers.push({ key: key.toLowerCase(), lines: [line] });
  }
  return undefined;
}

/** A CR not followed by LF: a line end to some parsers and not to others. */
function hasLoneCR(raw: Buffer): boolean {
  for (let at = raw.indexOf(0x0d); at !== -1; at = raw.indexOf(0x0d, at + 1)) {
    if (raw[at + 1] !== 0x0a) return true;
  }
  return false;
}

/** A header's value as libmime reads it: folds made one space, trimmed. */
function unfold(header: HeaderLine): string {
  const [head = '', ...rest] = header.lines;
  const text = head + rest.map((line) => ` ${line.replace(/^[ \t]*/, '')}`).join('');
  return text.slice(text.indexOf(':') + 1).trim();
}

/** One text/plain part that mailparser would pass through as UTF-8, not un-flowed. */
function isPlainBody(contentType: string, encoding: string, hasDisposition: boolean): boolean {
  if (hasDisposition || !PLAIN_ENCODINGS.has(encoding.toLowerCase())) return false;
  if (contentType === '') return true;
  const [type = '', ...params] = contentType.split(';').map((s) => s.trim());
  if (type.toLowerCase() !== 'text/plain') return false;
  for (const param of params) {
    const m = /^charset=("?)([A-Za-z0-9_-]+)\1$/i.exec(param);
    if (!m || !PLAIN_CHARSETS.has(m[2]!.toLowerCase().replace(/[^a-z0-9]+/g, ''))) return false;
  }
  return params.length <= 1;
}

/** `Name <a@b>`, `"Name" <a@b>` or `a@b`, comma-separated; undefined for any other form. */
function mailboxes(value: string): Array<{ name: string; address: string }> | undefined {
  if (value === '') return [];
  const found: Array<{ name: string; address: string }> = [];
  for (const item of value.split(',').map((s) => s.trim())) {
    const m = /^(?:"([^"]*)"|([^"<>]*?))\s*<([^<>]*)>$/.exec(item);
    const name = m ? (m[1] ?? m[2] ?? '') : '';
    const address = m ? m[3]! : item;
    if (!ADDRESS.test(address) || address.includes('xn--')) return undefined;
    if (name !== '' && !NAME.test(name)) return undefined;
    found.push({ name, address });
  }
  return found;
}

/** A Message-ID as mailparser gives it: angle brackets added where missing, '' for none. */
function bracketed(id: string): string {
  if (id === '') return '';
  return `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
}
