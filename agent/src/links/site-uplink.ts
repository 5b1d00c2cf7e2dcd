import type { KeyObject } from 'node:crypto';
import type { Logger } from '@edgefleet/common';
import type { Admission } from '../admission.js';
import { BurnUploader, burnUploadSettings } from '../burns/uploader.js';
import type { AgentConfig } from '../config.js';
import { siteStatus, type SiteIdentity } from '../control/site-announce.js';
import type { SigningKeys } from '../control/signing-keys.js';
import { SiteTopicHandler } from '../control/site-topics.js';
import type { Outbox } from '../outbox/index.js';
import { MqttLink } from './mqtt-link.js';
import { mqttLinkSettings } from './mqtt-settings.js';

/** The site's MQTT side: the link, the burn uploader over it, and the coordinator's replies. */
export interface SiteUplink {
  mqtt: MqttLink;
  uploader: BurnUploader;
  /**
   * Starts uploading: the uploader's interval, and at every (re)connect `onConnect` (telemetry
   * again) and then an upload from the ack mark (batches in flight on the old session may be lost).
   */
  start(onConnect: () => void): void;
}

/**
 * The MQTT link (retained status: this site, draining or not), the BurnUploader publishing the
 * outbox over it, and the site's own topics (`ack` to the uploader, `config` to the signing keys
 * and the drain flag) handled as they arrive. Not started: the caller starts it once telemetry is in place.
 */
export function createSiteUplink(
  config: Pick<
    AgentConfig,
    | 'siteId'
    | 'secret'
    | 'mqtt'
    | 'reconnect'
    | 'burnBatchMax'
    | 'burnFlushIntervalMs'
    | 'burnPublishTimeoutMs'
    | 'burnRewindAfterSilenceMs'
  >,
  d: {
    site: SiteIdentity;
    admission: Admission;
    keys: SigningKeys;
    outbox: Outbox;
    /** The site key each batch is signed with (SiteKey.current); undefined publishes unsigned. */
    signingKey: () => KeyObject | undefined;
    log: Logger;
    /** A coordinator message that failed validation, by reason (the bad-messages counter). */
    onBadMessage: (reason: string) => void;
  },
): SiteUplink {
  const { admission, log } = d;
  const mqtt = new MqttLink({
    ...mqttLinkSettings(config),
    log,
    status: () => siteStatus(d.site, admission),
  });
  const uploader = new BurnUploader({
    siteId: config.siteId,
    link: mqtt,
    outbox: d.outbox,
    settings: burnUploadSettings(config),
    log,
    signingKey: d.signingKey,
  });
  const topics = new SiteTopicHandler({
    acks: uploader,
    keys: d.keys,
    admission,
    publishStatus: () => mqtt.publishStatus(),
    log,
    onBadMessage: d.onBadMessage,
  });
  mqtt.onMessage((kind, payload) => topics.handle(kind, payload));
  return {
    mqtt,
    uploader,
    start(onConnect) {
      mqtt.onConnect(() => {
        onConnect();
        uploader.onConnect();
      });
      uploader.start();
    },
  };
}
