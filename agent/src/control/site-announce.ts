import { pb, type edgefleet } from '@edgefleet/proto';
import type { Admission } from '../admission.js';
import type { AgentConfig } from '../config.js';
import { AGENT_VERSION } from '../version.js';

/** What the site says about itself to the coordinator, on MQTT (status) and EdgeControl (hello). */
export interface SiteIdentity {
  siteId: string;
  secret: string;
  inferenceEndpoint: string;
  inferenceTls: boolean;
  models: readonly string[];
  location: AgentConfig['location'];
}

/** Who the site is (its credentials from the configuration), where its Inference server listens, and what it serves. */
export function siteIdentity(
  c: Pick<AgentConfig, 'siteId' | 'secret' | 'location'>,
  inference: { endpoint: string; tls: boolean },
  models: readonly string[],
): SiteIdentity {
  return {
    siteId: c.siteId,
    secret: c.secret,
    inferenceEndpoint: inference.endpoint,
    inferenceTls: inference.tls,
    models,
    location: c.location,
  };
}

/** The retained status (edgefleet/v1/site/{id}/status): online or draining, and where to reach the site. */
export function siteStatus(
  site: SiteIdentity,
  admission: Admission,
): edgefleet.v1.SiteStatus.$Properties {
  return {
    site_id: site.siteId,
    state: admission.draining ? pb.SiteState.SITE_STATE_DRAINING : pb.SiteState.SITE_STATE_ONLINE,
    agent_version: AGENT_VERSION,
    inference_endpoint: site.inferenceEndpoint,
    lat: site.location.lat,
    lon: site.location.lon,
    region: site.location.region,
  };
}

/** The first message on each EdgeControl stream. */
export function agentHello(
  site: SiteIdentity,
  admission: Admission,
): edgefleet.v1.AgentHello.$Properties {
  return {
    site_id: site.siteId,
    secret: site.secret,
    inference_endpoint: site.inferenceEndpoint,
    inference_tls: site.inferenceTls,
    models: [...site.models],
    slots_total: admission.slotsTotal,
    slots_free: admission.slotsFree,
    agent_version: AGENT_VERSION,
    answers_pings: true,
    accepts_mac_tokens: true,
  };
}
