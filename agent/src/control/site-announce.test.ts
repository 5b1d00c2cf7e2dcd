import { describe, expect, it } from 'vitest';
import { createHook } from '@edgefleet/firmware-hooks';
import { pb } from '@edgefleet/proto';
import { Admission } from '../admission.js';
import { AGENT_VERSION } from '../version.js';
import { agentHello, siteIdentity, siteStatus, type SiteIdentity } from './site-announce.js';

const site: SiteIdentity = {
  siteId: 'site-a',
  secret: 's'.repeat(16),
  inferenceEndpoint: '10.0.0.1:7000',
  inferenceTls: true,
  models: ['m'],
  location: { lat: 48.1, lon: 11.6, region: 'eu' },
};

describe('site announcements', () => {
  it('the identity is the configured credentials and location, the Inference server bound and the models served', () => {
    const config = { siteId: 'site-a', secret: 's'.repeat(16), location: site.location };
    expect(siteIdentity(config, { endpoint: '10.0.0.1:7000', tls: true }, ['m'])).toEqual(site);
  });

  it('the status says online or draining, where to dial and where the site is', () => {
    const admission = new Admission(['m'], 1);
    expect(siteStatus(site, admission)).toEqual({
      site_id: 'site-a',
      state: pb.SiteState.SITE_STATE_ONLINE,
      agent_version: AGENT_VERSION,
      inference_endpoint: '10.0.0.1:7000',
      lat: 48.1,
      lon: 11.6,
      region: 'eu',
    });
    admission.draining = true;
    expect(siteStatus(site, admission).state).toBe(pb.SiteState.SITE_STATE_DRAINING);
  });

  it('the hello carries the credentials, the endpoint and TLS, the models and the slots as admission sees them now', async () => {
    const admission = new Admission(['m'], 2);
    admission.setAccelerators((await createHook('fake', { seed: 1 }).collect()).accelerators);
    admission.admit(
      { leaseId: 'l1', holdId: 'h1', model: 'm', budget: 1, expiresAtMs: Date.now() + 60_000 },
      Date.now(),
      false,
    );
    expect(agentHello(site, admission)).toEqual({
      site_id: 'site-a',
      secret: site.secret,
      inference_endpoint: '10.0.0.1:7000',
      inference_tls: true,
      models: ['m'],
      slots_total: 2,
      slots_free: 1,
      agent_version: AGENT_VERSION,
      answers_pings: true,
      accepts_mac_tokens: true,
    });
  });
});
