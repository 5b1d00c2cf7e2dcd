// The NOC map's projection in the browser: d3-geo's Equal Earth (Šavrič, Patterson, Jenny 2018) with the
// scale and translate the coordinator used for the basemap (/static/basemap.json), so a site's
// lat/lon lands on the outlines the server drew. Plain script: defines window.EdgefleetProjection.
'use strict';
(function (root) {
  const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
  const RAD = Math.PI / 180;
  /** [lon, lat] in degrees → [x, y] in the basemap's SVG units. */
  function equalEarth(scale, translate) {
    const tx = translate[0], ty = translate[1];
    return function (lon, lat) {
      const lambda = lon * RAD, l = Math.asin(M * Math.sin(lat * RAD)), l2 = l * l, l6 = l2 * l2 * l2;
      const x = (lambda * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
      const y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
      return [tx + scale * x, ty - scale * y];
    };
  }
  root.EdgefleetProjection = { equalEarth };
})(typeof window !== 'undefined' ? window : globalThis);
