import { describe, expect, it, vi } from 'vitest';
import { terminalProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('terminalProgress', () => {
  it('is silent when stderr is not a terminal, or in CI', () => {
    expect(terminalProgress(fakeStream(false))).toBeUndefined();
    vi.stubEnv('CI', 'true');
    expect(terminalProgress(fakeStream(true))).toBeUndefined();
    vi.unstubAllEnvs();
  });

  it('draws bytes done of the total in place, and clears the line at the end', () => {
    vi.stubEnv('CI', '');
    const stream = fakeStream(true);
    const progress = terminalProgress(stream);
    progress?.listener('big.mbox')(512 * 1024 * 1024, 1024 * 1024 * 1024);
    progress?.clear();
    vi.unstubAllEnvs();
    expect(stream.written[0]).toBe('\rreview-post: big.mbox: read 512 MB of 1024 MB (50%)\r');
    expect(stream.written[1]).toMatch(/^\r +\r$/);
    expect(stream.written[1]).toHaveLength(stream.written[0]!.length);
  });
});
