import { isValidSiteId } from './ids.js';

/** MQTT topic layout, version 1. Every site lives under its own prefix; the broker's ACL enforces it. */
export const TOPIC_ROOT = 'edgefleet/v1/site';

export type SiteTopicKind = 'status' | 'telemetry' | 'burns' | 'ack' | 'config';

/** Topics a site may publish to, and topics it may subscribe to. */
export const AGENT_PUBLISHES: readonly SiteTopicKind[] = ['status', 'telemetry', 'burns'];
export const AGENT_SUBSCRIBES: readonly SiteTopicKind[] = ['ack', 'config'];

export function siteTopic(siteId: string, kind: SiteTopicKind): string {
  return `${TOPIC_ROOT}/${siteId}/${kind}`;
}

/** Wildcard subscription for one kind across the fleet, e.g. edgefleet/v1/site/+/telemetry. */
export function fleetTopic(kind: SiteTopicKind): string {
  return `${TOPIC_ROOT}/+/${kind}`;
}

export interface ParsedTopic {
  siteId: string;
  kind: SiteTopicKind;
}

const KINDS = new Set<string>(['status', 'telemetry', 'burns', 'ack', 'config']);

/** Splits a concrete site topic; undefined when it is not one of ours. */
export function parseSiteTopic(topic: string): ParsedTopic | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'edgefleet' || parts[1] !== 'v1' || parts[2] !== 'site')
    return undefined;
  const siteId = parts[3] as string;
  const kind = parts[4] as string;
  if (!isValidSiteId(siteId) || !KINDS.has(kind)) return undefined;
  return { siteId, kind: kind as SiteTopicKind };
}
