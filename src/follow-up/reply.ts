// A reviewer's reply read the way b4 and mail clients write one: runs of `>`
// quoted lines (any depth, `> >` or `>>`), the reviewer's own text between
// them, the attribution line ("On ..., X wrote:") and the cut markers
// (`[...]`, `<snip>`) left out, the signature and the closing ("Thanks,
// Thomas") dropped, trailers (`Reviewed-by:`) set apart, and what stands
// before the first quote taken as top-posting.

export interface QuotedLine {
  /** The line without its quote markers (and the one space after them). */
  text: string;
  depth: number;
}

export type ReplyPart = { kind: 'quote'; lines: QuotedLine[] } | { kind: 'text'; text: string };

export interface ReplyText {
  /** Quotes and the reviewer's text in between, in order; the first part may be text (top-posted). */
  parts: ReplyPart[];
  /** `Reviewed-by:`, `Acked-by:` ... lines the reviewer gave. */
  trailers: string[];
}

const QUOTE = /^((?:[ \t]?>)+)[ \t]?/;
const ATTRIBUTION = /(?:wrote|writes|said|schrieb|escribió|a écrit|ha scritto|napisał|skrev|kirjoitti)\s*:\s*$|^Quoting .+|^-+\s*Original Message\s*-+$/i;
const CUT = /^\s*(?:\[\s*(?:\.{2,}|…|snip(?:ped)?|cut|trimmed)\s*\]|<\s*(?:\.{2,}|…|snip(?:ped)?)\s*>|\.{3,}|…|-+\s*snip\s*-+)\s*$/i;
const TRAILER = /^\s*(?:Reviewed|Acked|Tested|Reported|Suggested|Nacked|Signed-off)-by:\s*\S/i;
const CLOSING = /^(?:thanks|thank you|many thanks|thx|cheers|regards|best|best regards|kind regards|greetings|ciao|bye|br)\s*[,.!]*$/i;

/** Whether a (quoted or plain) line is only a mark that something was left out. */
export function isCut(text: string): boolean {
  return CUT.test(text);
}

function quoteOf(line: string): QuotedLine | undefined {
  const m = QUOTE.exec(line);
  if (!m) return undefined;
  return { text: line.slice(m[0].length), depth: (m[1]!.match(/>/g) ?? []).length };
}

/** The reviewer's closing at the end of the last text: "Thanks,", a name, initials. */
function withoutClosing(lines: string[], names: string[]): string[] {
  const out = [...lines];
  const isName = (line: string): boolean => {
    const words = line.replace(/[,.!]+$/, '').trim().toLowerCase();
    return words !== '' && names.some((n) => n === words || n.split(/\s+/)[0] === words);
  };
  let dropped = 0;
  while (out.length > 0 && dropped < 4) {
    const last = out[out.length - 1]!.trim();
    if (last === '') out.pop();
    else if (last.length <= 40 && (CLOSING.test(last) || isName(last) || /^[-–—]\s*\p{L}+$/u.test(last))) {
      out.pop();
      dropped++;
    } else break;
  }
  return out;
}

/** The attribution line(s) just before a quote: "On <date>, <name> wrote:", split over two lines by some clients. */
function withoutAttribution(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  const last = out[out.length - 1]?.trim() ?? '';
  if (ATTRIBUTION.test(last)) {
    out.pop();
    if (!/^on\s/i.test(last) && /^on\s/i.test(out[out.length - 1]?.trim() ?? '')) out.pop();
  }
  return out;
}

/** Read a reply's body; `names` are the reviewer's name and address, to know the closing by. */
export function readReply(body: string, names: string[] = []): ReplyText {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  // The signature, and everything a client appends after it.
  const signature = lines.findIndex((l) => l === '-- ' || l === '--');
  const kept = signature >= 0 ? lines.slice(0, signature) : lines;
  // Outlook's "-----Original Message-----" quotes the whole mail below without `>`.
  const original = kept.findIndex((l) => /^-+\s*Original Message\s*-+$/i.test(l.trim()));
  const own = original >= 0 ? kept.slice(0, original) : kept;

  const raw: ({ kind: 'quote'; lines: QuotedLine[] } | { kind: 'text'; lines: string[] })[] = [];
  for (const line of own) {
    const quoted = quoteOf(line);
    const last = raw[raw.length - 1];
    if (quoted) {
      if (last?.kind === 'quote') last.lines.push(quoted);
      else raw.push({ kind: 'quote', lines: [quoted] });
    } else if (last?.kind === 'text') {
      last.lines.push(line);
    } else {
      raw.push({ kind: 'text', lines: [line] });
    }
  }
  // A blank line between two quotes is no comment: the quotes are one.
  const merged: typeof raw = [];
  for (const part of raw) {
    const previous = merged[merged.length - 1];
    const before = merged[merged.length - 2];
    if (part.kind === 'quote' && previous?.kind === 'text' && before?.kind === 'quote' && previous.lines.every((l) => l.trim() === '' || isCut(l))) {
      merged.pop();
      before.lines.push(...part.lines);
    } else merged.push(part);
  }

  const trailers: string[] = [];
  const parts: ReplyPart[] = [];
  const lastText = merged.map((p) => p.kind).lastIndexOf('text');
  merged.forEach((part, index) => {
    if (part.kind === 'quote') {
      parts.push(part);
      return;
    }
    let text = part.lines.filter((l) => {
      if (TRAILER.test(l)) {
        trailers.push(l.trim());
        return false;
      }
      return !isCut(l);
    });
    if (merged[index + 1]?.kind === 'quote') text = withoutAttribution(text);
    if (index === lastText) text = withoutClosing(text, names);
    parts.push({ kind: 'text', text: text.join('\n').replace(/^\s*\n/, '').trimEnd() });
  });
  return { parts: parts.filter((p) => p.kind === 'quote' || p.text.trim() !== ''), trailers };
}

// A remark that asks for nothing: thanks, praise, "comments below".
const ACKNOWLEDGING = /^(?:thanks|thank you|many thanks|great|nice|good|looks good|lgtm|cool|welcome|glad|happy)\b|\b(?:comments?|remarks?|nits?|notes?)\s+(?:below|inline|follow)|\bsee below\b|\bare always welcome\b/i;

/** Whether a text only acknowledges (every sentence thanks or points below), asking for nothing. */
export function onlyAcknowledges(text: string): boolean {
  if (text.includes('?')) return false;
  const sentences = text.split(/(?<=[.!])\s+|\n+/).map((s) => s.trim()).filter((s) => s !== '' && !/^[.…]+$/.test(s));
  return sentences.length > 0 && sentences.every((s) => ACKNOWLEDGING.test(s));
}
