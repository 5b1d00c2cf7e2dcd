import type { AgentConfig } from '../config.js';

/** The MQTT link's session settings, read from the agent configuration (the site id is the client id and user). */
export function mqttLinkSettings(
  c: Pick<AgentConfig, 'siteId' | 'secret' | 'mqtt' | 'reconnect'>,
): {
  url: string;
  siteId: string;
  secret: string;
  keepaliveS: number;
  connectTimeoutMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
} {
  return {
    url: c.mqtt.url,
    siteId: c.siteId,
    secret: c.secret,
    keepaliveS: c.mqtt.keepaliveS,
    connectTimeoutMs: c.mqtt.connectTimeoutMs,
    reconnectBaseMs: c.reconnect.baseMs,
    reconnectMaxMs: c.reconnect.maxMs,
  };
}
