import { AGENT_PUBLISHES, AGENT_SUBSCRIBES, parseSiteTopic } from '@edgefleet/proto';

/** A site may publish only status/telemetry/burns under its own prefix. */
export function mayPublish(siteId: string, topic: string): boolean {
  const t = parseSiteTopic(topic);
  return t !== undefined && t.siteId === siteId && AGENT_PUBLISHES.includes(t.kind);
}

/** A site may subscribe only to its own ack and config topics (no wildcards). */
export function maySubscribe(siteId: string, filter: string): boolean {
  if (filter.includes('+') || filter.includes('#')) return false;
  const t = parseSiteTopic(filter);
  return t !== undefined && t.siteId === siteId && AGENT_SUBSCRIBES.includes(t.kind);
}
