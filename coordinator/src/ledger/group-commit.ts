export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Group commit: requests that arrive while a batch is being written wait and go together in the
 * next one, so a burst of N requests costs a few transactions, not N. Each request still gets its
 * own answer (one refused hold does not fail the others). FIFO; one batch in flight at a time.
 *
 * The first batch after an idle spell starts on setImmediate, not at once: everything submitted in
 * this turn of the event loop (every Acquire whose request or offer reply arrived in it) joins it.
 * An embedded database (PGlite) writes synchronously, so nothing would queue during its writes and
 * requests arriving one by one would each be a transaction of their own.
 */
export class GroupCommit<Req, Res> {
  readonly #queue: { req: Req; resolve: (v: Res) => void; reject: (e: unknown) => void }[] = [];
  #running = false;

  constructor(
    private readonly writeBatch: (reqs: Req[]) => Promise<Outcome<Res>[]>,
    private readonly maxBatch = 256,
  ) {}

  submit(req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.#queue.push({ req, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.writeBatch(batch.map((b) => b.req));
          batch.forEach((b, i) => {
            const o = outcomes[i];
            if (o?.ok) b.resolve(o.value);
            else b.reject(o ? o.error : new Error('group commit: no outcome for a request'));
          });
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
