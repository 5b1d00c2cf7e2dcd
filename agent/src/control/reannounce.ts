/**
 * Called whenever an EdgeControl stream comes up or goes down: sets the streams-up gauge, and when
 * one came up while the MQTT link is up, sends the site's status and telemetry again. The replica
 * that just took the stream may have missed the retained ones (it may have learned of this site
 * only now, at the hello: enrolled through another replica).
 */
export function reannounceOnStreamUp(d: {
  streamsUp: (upCount: number) => void;
  mqtt: { readonly connected: boolean; publishStatus(): void };
  telemetry: { kick(): void };
}): (upCount: number, cameUp: boolean) => void {
  return (upCount, cameUp) => {
    d.streamsUp(upCount);
    if (cameUp && d.mqtt.connected) {
      d.mqtt.publishStatus();
      d.telemetry.kick();
    }
  };
}
