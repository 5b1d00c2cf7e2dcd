import { describe, expect, it } from 'vitest';
import { mayPublish, maySubscribe } from './acl.js';

describe('site topic ACL', () => {
  it('lets a site publish its own telemetry, status and burns only', () => {
    expect(mayPublish('s1', 'edgefleet/v1/site/s1/telemetry')).toBe(true);
    expect(mayPublish('s1', 'edgefleet/v1/site/s1/burns')).toBe(true);
    expect(mayPublish('s1', 'edgefleet/v1/site/s2/telemetry')).toBe(false);
    expect(mayPublish('s1', 'edgefleet/v1/site/s1/ack')).toBe(false);
    expect(mayPublish('s1', 'edgefleet/v1/site/s1/config')).toBe(false);
    expect(mayPublish('s1', '$SYS/x')).toBe(false);
  });
  it('lets a site subscribe to its own ack and config only, no wildcards', () => {
    expect(maySubscribe('s1', 'edgefleet/v1/site/s1/ack')).toBe(true);
    expect(maySubscribe('s1', 'edgefleet/v1/site/s1/config')).toBe(true);
    expect(maySubscribe('s1', 'edgefleet/v1/site/+/ack')).toBe(false);
    expect(maySubscribe('s1', 'edgefleet/v1/site/s2/ack')).toBe(false);
    expect(maySubscribe('s1', '#')).toBe(false);
    expect(maySubscribe('s1', 'edgefleet/v1/site/s1/telemetry')).toBe(false);
  });
});
