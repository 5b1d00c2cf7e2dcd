/**
 * Dinic's maximum flow on a small integer graph. The capacity calendar asks it one question per
 * window segment: can every reservation's slots be placed on sites of its class without any site
 * holding more than its capacity? (Hall's condition, exactly, where a sum of per-class totals
 * would be too generous or too strict.)
 */
export class FlowGraph {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];

  constructor(readonly nodes: number) {
    this.head = new Array<number>(nodes).fill(-1);
  }

  addEdge(from: number, to: number, capacity: number): void {
    for (const [a, b, c] of [
      [from, to, capacity],
      [to, from, 0],
    ] as const) {
      this.to.push(b);
      this.cap.push(c);
      this.next.push(this.head[a] ?? -1);
      this.head[a] = this.to.length - 1;
    }
  }

  maxFlow(source: number, sink: number): number {
    let flow = 0;
    for (;;) {
      const level = this.levels(source);
      if ((level[sink] ?? -1) < 0) return flow;
      const it = this.head.slice();
      for (let f = this.push(source, sink, Infinity, level, it); f > 0;) {
        flow += f;
        f = this.push(source, sink, Infinity, level, it);
      }
    }
  }

  private levels(source: number): number[] {
    const level = new Array<number>(this.nodes).fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i] as number;
      for (let e = this.head[v] ?? -1; e >= 0; e = this.next[e] ?? -1) {
        const w = this.to[e] as number;
        if ((this.cap[e] ?? 0) > 0 && (level[w] ?? 0) < 0) {
          level[w] = (level[v] ?? 0) + 1;
          queue.push(w);
        }
      }
    }
    return level;
  }

  private push(v: number, sink: number, limit: number, level: number[], it: number[]): number {
    if (v === sink) return limit;
    for (; (it[v] ?? -1) >= 0; it[v] = this.next[it[v] as number] ?? -1) {
      const e = it[v] as number;
      const w = this.to[e] as number;
      const c = this.cap[e] ?? 0;
      if (c <= 0 || (level[w] ?? -1) !== (level[v] ?? 0) + 1) continue;
      const pushed = this.push(w, sink, Math.min(limit, c), level, it);
      if (pushed > 0) {
        this.cap[e] = c - pushed;
        this.cap[e ^ 1] = (this.cap[e ^ 1] ?? 0) + pushed;
        return pushed;
      }
    }
    return 0;
  }
}
