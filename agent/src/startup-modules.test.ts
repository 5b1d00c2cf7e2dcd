import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * In a fresh process: import the agent's start path, start the fake hook and the simulated backend
 * as `run` does on such a site, run `then`, and list every file loaded, as an ES module (a resolve
 * hook reports each URL) or through require (the CommonJS cache).
 */
function filesLoadedAfter(then: string): string[] {
  const hook = `let port;
    export function initialize(d) { port = d.port; }
    export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }`;
  const code = `
    import { register, createRequire } from 'node:module';
    const { port1, port2 } = new MessageChannel();
    const seen = [];
    port1.on('message', (u) => seen.push(u));
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), {
      data: { port: port2 },
      transferList: [port2],
    });
    await import('./agent/src/agent.ts');
    const { createBackend } = await import('./agent/src/backends/create.ts');
    const { createHook } = await import('@edgefleet/firmware-hooks');
    await createBackend({ kind: 'simulated', latencyMs: 1, jitterMs: 0, outputTokens: 1 });
    await createHook('fake', { accelerators: [{ profile: 'h100-80gb-sxm', count: 1 }] }).collect();
    ${then};
    await new Promise((r) => setTimeout(r, 200));
    port1.close();
    const files = [...seen, ...Object.keys(createRequire(import.meta.url).cache)];
    console.log(JSON.stringify(files));
    process.exit(0);
  `;
  const out = execFileSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', code],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
}

const loads = (files: string[], pkg: string) =>
  files.some((f) => f.includes(`/node_modules/${pkg}/`));

// Every module an idle agent loads keeps its source and compiled code in the heap for the life of
// the process: what only some sites use is loaded when one does.
describe('modules an agent on the simulated backend and the fake hook does not load at start-up', () => {
  it('loads neither fast-xml-parser (nvidia-smi XML only), systeminformation (host metrics), prom-client (/metrics off) nor onnxruntime-node', () => {
    const files = filesLoadedAfter('');
    expect(loads(files, '@grpc/grpc-js')).toBe(true); // the check sees what is loaded
    expect(loads(files, 'mqtt')).toBe(true);
    expect(loads(files, 'fast-xml-parser')).toBe(false);
    expect(loads(files, 'systeminformation')).toBe(false);
    expect(loads(files, 'onnxruntime-node')).toBe(false);
    // metrics.enabled is false by default: prom-client and @opentelemetry/api (~80 modules).
    expect(loads(files, 'prom-client')).toBe(false);
    expect(loads(files, '@opentelemetry/api')).toBe(false);
  }, 60_000);

  it('loads none of mqtt.js transports but TCP once connected to an mqtt:// broker (Mosquitto)', () => {
    const files = filesLoadedAfter(
      `const { connectMqtt } = await import('./agent/src/links/mqtt-connect.ts');
       const c = connectMqtt('mqtt://127.0.0.1:1883', { clientId: 'ef-startup-modules-' + process.pid });
       await new Promise((resolve, reject) => { c.once('connect', resolve); c.once('error', reject); });
       await c.endAsync(true);`,
    );
    expect(loads(files, 'mqtt')).toBe(true);
    for (const transport of ['ws', 'socks', 'ip-address', 'smart-buffer'])
      expect(loads(files, transport)).toBe(false);
  }, 60_000);

  it('loads mqtt.js transports for a ws:// broker URL (the check sees them)', () => {
    const files = filesLoadedAfter(
      `const { connectMqtt } = await import('./agent/src/links/mqtt-connect.ts');
       const c = connectMqtt('ws://127.0.0.1:9/mqtt', { reconnectPeriod: 0 });
       c.on('error', () => {});
       await c.endAsync(true);`,
    );
    expect(loads(files, 'ws')).toBe(true);
  }, 60_000);

  it('loads prom-client once /metrics is on (the check sees it)', () => {
    const files = filesLoadedAfter(
      `const { setUpMetrics } = await import('./agent/src/metrics-setup.ts');
       const { Admission } = await import('./agent/src/admission.ts');
       const outbox = { depth: 0, diskFull: false, capacity: 1 };
       await setUpMetrics(true, { admission: new Admission(['m'], 1), outbox, controlEndpoints: 1 });`,
    );
    expect(loads(files, 'prom-client')).toBe(true);
  }, 60_000);

  it('loads systeminformation at the first host sample (the check sees it)', () => {
    const files = filesLoadedAfter(
      `const { hostMetrics } = await import('./agent/src/host-metrics.ts');
       await hostMetrics(0);`,
    );
    expect(loads(files, 'systeminformation')).toBe(true);
    // Its memory module alone, not the main entry that loads every other (graphics, wifi, docker…).
    expect(files.some((f) => f.endsWith('/systeminformation/lib/memory.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('/systeminformation/lib/index.js'))).toBe(false);
    expect(files.some((f) => f.endsWith('/systeminformation/lib/graphics.js'))).toBe(false);
  }, 60_000);

  it('loads fast-xml-parser once an nvidia-smi XML document is parsed (the check sees it)', () => {
    const files = filesLoadedAfter(
      `const { parseNvidiaSmiXml } = await import('@edgefleet/firmware-hooks');
       try { parseNvidiaSmiXml('<nvidia_smi_log></nvidia_smi_log>'); } catch {}`,
    );
    expect(loads(files, 'fast-xml-parser')).toBe(true);
  }, 60_000);
});
