import { describe, expect, it } from 'vitest';
import { topicMatches } from './bus.js';

describe('topicMatches', () => {
  it('handles + and # wildcards', () => {
    expect(topicMatches('edgefleet/v1/site/+/telemetry', 'edgefleet/v1/site/s1/telemetry')).toBe(
      true,
    );
    expect(topicMatches('edgefleet/v1/site/+/telemetry', 'edgefleet/v1/site/s1/burns')).toBe(false);
    expect(topicMatches('edgefleet/v1/site/+/telemetry', 'edgefleet/v1/site/s1/telemetry/x')).toBe(
      false,
    );
    expect(topicMatches('edgefleet/#', 'edgefleet/v1/site/s1/status')).toBe(true);
    expect(topicMatches('a/b', 'a')).toBe(false);
  });
});
