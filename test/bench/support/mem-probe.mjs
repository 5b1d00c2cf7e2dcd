// Preloaded (node --import) into a benchmarked process: on SIGUSR2 it writes the process's memory
// breakdown to $EDGEFLEET_MEM_PROBE_OUT (process.memoryUsage, V8's code space, and /proc's resident
// anonymous and file-backed shares), so the footprint bench can say where the MiB go. Plain
// JavaScript: it runs under plain node as well as under tsx. No timer: it costs nothing idle.
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const out = process.env.EDGEFLEET_MEM_PROBE_OUT;
if (out) {
  process.on('SIGUSR2', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const space = (n) => getHeapSpaceStatistics().find((s) => s.space_name === n);
    const maps = readFileSync('/proc/self/maps', 'utf8');
    writeFileSync(
      out,
      JSON.stringify({
        ...process.memoryUsage(),
        codeSpace: space('code_space')?.space_used_size ?? 0,
        rssAnon: kb('RssAnon'),
        rssFile: kb('RssFile'),
        rssShmem: kb('RssShmem'),
        onnxruntimeMapped: /onnxruntime/.test(maps),
      }),
    );
  });
}
