import './configure.js';
import { edgefleet } from '../generated/edgefleet.js';

/** The generated message classes of package edgefleet.v1 (see proto/proto/edgefleet/v1). */
export const pb = edgefleet.v1;
export type { edgefleet };
