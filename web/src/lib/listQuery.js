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
