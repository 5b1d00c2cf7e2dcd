import { describe, expect, it } from 'vitest';
import { pb } from '@edgefleet/proto';
import { attachmentInput, resolveAttachment, UnknownAttachmentError } from './attachment.js';

const t = {
  cells: new Map([['262-01-0001a2b3c', 'pop-muc']]),
  trackingAreas: new Map([['262-01-4711', 'pop-ber']]),
};

describe('resolveAttachment', () => {
  it('takes a PoP id as given, and maps a cell or tracking area to its PoP through the table', () => {
    expect(resolveAttachment({ popId: 'pop-fra' }, t)).toEqual({
      location: { popId: 'pop-fra' },
      attachment: 'pop:pop-fra',
    });
    expect(resolveAttachment({ cellId: '262-01-0001a2b3c' }, t)).toEqual({
      location: { popId: 'pop-muc' },
      attachment: 'cell:262-01-0001a2b3c→pop:pop-muc',
    });
    expect(resolveAttachment({ trackingArea: '262-01-4711' }, t)).toEqual({
      location: { popId: 'pop-ber' },
      attachment: 'ta:262-01-4711→pop:pop-ber',
    });
  });

  it('keeps coordinates and motion beside the PoP; ignores motion without speed', () => {
    expect(
      resolveAttachment(
        { cellId: '262-01-0001a2b3c', lat: 48.1, lon: 11.6, speedMps: 20, headingDeg: 90 },
        t,
      ).location,
    ).toEqual({ popId: 'pop-muc', lat: 48.1, lon: 11.6, speedMps: 20, headingDeg: 90 });
    expect(resolveAttachment({ lat: 48.1, lon: 11.6, speedMps: 0, headingDeg: 90 }, t)).toEqual({
      location: { lat: 48.1, lon: 11.6 },
      attachment: 'geo',
    });
  });

  it('falls back to coordinates for an unknown cell, and refuses an unknown cell or tracking area without them', () => {
    expect(resolveAttachment({ cellId: 'nope', lat: 1, lon: 2 }, t)).toEqual({
      location: { lat: 1, lon: 2 },
      attachment: 'geo',
    });
    expect(() => resolveAttachment({ cellId: 'nope' }, t)).toThrow(UnknownAttachmentError);
    expect(() => resolveAttachment({ trackingArea: 'nope' }, t)).toThrow(/tracking_area "nope"/);
    expect(resolveAttachment({}, t)).toEqual({ location: {}, attachment: 'none' });
  });
});

describe('attachmentInput', () => {
  it('takes only what the Location sets: coordinates with has_coordinates, motion with has_velocity too', () => {
    expect(attachmentInput(undefined)).toEqual({});
    expect(attachmentInput(pb.Location.fromObject({ pop_id: 'pop-muc', lat: 1, lon: 2 }))).toEqual({
      popId: 'pop-muc',
    });
    expect(
      attachmentInput(
        pb.Location.fromObject({
          cell_id: 'c1',
          has_coordinates: true,
          lat: 48.1,
          lon: 11.6,
          speed_mps: 30,
          heading_deg: 90,
        }),
      ),
    ).toEqual({ cellId: 'c1', lat: 48.1, lon: 11.6 });
    expect(
      attachmentInput(
        pb.Location.fromObject({
          tracking_area: 'ta-1',
          has_coordinates: true,
          lat: 48.1,
          lon: 11.6,
          has_velocity: true,
          speed_mps: 30,
          heading_deg: 90,
        }),
      ),
    ).toEqual({ trackingArea: 'ta-1', lat: 48.1, lon: 11.6, speedMps: 30, headingDeg: 90 });
  });
});
