// The review as a ready-to-send reply (RFC 5322): threaded under the patch,
// addressed to its author with the original recipients in Cc, plain text.

import { randomBytes } from 'node:crypto';
import { Chalk } from 'chalk';
import type { Mailbox, Patch, ReviewedPatch } from '../core/types.js';
import { renderPatchReview } from './text.js';

export interface Reviewer {
  name: string;
  address: string;
}

const PLAIN = new Chalk({ level: 0 });
/** RFC 5322 allows 998 octets a line; longer ones need an encoding. */
const MAX_LINE_BYTES = 998;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const NON_ASCII = /[^\x20-\x7e]/;
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** RFC 2047 encoded words, each under the 75-character limit, split on characters. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`);
}

/** A display name as a header phrase: as is, quoted, or encoded. */
function phrase(name: string): string {
  if (NON_ASCII.test(name)) return encodedWords(name).join(' ');
  if (SPECIALS.test(name)) return `"${name.replace(/(["\\])/g, '\\$1')}"`;
  return name;
}

export function formatMailbox(m: Mailbox): string {
  return m.name ? `${phrase(m.name)} <${m.address}>` : m.address;
}

/** Header text, encoded when it is not plain ASCII, folded before 78 columns. */
export function unstructured(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return encodedWords(text).join('\n ');
}

/**
 * A header of several items, folded before 78 columns: addresses are
 * separated by commas, message-ids (`References:`, RFC 5322 3.6.4) by
 * whitespace only.
 */
export function foldList(name: string, items: string[], separator: ',' | '' = ','): string {
  let out = `${name}: `;
  let width = out.length;
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item}${separator}` : item;
    if (i > 0 && width + 1 + piece.length > 78) {
      out += '\n ';
      width = 1;
    } else if (i > 0) {
      out += ' ';
      width++;
    }
    out += piece;
    width += piece.length;
  });
  return out;
}

/** `Tue, 24 Nov 2026 20:30:00 +0100` in the machine's zone. */
export function rfc5322Date(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getDay()]}, ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zone}`
  );
}

/** Quoted-printable for a body with a line too long for 8bit transport. */
function quotedPrintable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let width = 0;
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || (b === 32 && !last) || (b === 9 && !last);
        const piece = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + piece.length > 75) {
          out += '=\n';
          width = 0;
        }
        out += piece;
        width += piece.length;
      });
      return out;
    })
    .join('\n');
}

export function replySubject(subject: string): string {
  return /^\s*re:/i.test(subject) ? subject.trim() : `Re: ${subject.trim()}`;
}

/** Why a reply to this patch will not thread under it, in one line; undefined when it will. */
export function threadingProblem(patch: Patch): string | undefined {
  if (patch.messageId) return undefined;
  return `"${patch.subject || 'no subject'}" has no Message-ID, so the reply cannot thread under it (no In-Reply-To)`;
}

export interface ReplyOptions {
  reviewer: Reviewer;
  now?: Date;
  /** The review text; by default the inline review of `reviewed`. */
  body?: string;
}

/** The body a reply carries: the inline review, then the reviewer's name. */
export function replyBody(reviewed: ReviewedPatch, reviewer: Reviewer): string {
  return `${renderPatchReview(reviewed, PLAIN).join('\n')}\n\n${reviewer.name || reviewer.address}\n`;
}

/** The whole message, with LF line ends as `git format-patch` writes files (SMTP adds the CR). */
export function composeReply(reviewed: ReviewedPatch, options: ReplyOptions): string {
  const { patch } = reviewed;
  const { reviewer } = options;
  const now = options.now ?? new Date();
  const author: Mailbox = { name: patch.fromName === patch.fromAddress ? '' : patch.fromName, address: patch.fromAddress };
  const seen = new Set([author.address.toLowerCase(), reviewer.address.toLowerCase()]);
  const cc = [...patch.to, ...patch.cc].filter((m) => {
    const key = m.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const domain = reviewer.address.split('@')[1] || 'review-post.invalid';
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const messageId = `<${stamp}.review-post.${randomBytes(6).toString('hex')}@${domain}>`;
  const references = [...patch.references, ...(patch.messageId ? [patch.messageId] : [])];
  const body = (options.body ?? replyBody(reviewed, reviewer)).replace(/\r\n?/g, '\n');
  const long = body.split('\n').some((l) => Buffer.byteLength(l) > MAX_LINE_BYTES);
  const headers = [
    `From: ${formatMailbox(reviewer)}`,
    ...(author.address ? [`To: ${formatMailbox(author)}`] : []),
    ...(cc.length > 0 ? [foldList('Cc', cc.map(formatMailbox))] : []),
    `Subject: ${unstructured(replySubject(patch.subject))}`,
    ...(patch.messageId ? [`In-Reply-To: ${patch.messageId}`] : []),
    ...(references.length > 0 ? [foldList('References', references, '')] : []),
    `Date: ${rfc5322Date(now)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    `Content-Transfer-Encoding: ${long ? 'quoted-printable' : '8bit'}`,
  ];
  const encoded = long ? quotedPrintable(body) : body;
  return `${headers.join('\n')}\n\n${encoded}`;
}
