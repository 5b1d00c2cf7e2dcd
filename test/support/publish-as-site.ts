import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import mqtt from 'mqtt';
import { readSiteKey } from '@edgefleet/agent';
import { encodePayload, pb, signBurnBatch, siteTopic, type edgefleet } from '@edgefleet/proto';

/**
 * How a hand-made batch is signed: with the site's own key from its data directory (a dishonest or
 * buggy site owner, who holds the key), with some other key (a forger holding only the MQTT
 * credentials), or not at all.
 */
export type SignWith = 'site-key' | 'unsigned' | KeyObject;

/** Publishes one burn batch on the site's burns topic with the site's own MQTT credentials (credentials.json in `dir`). */
export async function publishAsSite(
  dir: string,
  records: edgefleet.v1.IBurnRecord[],
  signWith: SignWith = 'site-key',
): Promise<void> {
  const creds = JSON.parse(readFileSync(join(dir, 'credentials.json'), 'utf8')) as {
    siteId: string;
    secret: string;
    mqtt: { url: string };
  };
  const batch = new pb.BurnBatch({ site_id: creds.siteId, records });
  if (signWith !== 'unsigned')
    batch.signature = signBurnBatch(signWith === 'site-key' ? readSiteKey(dir) : signWith, batch);
  const c = await mqtt.connectAsync(creds.mqtt.url, {
    clientId: creds.siteId,
    username: creds.siteId,
    password: creds.secret,
    reconnectPeriod: 0,
  });
  try {
    await c.publishAsync(siteTopic(creds.siteId, 'burns'), encodePayload(pb.BurnBatch, batch), {
      qos: 1,
    });
  } finally {
    await c.endAsync();
  }
}
