/** The parts of a running agent that its shutdown closes. */
export interface AgentParts {
  telemetry: { stop(): void };
  uploader: { stop(): Promise<void> };
  control: { close(): void };
  mqtt: { close(): Promise<void> };
  inference: { close(): Promise<void> };
  backend: { close(): Promise<void> };
  outbox: { close(): Promise<void> };
}

/**
 * Closes an agent in order: telemetry stops, the uploader stops (its last batch out while MQTT is
 * still up), the EdgeControl streams and MQTT close, then the Inference server (no new burns), the
 * backend, and the outbox last (everything above may still append to it).
 */
export async function closeAgent(p: AgentParts): Promise<void> {
  p.telemetry.stop();
  await p.uploader.stop();
  p.control.close();
  await p.mqtt.close();
  await p.inference.close();
  await p.backend.close();
  await p.outbox.close();
}
