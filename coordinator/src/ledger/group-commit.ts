export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Group commit: requests that arrive while a batch is being written wait and go together in the
 * next one, so a burst of N requests costs a few transactions, not N. Each request still gets its
 * own answer (one refused hold does not fail the others). FIFO: batches start in submission order.
 *
 * A batch starts on setImmediate, not at once: everything submitted in this turn of the event loop
 * (every Acquire whose request or offer reply arrived in it) joins it. An embedded database (PGlite)
 * writes synchronously, so nothing would queue during its writes and requests arriving one by one
 * would each be a transaction of their own.
 *
 * `maxInFlight` batches may be written at once (default 1). With 2, the next batch is handed to the
 * database while the previous one is still being written, so a database that runs them in order
 * (the PGlite worker thread) never waits for the event loop between them; batches then commit
 * independently, each deciding its requests against what the earlier ones left.
 */
export class GroupCommit<Req, Res> {
  readonly #queue: { req: Req; resolve: (v: Res) => void; reject: (e: unknown) => void }[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(
    private readonly writeBatch: (reqs: Req[]) => Promise<Outcome<Res>[]>,
    private readonly maxBatch = 256,
    private readonly maxInFlight = 1,
  ) {}

  submit(req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.#queue.push({ req, resolve, reject });
      this.#schedule();
    });
  }

  /** A batch on the next turn of the event loop, if a slot is free (else when one frees up). */
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.maxInFlight) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  #start(): void {
    if (this.#queue.length === 0 || this.#inFlight >= this.maxInFlight) return;
    const batch = this.#queue.splice(0, this.maxBatch);
    this.#inFlight++;
    void this.#write(batch).then(() => {
      this.#inFlight--;
      // What queued while it was written goes at once (it has waited a turn or more already).
      this.#start();
    });
    if (this.#queue.length > 0) this.#schedule();
  }

  /** Writes one batch and answers its requests; never rejects. */
  async #write(
    batch: { req: Req; resolve: (v: Res) => void; reject: (e: unknown) => void }[],
  ): Promise<void> {
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
}
