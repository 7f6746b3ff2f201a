// What the server declares about its data, read from the server itself rather
// than copied into pages: the resources it lists (GET /api/v1) and, from its
// OpenAPI document, each one's fields with their type, values, label and who
// may set them. Both are fetched once per language (titles come converted
// for 繁體) and kept.
import { reactive, markRaw } from 'vue'
import { api } from './api.js'
import { t, currentLang } from './i18n.js'

// The last ones loaded, for what must be answered at once (menus, formatters).
export const declared = reactive({ resources: [], document: null })

const indexes = {}
const documents = {}

// A failed load is not kept: the next page to ask tries again.
function once(cache, load) {
  const lang = currentLang()
  cache[lang] ??= load().catch((error) => {
    delete cache[lang]
    throw error
  })
  return cache[lang]
}

// [{name, title, href}], in the server's order.
export async function loadResources() {
  const resources = await once(indexes, () => api.get('/api/v1').then((index) => index.resources))
  declared.resources = resources
  return resources
}

export async function loadDocument() {
  const document = await once(documents, () => api.get('/api/v1/openapi.json').then(markRaw))
  declared.document = document
  return document
}

export async function componentSchema(name) {
  return (await loadDocument()).components.schemas[name]
}

// A resource's name in the UI: the catalogue's wording, else the server's title.
export function resourceLabel(name) {
  const label = t(`resource.${name}`)
  if (!label.startsWith('resource.')) return label
  return declared.resources.find((resource) => resource.name === name)?.title || name
}

const reference = (ref) => ref?.split('/').pop()

// Where a resource's records are served: the index's `href`.
export function collectionPath(resource) {
  return declared.resources.find((r) => r.name === resource)?.href || `/api/v1/${resource}`
}

// The schema a list's pages hold their items in: GET <collection> answers a
// `…_page` whose `items` are of the resource's own schema.
function itemSchemaName(document, resource) {
  const page = reference(document.paths[collectionPath(resource)]?.get?.responses?.['200']?.content?.['application/json']?.schema?.$ref)
  return reference(document.components.schemas[page]?.properties?.items?.items?.$ref)
}

// The path parameter that names one record (`…/{id}`): the field it names is the record's identity.
function identifierOf(document, resource) {
  const prefix = collectionPath(resource) + '/{'
  const path = Object.keys(document.paths).find((p) => p.startsWith(prefix) && p.indexOf('/', prefix.length) === -1)
  return path ? path.slice(prefix.length, -1) : null
}

// Who may call each of a resource's record operations, as the document says
// (`x-access`: public, signed-in, editor, staff or admin); null where the
// document has no such operation. Answers only once the document is loaded.
export function recordOperations(resource) {
  const document = declared.document
  if (!document) return null
  const collection = document.paths[collectionPath(resource)] || {}
  const identifier = identifierOf(document, resource)
  const item = (identifier && document.paths[`${collectionPath(resource)}/{${identifier}}`]) || {}
  const level = (operation) => (operation ? operation['x-access'] || 'admin' : null)
  return { list: level(collection.get), create: level(collection.post), read: level(item.get), update: level(item.patch), remove: level(item.delete) }
}

// A number bounded by 0 and 1 is a share, shown as a percentage.
export function isShare(property) {
  return property?.type === 'number' && property.minimum === 0 && property.maximum === 1
}

// What the document says of one field. Create-only and references are read
// from the description the server writes for them until it marks them
// (`x-create-only`, `x-references`), which is read first.
export function describeField(name, property, schema = {}) {
  const description = property.description || ''
  return {
    name,
    property,
    type: property.type,
    enum: property.enum || null,
    title: property.title || '',
    required: (schema.required || []).includes(name),
    readOnly: property.readOnly === true,
    createOnly: property['x-create-only'] ?? description.includes('set on create only'),
    writtenBy: property['x-written-by'] || null,  // 'staff' or 'admin'; null: whoever may write the record
    claimable: property['x-claimed-by-owner'] === true,  // below writtenBy, the record's owner writes a claim staff verify
    references: property['x-references'] || /\(ids? of an? ([a-z_]+) records?\)/.exec(description)?.[1] || null,
    share: isShare(property),
    // A GeoJSON geometry: the kinds of shape it takes (Polygon, LineString, …), drawn on the map.
    geometry: property.properties?.coordinates ? property.properties.type?.enum || [] : null,
  }
}

// A listed resource's schema, its fields and who may call its operations, as
// {schema, identifier, fields: {name: field}, operations} in the document's order.
export async function resourceSchema(resource) {
  const [, document] = await Promise.all([loadResources().catch(() => []), loadDocument()])
  const schema = document.components.schemas[itemSchemaName(document, resource)]
  if (!schema) throw new Error(`the API describes no ${resource}`)
  const fields = {}
  for (const [name, property] of Object.entries(schema.properties || {})) fields[name] = describeField(name, property, schema)
  return { schema, identifier: identifierOf(document, resource), fields, operations: recordOperations(resource) }
}

// A field of a component schema from the document already loaded, for formatters that cannot wait.
export function declaredField(schemaName, name) {
  const schema = declared.document?.components.schemas[schemaName]
  const property = schema?.properties?.[name]
  return property ? describeField(name, property, schema) : null
}

// The names of the query parameters a resource's list takes (its filters).
export function listParameters(resource) {
  const operation = declared.document?.paths[collectionPath(resource)]?.get
  return (operation?.parameters || []).filter((p) => p.in === 'query').map((p) => p.name)
}

// Who may call an operation of the document (`x-access`), e.g. the audit log's; null where there is none.
export function operationAccess(path, method) {
  const operation = declared.document?.paths[path]?.[method]
  return operation ? operation['x-access'] || 'admin' : null
}

// The schema of a query parameter of an operation, e.g. the audit log's `resource`.
export async function queryParameter(path, method, name) {
  const document = await loadDocument()
  return document.paths[path]?.[method]?.parameters?.find((p) => p.in === 'query' && p.name === name)?.schema || null
}
