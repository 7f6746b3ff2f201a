// How each resource's list is laid out: the fields it filters on and the
// columns it shows beside the name. A choice of presentation only: which
// fields exist, the values a filter offers, labels and who may change what
// come from the API's own description (lib/schema.js). A resource without a
// layout of its own gets one from its fields.
export const listPages = {
  organizations: { filters: ['kind', 'tier', 'pipeline_status'], columns: ['kind', 'sectors', 'tier', 'pipeline_status', 'employees'] },
  places: { filters: ['type'], columns: ['type', 'address', 'geo_quality'] },
  spaces: { filters: ['status', 'usage'], columns: ['place_id', 'floor', 'area_m2', 'rent_cny_per_m2_day', 'status'] },
  demands: { filters: ['status', 'channel', 'rating'], columns: ['org_id', 'category_id', 'status', 'unit_id', 'due_at', 'received_at'] },
}

// What the name column and the record's own bookkeeping already say.
const besideTheName = new Set(['id', 'name', 'name_en', 'description', 'source', 'synthetic'])

// Short values read well in a column: a declared value, a reference, a
// number, a date, a yes or no, a short text.
function short(field) {
  if (besideTheName.has(field.name) || field.readOnly || field.name.startsWith('geo_')) return false
  if (field.enum || field.references || field.property.format === 'date') return true
  if (['integer', 'number', 'boolean'].includes(field.type)) return true
  return field.type === 'string' && (field.property.maxLength ?? Infinity) <= 64
}

// {filters, columns} for a resource: its own layout, else its first declared
// values the list can be filtered by and its first short fields.
export function layoutOf(resource, fields, listParameters) {
  if (listPages[resource]) return listPages[resource]
  const declared = Object.values(fields)
  return {
    filters: declared.filter((field) => field.enum && listParameters.includes(field.name)).slice(0, 3).map((field) => field.name),
    columns: declared.filter(short).slice(0, 4).map((field) => field.name),
  }
}
