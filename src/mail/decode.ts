// Decode one raw message into the fields review-post uses. Plain mail is read
// by plain-mail.ts; mailparser, loaded only then, does the MIME decoding of
// the rest. The few things mailparser hides (the Date header as written, which
// parts were format=flowed) are read from the raw message here.

import type { AddressObject, AttachmentStream, EmailAddress, HeaderLines, Headers, HeaderValue, MessageText, StructuredHeader } from 'mailparser';
import { plainMail, type ParsedFields } from './plain-mail.js';
import { InputError } from '../core/types.js';
import type { Mail, Mailbox, RawMessage } from '../core/types.js';

const PARSER_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  // keepCidLinks skips the pass that inlines images into the HTML.
  keepCidLinks: true,
  checksumAlgo: false,
} as const;

/** Parts that hold a patch whatever their file name. */
const PATCH_TYPES = new Set(['text/x-patch', 'text/x-diff']);
/** Parts that hold a patch when their file name says so. */
const NAMED_PATCH_TYPES = new Set(['application/octet-stream', 'application/x-patch', 'application/x-diff', 'text/plain']);
const PATCH_FILENAME = /\.(?:patch|diff)$/i;

/** A message without any of these is not a mail (binary, a bare diff). */
const MAIL_HEADERS = new Set(['from', 'subject', 'date', 'message-id', 'content-type', 'mime-version', 'to']);

function isPatchPart(contentType: string, filename: string): boolean {
  const type = contentType.toLowerCase();
  return PATCH_TYPES.has(type) || (NAMED_PATCH_TYPES.has(type) && PATCH_FILENAME.test(filename));
}

/** What a parser gives: the header fields, and the patch parts only MIME has. */
interface Decoded {
  fields: ParsedFields;
  patchParts: string[];
  patchPartsFlowed: boolean;
}

/** Decode one message. Throws InputError (one line) when it is not a mail. */
export async function decodeMail(message: RawMessage): Promise<Mail> {
  if (isBlank(message.raw)) throw new InputError(`message ${message.index} is empty`);
  const fields = plainMail(message.raw);
  return toMail(message, fields ? { fields, patchParts: [], patchPartsFlowed: false } : await decodeMime(message));
}

/** Decode one message with mailparser, plain or not (the tests compare both ways). */
export async function decodeMailMime(message: RawMessage): Promise<Mail> {
  if (isBlank(message.raw)) throw new InputError(`message ${message.index} is empty`);
  return toMail(message, await decodeMime(message));
}

const FEED_BYTES = 64 * 1024;

/** What decodeMime reads of a parsed message: mailparser's headers, its text, and the patch parts only. */
interface ParsedParts {
  headers: Headers;
  headerLines: HeaderLines;
  text: string;
  patches: Array<{ content: Buffer; type: StructuredHeader | undefined }>;
}

/**
 * mailparser's simpleParser, but an attachment that cannot be a patch is
 * read and dropped as it streams, not kept; with the message fed in
 * slices, a 63 MB attachment peaks at some 160 MB, not 555 MB.
 */
async function parseParts(raw: Buffer): Promise<ParsedParts> {
  // Loaded on first need: plain mail, the usual patch, never needs it.
  const { MailParser } = await import('mailparser');
  return new Promise((resolve, reject) => {
    const parser = new MailParser(PARSER_OPTIONS);
    const parts: ParsedParts = { headers: new Map(), headerLines: [], text: '', patches: [] };
    let settled = false;
    const fail = (error: unknown): void => {
      if (!settled) reject(error);
      settled = true;
    };
    parser.on('error', fail);
    parser.on('headers', (headers: Headers) => {
      parts.headers = headers;
      parts.headerLines = (parser as unknown as { headerLines: HeaderLines }).headerLines;
    });
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'text') {
        parts.text = data.text ?? '';
        return;
      }
      const type = structured(data.headers.get('content-type'));
      const filename = data.filename ?? type?.params['name'] ?? '';
      const keep = isPatchPart(type?.value ?? data.contentType, filename);
      const chunks: Buffer[] = [];
      data.content.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      data.content.on('end', () => {
        if (keep) parts.patches.push({ content: Buffer.concat(chunks), type });
        data.release?.();
      });
    });
    parser.on('end', () => {
      if (!settled) resolve(parts);
      settled = true;
    });
    // Fed in slices: given the whole message at once, mailparser holds
    // copies of it while it splits it (three times its size at the peak).
    const feed = (from: number): void => {
      let at = from;
      while (at < raw.length && !settled) {
        const more = parser.write(raw.subarray(at, at + FEED_BYTES));
        at += FEED_BYTES;
        if (!more) {
          parser.once('drain', () => feed(at));
          return;
        }
      }
      parser.end();
    };
    feed(0);
  });
}

async function decodeMime(message: RawMessage): Promise<Decoded> {
  const { index, raw } = message;
  let parsed: ParsedParts;
  try {
    parsed = await parseParts(raw);
  } catch (err) {
    throw new InputError(`message ${index} cannot be read as mail: ${oneLine(err)}`);
  }
  const patchParts: string[] = [];
  let patchPartsFlowed = false;
  for (const { content, type } of parsed.patches) {
    patchParts.push(decodeText(content, type?.params['charset']));
    if (type?.params['format']?.toLowerCase() === 'flowed') patchPartsFlowed = true;
  }
  const header = (key: string): HeaderValue | undefined => parsed.headers.get(key);
  const text = (key: string): string => {
    const value = header(key);
    return typeof value === 'string' ? value : '';
  };
  const references = header('references');
  const fields: ParsedFields = {
    headerKeys: parsed.headerLines.map((line) => line.key),
    subject: text('subject'),
    sender: firstMailbox(header('from') as AddressObject | undefined),
    dateHeader: rawHeader(parsed.headerLines, 'date'),
    messageId: text('message-id'),
    inReplyTo: text('in-reply-to'),
    references: Array.isArray(references) ? references.filter((r): r is string => typeof r === 'string') : typeof references === 'string' ? [references] : [],
    to: addresses(header('to') as AddressObject | AddressObject[] | undefined),
    cc: addresses(header('cc') as AddressObject | AddressObject[] | undefined),
    text: parsed.text,
  };
  return { fields, patchParts, patchPartsFlowed };
}

function toMail(message: RawMessage, decoded: Decoded): Mail {
  const { index, raw } = message;
  const { fields } = decoded;
  if (!fields.headerKeys.some((key) => MAIL_HEADERS.has(key))) {
    throw new InputError(`message ${index} is not a mail: it has no mail headers`);
  }
  const sender = fields.sender;
  return {
    index,
    subject: fields.subject,
    fromName: sender?.name || sender?.address || '',
    fromAddress: address(sender?.address ?? ''),
    dateHeader: fields.dateHeader,
    date: parseMailDate(fields.dateHeader),
    messageId: messageId(fields.messageId),
    to: mailboxes(fields.to),
    cc: mailboxes(fields.cc),
    references: fields.references
      .flatMap((r) => r.split(/\s+/))
      .map(messageId)
      .filter(Boolean),
    inReplyTo: messageId(fields.inReplyTo),
    body: fields.text.replace(/\r\n/g, '\n'),
    patchParts: decoded.patchParts,
    ...flowedParts(raw, decoded.patchPartsFlowed),
  };
}

// A Message-ID and an address are printable ASCII (RFC 5322 msg-id, addr-spec;
// RFC 6532 adds UTF-8): a control character in one is no part of it, and a
// reply copies them into its headers as they are.
const NOT_IN_ID = /[^\x21-\x7e]/g;
const NOT_IN_ADDRESS = /[\u0000-\u0020\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function messageId(id: string): string {
  return id.replace(NOT_IN_ID, '');
}

function address(text: string): string {
  return text.replace(NOT_IN_ADDRESS, '');
}

function isBlank(raw: Buffer): boolean {
  for (const byte of raw) {
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}...` : line || 'unknown error';
}

function structured(value: HeaderValue | undefined): StructuredHeader | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'params' in value && typeof value.value === 'string') {
    return value as StructuredHeader;
  }
  return undefined;
}

/** Every mailbox of an address header, groups opened, as mailparser gives them. */
function addresses(header: AddressObject | AddressObject[] | undefined): Array<{ name: string; address: string }> {
  const queue = (Array.isArray(header) ? header : header ? [header] : []).flatMap((h) => h.value);
  const found: Array<{ name: string; address: string }> = [];
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    if (entry.group) queue.unshift(...entry.group);
    else found.push({ name: entry.name, address: entry.address ?? '' });
  }
  return found;
}

/** The mailboxes that have an address a reply can use. */
function mailboxes(found: Array<{ name: string; address: string }>): Mailbox[] {
  return found.filter((m) => m.address && address(m.address)).map((m) => ({ name: m.name, address: address(m.address) }));
}

function firstMailbox(from: AddressObject | undefined): { name: string; address: string } | undefined {
  const queue: EmailAddress[] = [...(from?.value ?? [])];
  for (let entry = queue.shift(); entry; entry = queue.shift()) {
    if (entry.address) return { name: entry.name, address: entry.address };
    if (entry.group) queue.unshift(...entry.group);
  }
  return undefined;
}

/** A header's text as written: unfolded, runs of blanks made one space. */
function rawHeader(headerLines: HeaderLines, key: string): string {
  const line = headerLines.find((l) => l.key === key)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function decodeText(content: Buffer, charset: string | undefined): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset?.trim() || 'utf-8');
  } catch {
    // An unknown charset label: UTF-8 is the likeliest truth for a patch.
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(content).replace(/\r\n/g, '\n');
}

// ---------------------------------------------------------------- Date

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};
// RFC 5322 date-time, obsolete forms included; comments after the zone ignored.
const RFC5322_DATE =
  /^(?:[A-Za-z]+ ?, ?)?(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* (\d{2,4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([+-]\d{4}|[A-Za-z]{1,5}))?(?:$|[ (])/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** The Date header as an ISO 8601 UTC string, or '' when it is no date. */
export function parseMailDate(header: string): string {
  const text = header.replace(/\s+/g, ' ').trim();
  const m = RFC5322_DATE.exec(text);
  if (!m) {
    if (!ISO_DATE.test(text)) return '';
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  }
  const [, dayText = '', monthText = '', yearText = '', hourText = '', minuteText = '', secondText, zoneText] = m;
  const month = MONTHS.indexOf(monthText.toLowerCase());
  const day = Number(dayText);
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText.length === 3) year += 1900;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (month < 0 || day < 1 || hour > 23 || minute > 59 || second > 60) return '';
  const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  if (new Date(local).getUTCDate() !== day) return ''; // 31 Feb and the like
  return new Date(local - zoneMinutes(zoneText) * 60_000).toISOString();
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  // Military and unknown zones mean "no information" (RFC 5322 4.3).
  return ZONES[zone.toUpperCase()] ?? 0;
}

// ---------------------------------------------------------------- format=flowed

// mailparser un-flows format=flowed text without saying so, and exposes no
// headers for the text parts of a multipart message. This walk reads the
// MIME structure from the raw bytes just far enough to find them.

// Real mail nests a few levels; the cap keeps the walk near linear on
// hostile input (each level rescans its own range for its boundary).
const MAX_DEPTH = 50;

interface Part {
  type: string;
  params: Record<string, string>;
  disposition: string;
  filename: string;
}

/**
 * Which parts that may carry a diff were sent flowed: the body, or a patch
 * part. They are told apart so that a flowed cover note does not condemn an
 * intact attached patch.
 */
function flowedParts(raw: Buffer, patchPartsFlowed: boolean): { flowed: boolean; patchPartsFlowed: boolean } {
  const parts: Part[] = [];
  walk(raw.toString('latin1'), 0, raw.length, 'text/plain', 0, parts);
  const flowed = parts.filter((part) => part.params['format']?.toLowerCase() === 'flowed');
  return {
    flowed: flowed.some((part) => part.type === 'text/plain' && (part.disposition === '' || part.disposition === 'inline') && !isPatchPart(part.type, part.filename)),
    patchPartsFlowed: patchPartsFlowed || flowed.some((part) => isPatchPart(part.type, part.filename)),
  };
}

/** Collect the leaf parts of the entity in text[start, end). */
function walk(text: string, start: number, end: number, defaultType: string, depth: number, leaves: Part[]): void {
  const { headers, bodyStart } = readHeaders(text, start, end);
  const contentType = parseHeaderValue(headers.get('content-type') ?? defaultType);
  const disposition = parseHeaderValue(headers.get('content-disposition') ?? '');
  const type = contentType.value || defaultType;
  const encoding = (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();

  const boundary = contentType.params['boundary']?.trimEnd();
  if (depth < MAX_DEPTH && type.startsWith('multipart/') && boundary) {
    const childType = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    for (const [s, e] of bodyParts(text, bodyStart, end, boundary)) {
      walk(text, s, e, childType, depth + 1, leaves);
    }
    return;
  }
  // mailsplit opens an attached message only when it is inline and not encoded.
  const embedded = type === 'message/rfc822' && disposition.value === 'inline' && ['', '7bit', '8bit', 'binary'].includes(encoding);
  if (depth < MAX_DEPTH && embedded) {
    walk(text, bodyStart, end, 'text/plain', depth + 1, leaves);
    return;
  }
  leaves.push({
    type,
    params: contentType.params,
    disposition: disposition.value,
    filename: disposition.params['filename'] ?? contentType.params['name'] ?? '',
  });
}

/** Unfolded headers (first occurrence wins) and where the body starts. */
function readHeaders(text: string, start: number, end: number): { headers: Map<string, string>; bodyStart: number } {
  const headers = new Map<string, string>();
  let current: string | undefined;
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const next = nl === -1 || nl >= end ? end : nl + 1;
    let line = text.slice(pos, nl === -1 || nl >= end ? end : nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = next;
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current !== undefined) headers.set(current, `${headers.get(current) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    current = key === '' || headers.has(key) ? undefined : key;
    if (current !== undefined) headers.set(current, line.slice(colon + 1).trim());
  }
  return { headers, bodyStart: pos };
}

/** [start, end) of each body part between `--boundary` lines. */
function bodyParts(text: string, start: number, end: number, boundary: string): Array<[number, number]> {
  const open = `--${boundary}`;
  const close = `--${boundary}--`;
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  let pos = start;
  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const next = nl === -1 || nl >= end ? end : nl + 1;
    if (text.startsWith('--', pos)) {
      const line = text.slice(pos, nl === -1 || nl >= end ? end : nl).trimEnd();
      if (line === open || line === close) {
        if (partStart !== -1) parts.push([partStart, pos]);
        if (line === close) return parts;
        partStart = next;
      }
    }
    pos = next;
  }
  if (partStart !== -1) parts.push([partStart, end]);
  return parts;
}

/** `type/sub; a=1; b="two"` as a lower-case value and its parameters. */
function parseHeaderValue(header: string): { value: string; params: Record<string, string> } {
  const segments: string[] = [];
  let segment = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (quoted && c === '\\' && i + 1 < header.length) {
      segment += header[++i];
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ';' && !quoted) {
      segments.push(segment);
      segment = '';
    } else {
      segment += c;
    }
  }
  segments.push(segment);

  const params: Record<string, string> = {};
  const extended = new Set<string>();
  for (const item of segments.slice(1)) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    // RFC 2231: name*0*=, name*1= ... and name*= are pieces of one value.
    const name = key.replace(/\*.*$/, '');
    if (key.endsWith('*')) extended.add(name);
    params[name] = (params[name] ?? '') + item.slice(eq + 1).trim();
  }
  for (const name of extended) {
    const value = (params[name] ?? '').replace(/^[^']*'[^']*'/, '');
    params[name] = value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return { value: (segments[0] ?? '').replace(/\([^()]*\)/g, '').trim().toLowerCase(), params };
}
