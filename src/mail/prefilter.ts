// Tell, from a message's raw bytes alone, that it cannot carry a patch, so
// that an archive's plain traffic is skipped without mailparser (which costs
// some 50 µs a message; a list archive holds hundreds of thousands).
//
// readPatch finds a diff only where a decoded text line starts with
// `diff --git ` or is a `--- ` line followed by a `+++ ` line. Decoding keeps
// those bytes as they are unless something transforms the text: a transfer
// encoding (base64, quoted-printable), a charset that is not ASCII-compatible
// (UTF-16, UTF-7), format=flowed (it joins lines). Any sign of one of those,
// however unlikely, sends the message to decodeMail: a wrong "cannot" would
// lose a patch, a wrong "may" costs only time.

const DIFF_SIGNS = [Buffer.from('diff --git ', 'latin1'), Buffer.from('+++ ', 'latin1')];

/** Encodings a part keeps its bytes in. */
const PLAIN_ENCODINGS = new Set(['7bit', '8bit', 'binary']);
/**
 * Charsets in which the bytes of `diff --git ` and `+++ ` are those
 * characters and nothing else decodes to them (no shift states, no escapes).
 */
const ASCII_CHARSETS = /^(?:us-?ascii|ascii|utf-?8|iso-?8859-\d{1,2}|latin-?1|windows-125\d|cp125\d|koi8-[ru])$/i;

// Words that may start a transformation; each hit is then looked at closely.
// A `format` parameter (format=flowed however it is written) follows a `;`,
// a blank or a comment, never a letter: "information" is no hit.
const TRANSFORM_WORDS = /content-transfer-encoding|charset|(?<![A-Za-z0-9])format/gi;
const ENCODING_VALUE = /^content-transfer-encoding[ \t]*:[ \t]*([^\r\n]*)/i;
const CHARSET_VALUE = /^charset[ \t]*=[ \t]*"?([A-Za-z0-9_.:-]+)"?(?=[;\s]|$)/i;

/** A first header line, and the headers decodeMail needs to call it a mail. */
const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;
const MAIL_HEADER = /^(?:from|subject|date|message-id|content-type|mime-version|to)[ \t]*:/im;

/**
 * True only when the message is a mail that cannot carry a diff, whatever
 * decoding it would get: it may be skipped without decodeMail. Messages
 * that are not plainly mail go to decodeMail too, which says why they are
 * unreadable.
 */
export function cannotCarryPatch(raw: Buffer): boolean {
  for (const sign of DIFF_SIGNS) if (raw.includes(sign)) return false;
  const text = raw.toString('latin1');
  return isPlainMail(text) && !mayTransform(text);
}

function isPlainMail(text: string): boolean {
  if (!HEADER_LINE.test(text)) return false;
  const blank = /\r?\n\r?\n/.exec(text);
  return MAIL_HEADER.test(blank === null ? text : text.slice(0, blank.index));
}

function mayTransform(text: string): boolean {
  for (const hit of text.matchAll(TRANSFORM_WORDS)) {
    const word = hit[0].toLowerCase();
    if (word === 'format') return true;
    const rest = text.slice(hit.index, hit.index + 200);
    if (word === 'charset') {
      const charset = CHARSET_VALUE.exec(rest)?.[1];
      if (charset === undefined || !ASCII_CHARSETS.test(charset)) return true;
    } else {
      const encoding = ENCODING_VALUE.exec(rest)?.[1]?.trim().toLowerCase();
      if (encoding === undefined || !PLAIN_ENCODINGS.has(encoding)) return true;
    }
  }
  return false;
}
