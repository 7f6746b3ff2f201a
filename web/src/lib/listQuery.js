// A list's filters in its address (/organizations?kind=enterprise), so that a
// filtered list can be linked to, and reads as it was left after a reload.
// Only what the list's API declares as a filter is taken: an unknown
// parameter would be refused by the server.
const notFilters = new Set(['limit', 'cursor', 'sort', 'lang'])

const isFilter = (name, parameters) => name === 'q' || (parameters.includes(name) && !notFilters.has(name))

// {name: value} of the address's filters, of the list parameters declared.
export function filtersFrom(query, parameters) {
  const taken = {}
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' && value && isFilter(name, parameters)) taken[name] = value
  }
  return taken
}

// The address's query with the filters as set now; its other parameters (?lang=) kept.
export function queryWith(query, filters, parameters) {
  const next = Object.fromEntries(Object.entries(query).filter(([name]) => !isFilter(name, parameters)))
  for (const [name, value] of Object.entries(filters)) if (value) next[name] = value
  return next
}

// Whether a list may be sorted by a field, for `user`: the name, and declared
// values, numbers and dates, where the reader may see the field (a field
// only staff see cannot order the public's list). The document does not
// declare which fields the API sorts by; these are the kinds it does.
export function sortable(field, staff) {
  if (!field || field.references || [field.type].flat().includes('array')) return false
  if (!staff && /not public/.test(field.property?.description || '')) return false
  if (field.name === 'name') return true
  return !!field.enum || ['integer', 'number'].includes(field.type) || field.property?.format === 'date'
}

// The address's `sort` (name, -employees) as the table's {prop, order}; by name where it names nothing.
export function sortFrom(query) {
  const sort = typeof query.sort === 'string' && /^-?[a-z0-9_]+$/.test(query.sort) ? query.sort : 'name'
  return { prop: sort.replace(/^-/, ''), order: sort.startsWith('-') ? 'descending' : 'ascending' }
}

// The table's {prop, order} as the address's `sort`; by name (the default) leaves it out.
export function sortParameter({ prop, order }) {
  if (!prop || !order) return undefined
  const sort = (order === 'descending' ? '-' : '') + prop
  return sort === 'name' ? undefined : sort
}
