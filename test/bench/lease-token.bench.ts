/**
 * What a lease token costs the coordinator to mint and the agent to check, per token, for both
 * versions in the same run: ef1 (Ed25519 signature, what every Acquire paid before) and ef2
 * (HMAC-SHA256 under the site's MAC key, what agents that announce accepts_mac_tokens get). Realistic
 * claims (uuid lease and hold ids); five interleaved rounds of 20,000 tokens each, the median shown.
 *
 *   npm run bench -- lease-token
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import {
  generateSigningKey,
  macLeaseToken,
  signLeaseToken,
  verifyKeysFromPems,
  verifyLeaseToken,
  type LeaseClaims,
} from '@edgefleet/proto';
import { report } from './report.js';

const N = 20_000;
const ROUNDS = 5;
const load0 = loadavg();
const key = generateSigningKey('k1');
const mac = randomBytes(32);
const now = Date.now();
const claims: LeaseClaims = {
  lid: 'l-0b3e8d1c-1f4e-4c55-9f0b-6a3d2c1b0a99',
  hid: 'h-2c1b0a99-0b3e-4c55-9f0b-6a3d8d1c1f4e',
  sid: 'site-1234abcd',
  cid: 'fleet-acme',
  mdl: 'llama-3-8b',
  bud: 1_000_000,
  iat: now,
  exp: now + 600_000,
  iso: 'whole',
};
const edKeys = verifyKeysFromPems([{ kid: 'k1', public_key_pem: key.publicKeyPem }]);
const macKeys = { siteId: claims.sid, keys: new Map([['k1', mac]]) };
const ef1 = signLeaseToken(key, claims);
const ef2 = macLeaseToken('k1', mac, claims);

const cases: [string, () => unknown][] = [
  ['mint ef1 (Ed25519)', () => signLeaseToken(key, claims)],
  ['mint ef2 (HMAC-SHA256)', () => macLeaseToken('k1', mac, claims)],
  ['verify ef1 at the agent', () => verifyLeaseToken(ef1, edKeys)],
  ['verify ef2 at the agent', () => verifyLeaseToken(ef2, edKeys, Date.now(), macKeys)],
];
const us: number[][] = cases.map(() => []);
for (let r = 0; r < ROUNDS; r++)
  cases.forEach(([, fn], i) => {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < N; k++) fn();
    us[i]?.push(Number(process.hrtime.bigint() - t0) / 1e3 / N);
  });
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
await report(
  `lease token cost per token (${ROUNDS} rounds × ${N.toLocaleString('en')}, median)`,
  cases.map(([name], i) => ({
    operation: name,
    'µs per token': Math.round(median(us[i] ?? []) * 100) / 100,
    'min µs': Math.round(Math.min(...(us[i] ?? [])) * 100) / 100,
    'tokens/s (one core)': Math.round(1e6 / median(us[i] ?? [])),
  })),
  {
    tokenChars: { ef1: ef1.length, ef2: ef2.length },
    loadavgBefore: load0,
    loadavgAfter: loadavg(),
  },
);
console.log(`token length: ef1 ${ef1.length}, ef2 ${ef2.length} characters`);
console.log(
  `load average before ${load0.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
