// The registry resources that have list, detail and edit pages, and how each
// list is laid out: the fields it filters on and the columns it shows beside
// the name. A choice of presentation only: which fields exist, the values a
// filter offers, labels and who may change what come from the API's own
// description (lib/schema.js), and a resource the server no longer lists
// leaves the menu.
export const listPages = {
  organizations: { filters: ['kind', 'tier', 'pipeline_status'], columns: ['kind', 'sectors', 'tier', 'pipeline_status', 'employees'] },
  places: { filters: ['type'], columns: ['type', 'address', 'geo_quality'] },
  spaces: { filters: ['status', 'usage'], columns: ['place_id', 'floor', 'area_m2', 'rent_cny_per_m2_day', 'status'] },
}

// For the router: `/:resource(organizations|places|spaces)`.
export const pagedResources = Object.keys(listPages).join('|')
