import { describe, expect, it } from 'vitest';
import { reannounceOnStreamUp } from './reannounce.js';

function setup(connected: boolean) {
  const calls: string[] = [];
  const onUpChange = reannounceOnStreamUp({
    streamsUp: (n) => calls.push(`up=${n}`),
    mqtt: { connected, publishStatus: () => calls.push('status') },
    telemetry: { kick: () => calls.push('telemetry') },
  });
  return { calls, onUpChange };
}

describe('reannounceOnStreamUp', () => {
  it('sends status and telemetry again when a stream comes up while MQTT is connected', () => {
    const { calls, onUpChange } = setup(true);
    onUpChange(1, true);
    expect(calls).toEqual(['up=1', 'status', 'telemetry']);
  });

  it('only sets the gauge when a stream goes down, or when MQTT is not connected', () => {
    const down = setup(true);
    down.onUpChange(0, false);
    expect(down.calls).toEqual(['up=0']);
    const offline = setup(false);
    offline.onUpChange(2, true);
    expect(offline.calls).toEqual(['up=2']);
  });
});
