// The mails of a follow-up: each input read message by message into the
// patches it carries (with the version their subject names) and the replies
// it holds, so that one thread mbox (v1, the replies, v2) serves as well as
// three files.

import { InputError, type Mail, type Patch } from '../core/types.js';
import { decodeMail } from '../mail/decode.js';
import { kindOf, type Source } from '../mail/input.js';
import { isOversized } from '../mail/mbox.js';
import { messagesOf } from '../mail/messages.js';
import { markdownPatch } from '../patch/markdown.js';
import { readDiff, readPatch } from '../patch/read.js';
import { parseSubject, type SubjectParts } from '../patch/subject.js';

export interface ThreadMessage {
  /** The input it came from. */
  source: string;
  /** The decoded mail; absent for a Markdown file or a bare diff. */
  mail?: Mail;
  patch: Patch;
  subject: SubjectParts;
}

/** Whether a message carries a post to compare (a version of the patch). */
export function isPostPatch(message: ThreadMessage): boolean {
  return message.patch.posts.length > 0;
}

/** Whether a message answers another: a reply, not a patch of its own. */
export function isReply(message: ThreadMessage): message is ThreadMessage & { mail: Mail } {
  return message.mail !== undefined && !message.patch.hasDiff && (message.subject.reply || message.mail.inReplyTo !== '');
}

/** Every message of an input; unreadable ones are left out, an input of nothing readable is refused. */
export async function readThread(source: Source, posts: string): Promise<ThreadMessage[]> {
  const kind = kindOf(source);
  if (kind === 'markdown') {
    const patch = markdownPatch(source.name, source.data);
    return [{ source: source.name, patch, subject: parseSubject(patch.subject) }];
  }
  if (kind === 'diff') {
    const patch = readDiff(source.data.toString('utf8'), { posts });
    return [{ source: source.name, patch, subject: parseSubject('') }];
  }
  const messages: ThreadMessage[] = [];
  let first: InputError | undefined;
  for await (const raw of messagesOf(source)) {
    if (isOversized(raw)) continue;
    try {
      const mail = await decodeMail(raw);
      messages.push({ source: source.name, mail, patch: readPatch(mail, { posts }), subject: parseSubject(mail.subject) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      first ??= error;
    }
  }
  if (messages.length === 0) throw first ? new InputError(`${source.name}: ${first.message}`) : new InputError(`${source.name}: no message in it`);
  return messages;
}
