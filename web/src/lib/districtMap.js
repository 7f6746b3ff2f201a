// The district drawn from the pack's own vector data — its boundary, its
// theme blocks and its roads (dashed where approximate) — with no tile
// server, so that every map works with no network at all. Pages add their
// own layers on top.
import L from 'leaflet'
import { api } from './api.js'
import { t, displayName } from './i18n.js'

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])
}

// A Leaflet map in `element` with the district drawn and fitted; `extra`
// names more of the API's GeoJSON to read at the same time ({places:
// '/api/v1/places.geojson'}). Answers {map, ...extra's collections}.
export async function districtMap(element, extra = {}) {
  const map = L.map(element, { zoomSnap: 0.25, attributionControl: true, fadeAnimation: false })
  map.attributionControl.setPrefix(false).addAttribution(t('map.attribution'))
  const names = Object.keys(extra)
  const [areas, roads, ...more] = await Promise.all([api.get('/api/v1/areas.geojson'), api.get('/api/v1/roads.geojson'),
    ...names.map((name) => api.get(extra[name]))])
  L.geoJSON({ ...areas, features: areas.features.filter((f) => f.properties.kind === 'theme_block') }, {
    style: { color: '#94a3b8', weight: 1, dashArray: '4 4', fillColor: '#cbd5e1', fillOpacity: 0.25 },
    onEachFeature: (f, layer) => layer.bindTooltip(escapeHtml(displayName(f.properties)), { sticky: true }),
  }).addTo(map)
  const boundary = L.geoJSON({ ...areas, features: areas.features.filter((f) => f.properties.kind === 'district') }, {
    style: { color: '#0b5394', weight: 3, fill: false, className: 'district-boundary' },
  }).addTo(map)
  L.geoJSON(roads, {
    style: (f) => ({ color: f.properties.boundary_role ? '#64748b' : '#94a3b8', weight: f.properties.boundary_role ? 4 : 2,
                     dashArray: f.properties.geo_quality === 'approximate' ? '6 6' : null }),
    onEachFeature: (f, layer) => layer.bindTooltip(escapeHtml(displayName(f.properties))),
  }).addTo(map)
  // The page may have laid itself out anew while the data loaded: fitted to the size it has now.
  map.invalidateSize()
  map.fitBounds(boundary.getBounds().pad(0.1))
  return { map, ...Object.fromEntries(names.map((name, index) => [name, more[index]])) }
}
