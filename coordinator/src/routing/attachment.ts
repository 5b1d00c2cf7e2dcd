import { EdgefleetError } from '@edgefleet/common';
import type { edgefleet } from '@edgefleet/proto';
import type { CallerLocation } from './estimate.js';

export class UnknownAttachmentError extends EdgefleetError {
  constructor(kind: 'cell' | 'tracking_area', id: string) {
    super(
      'UNKNOWN_ATTACHMENT',
      `${kind} "${id}" is not in the coordinator's routing table (routing.${kind === 'cell' ? 'cells' : 'trackingAreas'}); send a PoP id or coordinates`,
      { kind, id },
    );
  }
}

/** Where the caller attaches, as the wire and the REST API name it. */
export interface AttachmentInput {
  popId?: string;
  cellId?: string;
  trackingArea?: string;
  lat?: number;
  lon?: number;
  speedMps?: number;
  headingDeg?: number;
}

export interface AttachmentTables {
  /** Cell id (ECGI/NCGI) → PoP id. */
  cells: ReadonlyMap<string, string>;
  /** Tracking area code → PoP id. */
  trackingAreas: ReadonlyMap<string, string>;
}

/**
 * Resolves the caller's attachment to what the router scores from: a PoP id (given, or looked up
 * from the cell or tracking area — the network path, as EDGEAPP/CAMARA discovery prefers), plus
 * coordinates and motion when present. An unknown cell or tracking area falls back to the
 * coordinates if there are any, and is a clear error if there are none.
 */
/**
 * The attachment as an Acquire's Location gives it: only the fields it sets (coordinates only with
 * has_coordinates, motion only with has_velocity), built without intermediate objects.
 */
export function attachmentInput(
  loc: edgefleet.v1.Location.$Properties | null | undefined,
): AttachmentInput {
  const a: AttachmentInput = {};
  if (!loc) return a;
  if (loc.pop_id) a.popId = loc.pop_id;
  if (loc.cell_id) a.cellId = loc.cell_id;
  if (loc.tracking_area) a.trackingArea = loc.tracking_area;
  if (loc.has_coordinates) {
    a.lat = loc.lat ?? 0;
    a.lon = loc.lon ?? 0;
    if (loc.has_velocity) {
      a.speedMps = loc.speed_mps ?? 0;
      a.headingDeg = loc.heading_deg ?? 0;
    }
  }
  return a;
}

export function resolveAttachment(
  a: AttachmentInput,
  t: AttachmentTables,
): { location: CallerLocation; attachment: string } {
  const geo: CallerLocation = {};
  if (a.lat !== undefined && a.lon !== undefined) {
    geo.lat = a.lat;
    geo.lon = a.lon;
    if (a.speedMps !== undefined && a.headingDeg !== undefined && a.speedMps > 0) {
      geo.speedMps = a.speedMps;
      geo.headingDeg = a.headingDeg;
    }
  }
  const hasGeo = geo.lat !== undefined;
  if (a.popId) {
    geo.popId = a.popId;
    return { location: geo, attachment: `pop:${a.popId}` };
  }
  if (a.cellId) {
    const pop = t.cells.get(a.cellId);
    if (pop) return { location: { ...geo, popId: pop }, attachment: `cell:${a.cellId}→pop:${pop}` };
    if (!hasGeo) throw new UnknownAttachmentError('cell', a.cellId);
  } else if (a.trackingArea) {
    const pop = t.trackingAreas.get(a.trackingArea);
    if (pop)
      return { location: { ...geo, popId: pop }, attachment: `ta:${a.trackingArea}→pop:${pop}` };
    if (!hasGeo) throw new UnknownAttachmentError('tracking_area', a.trackingArea);
  }
  return { location: geo, attachment: hasGeo ? 'geo' : 'none' };
}
