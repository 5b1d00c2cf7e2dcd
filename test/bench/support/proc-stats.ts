import { readFileSync } from 'node:fs';

/** RSS (bytes) and cumulative CPU seconds (user+system) of a process, from /proc. */
export function procStats(pid: number): { rss: number; cpuS: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = 100; // USER_HZ on Linux
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { rss: rssPages * 4096, cpuS: (utime + stime) / ticks };
}

/** Sum of a Prometheus counter (all label sets) from an exposition text. */
export function promCounter(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{'))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}
