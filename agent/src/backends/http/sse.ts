/**
 * An incremental parser of server-sent events (the WHATWG "event stream" format, as OpenAI-compatible
 * servers stream chat completions): feed it the body's bytes as they arrive, in chunks split anywhere
 * (mid-line, mid-UTF-8 character, between CR and LF), and it hands back each complete event's data.
 * Comment lines (`: keep-alive`) and fields other than `data` are skipped; several `data:` lines of one
 * event are joined with a newline; an event ends at a blank line.
 */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private buf = '';
  private data: string[] = [];
  /** The last chunk ended on CR: a LF first in the next one belongs to the same line end. */
  private pendingCr = false;

  /** The data of every event completed by this chunk, in order. */
  push(chunk: Uint8Array): string[] {
    return this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** The end of the stream: the data of an event left without its blank line (servers that close early). */
  end(): string[] {
    const out = this.feed(this.decoder.decode());
    if (this.buf) this.line(this.buf, out);
    this.buf = '';
    if (this.data.length) out.push(this.data.join('\n'));
    this.data = [];
    return out;
  }

  private feed(text: string): string[] {
    const out: string[] = [];
    let s = text;
    if (this.pendingCr && s.startsWith('\n')) s = s.slice(1);
    this.pendingCr = false;
    this.buf += s;
    let at = 0;
    for (;;) {
      const cr = this.buf.indexOf('\r', at);
      const lf = this.buf.indexOf('\n', at);
      const eol = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (eol < 0) break;
      this.line(this.buf.slice(at, eol), out);
      if (this.buf[eol] === '\r') {
        if (eol + 1 === this.buf.length) {
          this.pendingCr = true;
          at = eol + 1;
          break;
        }
        at = this.buf[eol + 1] === '\n' ? eol + 2 : eol + 1;
      } else at = eol + 1;
    }
    this.buf = this.buf.slice(at);
    return out;
  }

  private line(line: string, out: string[]): void {
    if (line === '') {
      if (this.data.length) out.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment: servers send them as keep-alives
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return; // event, id, retry: not used by chat completions
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
  }
}
