/**
 * Mosquitto users and ACL for an edgefleet fleet.
 *
 *   node deploy/mosquitto/provision.mjs \
 *     --api http://coordinator:8080 --token $VIEWER_TOKEN \
 *     --secrets enrolled-secrets.jsonl \
 *     --coordinator-user edgefleet-coordinator --coordinator-password "$COORD_MQTT_PASSWORD" \
 *     --out /etc/mosquitto            # writes edgefleet.passwd (hashed) and edgefleet.acl
 *   kill -HUP $(cat /run/mosquitto/mosquitto.pid)   # Mosquitto re-reads both files
 *
 * Which sites exist comes from the coordinator (GET /api/v1/sites, every page); their MQTT
 * passwords come from enrollment: the coordinator shows a site's secret once, in the enrollment
 * answer, and stores only its hash, so the enrollment step must append `{"siteId","secret"}` to
 * the secrets file (JSON lines). A site in the API without a secret is reported and left out
 * (it cannot log in until it is re-enrolled); a secret for a site the API no longer lists
 * (revoked) is dropped. Passwords are hashed by `mosquitto_passwd -U` (PBKDF2-SHA512).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({
  options: {
    api: { type: 'string' },
    token: { type: 'string' },
    secrets: { type: 'string' },
    out: { type: 'string', default: '.' },
    'coordinator-user': { type: 'string', default: 'edgefleet-coordinator' },
    'coordinator-password': { type: 'string' },
  },
});
if (!a.api || !a.token || !a.secrets || !a['coordinator-password']) {
  console.error(
    'usage: provision.ts --api URL --token TOKEN --secrets FILE.jsonl --coordinator-password PW [--coordinator-user U] [--out DIR]',
  );
  process.exit(2);
}

async function listSites(api, token) {
  const ids = [];
  let cursor = '';
  while (cursor !== null) {
    const res = await fetch(
      `${api}/api/v1/sites?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!res.ok) throw new Error(`GET /api/v1/sites: HTTP ${res.status} ${await res.text()}`);
    const page = await res.json();
    ids.push(...page.items.map((s) => s.siteId));
    cursor = page.nextCursor;
  }
  return ids;
}

const USER = /^[a-z0-9][a-z0-9-]{0,62}$/;
const secrets = new Map();
readFileSync(a.secrets, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .forEach((line, i) => {
    const r = JSON.parse(line);
    if (
      typeof r.siteId !== 'string' ||
      !USER.test(r.siteId) ||
      typeof r.secret !== 'string' ||
      r.secret.includes(':') ||
      r.secret.includes('\n')
    ) {
      throw new Error(`${a.secrets}:${i + 1}: want {"siteId": "<site id>", "secret": "<secret>"}`);
    }
    secrets.set(r.siteId, r.secret);
  });

const sites = await listSites(a.api, a.token);
const missing = sites.filter((s) => !secrets.has(s));
const users = sites.filter((s) => secrets.has(s));
const dropped = [...secrets.keys()].filter((s) => !sites.includes(s));

const passwd = join(a.out, 'edgefleet.passwd');
const tmp = `${passwd}.tmp`;
writeFileSync(
  tmp,
  [
    `${a['coordinator-user']}:${a['coordinator-password']}`,
    ...users.map((s) => `${s}:${secrets.get(s) ?? ''}`),
  ].join('\n') + '\n',
  { mode: 0o600 },
);
const r = spawnSync('mosquitto_passwd', ['-U', tmp], { encoding: 'utf8' });
if (r.status !== 0) throw new Error(`mosquitto_passwd -U failed: ${r.stderr || r.error?.message}`);
renameSync(tmp, passwd);
const acl = readFileSync(new URL('./edgefleet.acl', import.meta.url), 'utf8').replace(
  /^user edgefleet-coordinator$/m,
  `user ${a['coordinator-user']}`,
);
writeFileSync(join(a.out, 'edgefleet.acl'), acl);

console.log(
  `provisioned ${users.length} site(s) + ${a['coordinator-user']} into ${passwd} and ${join(a.out, 'edgefleet.acl')}`,
);
if (missing.length)
  console.log(
    `no secret for ${missing.length} enrolled site(s), they cannot log in until re-enrolled: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`,
  );
if (dropped.length)
  console.log(
    `dropped ${dropped.length} secret(s) of sites the coordinator no longer lists: ${dropped.slice(0, 20).join(', ')}`,
  );
