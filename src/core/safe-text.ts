// Text from a mail is written by a stranger: before it reaches a terminal,
// control characters that could move the cursor, retitle the window, hide
// text or reverse its direction are shown as visible escapes instead.

// C0 controls but tab, DEL, C1 controls, and the bidi embedding, override and
// isolate characters (the "Trojan Source" set).
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** One line of input, safe to print: newlines included are escaped too. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

// What JSON.stringify leaves raw: it escapes C0 controls already.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON whose strings cannot carry raw DEL, C1 or bidi controls. */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
