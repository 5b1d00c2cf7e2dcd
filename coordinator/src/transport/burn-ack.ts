import { encodePayload, pb, siteTopic } from '@edgefleet/proto';
import type { MessageBus } from './bus.js';

/**
 * Sends a site its BurnAck (QoS 1): every seq up to `ackedSeq` is decided and stored, so the agent
 * may drop them from its outbox; `resendFrom` > 0 asks it to publish again from that seq.
 */
export function publishBurnAck(
  bus: MessageBus,
  a: { siteId: string; ackedSeq: number; resendFrom: number; runId: string },
): Promise<void> {
  const ack = new pb.BurnAck({
    site_id: a.siteId,
    acked_seq: a.ackedSeq,
    resend_from: a.resendFrom,
    run_id: a.runId,
  });
  return bus.publish(siteTopic(a.siteId, 'ack'), encodePayload(pb.BurnAck, ack), { qos: 1 });
}
