import type { Logger } from '@edgefleet/common';
import type { CoordinatorConfig } from '../config.js';
import type { FleetRegistry } from '../fleet/registry.js';
import type { SiteStore } from '../fleet/site-store.js';
import type { CoordinatorMetrics } from '../metrics.js';
import { choosePort } from '../ports.js';
import type { ShutdownRegistry } from '../shutdown.js';
import type { MessageBus } from './bus.js';
import { startEmbeddedBroker, type EmbeddedBroker } from './embedded-broker.js';
import { connectExternalBus, redact } from './external-bus.js';

/**
 * The MQTT side: the embedded aedes (sites authenticate against `sites`) or an external broker by
 * URL. Either way a site whose MQTT link is lost is marked so in the registry.
 */
export async function connectBus(
  config: CoordinatorConfig,
  d: {
    sites: SiteStore;
    registry: FleetRegistry;
    metrics: CoordinatorMetrics;
    log: Logger;
    notices: string[];
    shutdown: ShutdownRegistry;
  },
): Promise<{ bus: MessageBus; broker?: EmbeddedBroker; mqttUrl: string }> {
  const { registry, log } = d;
  if (config.mqtt.url === 'embedded') {
    const port = await choosePort(
      config.mqtt.port,
      config.mqtt.host,
      config.portFallback,
      'mqtt.port',
      d.notices,
    );
    const broker = await startEmbeddedBroker({
      host: config.mqtt.host,
      port,
      auth: d.sites,
      metrics: d.metrics,
      log,
      limits: config.mqtt.limits,
    });
    d.shutdown.add(() => broker.close());
    broker.onSiteDisconnect((siteId) => registry.setMqtt(siteId, false));
    return {
      bus: broker.bus,
      broker,
      mqttUrl: config.mqtt.advertiseUrl ?? `mqtt://${config.mqtt.host}:${broker.port}`,
    };
  }
  const bus = await connectExternalBus({
    url: config.mqtt.url,
    clientId:
      config.mqtt.clientId ?? `edgefleet-coordinator-${process.pid}-${Date.now().toString(36)}`,
    sharedGroup: config.mqtt.sharedGroup,
    log,
  });
  d.shutdown.add(() => bus.close());
  // Broker unreachable: every site's MQTT link is lost as far as we can tell (degraded while
  // its stream is up, offline if that drops too); retained statuses re-mark them on reconnect.
  bus.onConnectionChange?.((up) => {
    if (!up) for (const s of registry.all()) registry.setMqtt(s.siteId, false);
  });
  return {
    bus,
    mqttUrl: config.mqtt.advertiseUrl ?? redact(config.mqtt.url).replace(/\/\/[^@/]+@/, '//'),
  };
}
