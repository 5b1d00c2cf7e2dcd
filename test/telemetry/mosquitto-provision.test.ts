import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCoordinatorProcess, type CoordinatorProc } from '../support/coordinator-process.js';
import { startMosquitto, type MosquittoProc } from '../support/mosquitto.js';
import { enrollOverApi } from '../support/site-agent.js';
import { connectMqtt, runTag } from '../support/telemetry-harness.js';

/** deploy/mosquitto/provision.ts: sites from the coordinator API + secrets from enrollment → a Mosquitto that lets exactly them in. */
describe('Mosquitto provisioning script', () => {
  let coord: CoordinatorProc | undefined;
  let mosq: MosquittoProc | undefined;
  afterAll(async () => {
    await mosq?.stop();
    await coord?.proc.kill();
  });

  it('writes a hashed password file and the ACL; enrolled sites with a secret log in, others do not', async () => {
    coord = await startCoordinatorProcess();
    const tag = runTag();
    const a = await enrollOverApi(coord, `${tag}-a`);
    const b = await enrollOverApi(coord, `${tag}-b`);
    const dir = mkdtempSync(join(tmpdir(), 'ef-prov-'));
    const secrets = join(dir, 'secrets.jsonl');
    writeFileSync(
      secrets,
      [
        JSON.stringify({ siteId: a.siteId, secret: a.secret }),
        JSON.stringify({ siteId: `${tag}-gone`, secret: 'x'.repeat(20) }),
      ].join('\n'),
    );
    const r = spawnSync(
      process.execPath,
      [
        'deploy/mosquitto/provision.mjs',
        '--api',
        coord.http,
        '--token',
        coord.adminToken,
        '--secrets',
        secrets,
        '--coordinator-password',
        'pw-coordinator',
        '--out',
        dir,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('provisioned 1 site(s)');
    expect(r.stdout).toContain(
      `no secret for 1 enrolled site(s), they cannot log in until re-enrolled: ${b.siteId}`,
    );
    expect(r.stdout).toContain(`dropped 1 secret(s)`);
    const passwd = readFileSync(join(dir, 'edgefleet.passwd'), 'utf8');
    expect(passwd).not.toContain(a.secret);
    expect(statSync(join(dir, 'edgefleet.passwd')).mode & 0o777).toBe(0o600);

    mosq = await startMosquitto({
      conf: [
        `password_file ${join(dir, 'edgefleet.passwd')}`,
        `acl_file ${join(dir, 'edgefleet.acl')}`,
        'allow_anonymous false',
        'use_username_as_clientid true',
      ],
    });
    const ok = await connectMqtt(mosq.url, {
      clientId: a.siteId,
      username: a.siteId,
      password: a.secret,
    });
    ok.end(true);
    await expect(
      connectMqtt(mosq.url, { clientId: b.siteId, username: b.siteId, password: b.secret }),
    ).rejects.toThrow();
    const c = await connectMqtt(mosq.url, {
      clientId: 'edgefleet-coordinator',
      username: 'edgefleet-coordinator',
      password: 'pw-coordinator',
    });
    c.end(true);
  }, 120_000);
});
