import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.js';

const enc = new TextEncoder();

/** Every event of `text`, fed in pieces cut at the given byte offsets. */
function parse(text: string, cuts: number[] = []): string[] {
  const bytes = enc.encode(text);
  const p = new SseParser();
  const out: string[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(...p.push(bytes.subarray(from, c)));
    from = c;
  }
  return [...out, ...p.end()];
}

const STREAM =
  ': keep-alive\n\n' +
  'data: {"d":"Grüß"}\n\n' +
  'event: message\r\nid: 7\r\ndata: line one\r\ndata: line two\r\n\r\n' +
  'data:{"d":"€"}\r\r' +
  'retry: 100\n\n' +
  'data: [DONE]\n\n';
const EVENTS = ['{"d":"Grüß"}', 'line one\nline two', '{"d":"€"}', '[DONE]'];

describe('SseParser', () => {
  it('reads data events, joins multi-line data, skips comments and other fields, with LF, CRLF and CR line ends', () => {
    expect(parse(STREAM)).toEqual(EVENTS);
  });

  it('gives the same events however the bytes are split (mid-line, mid-character, between CR and LF)', () => {
    const n = enc.encode(STREAM).length;
    for (let i = 1; i < n; i++) expect(parse(STREAM, [i])).toEqual(EVENTS);
    for (let i = 1; i + 3 < n; i += 3) expect(parse(STREAM, [i, i + 1, i + 3])).toEqual(EVENTS);
  });

  it('hands back an event as soon as its blank line arrives, not at the end of the stream', () => {
    const p = new SseParser();
    expect(p.push(enc.encode('data: a\n'))).toEqual([]);
    expect(p.push(enc.encode('\ndata: b'))).toEqual(['a']);
    expect(p.end()).toEqual(['b']); // a server that closes without the last blank line
  });
});
