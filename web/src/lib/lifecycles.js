// Lifecycles: a status that moves only by dated steps, each kept with its
// note — an organization's investment-promotion pipeline, a task's progress.
// A resource has one where the document declares POST <collection>/{id}/<name>;
// its record then carries <name>_history. Which statuses a step may offer,
// who may take one, and the step itself.
import { api } from './api.js'
import { collectionPath, operationAccess, declared } from './schema.js'
import { passes, isStaff, mayUpdate } from './permissions.js'

const stepTemplate = (resource, name) => `${collectionPath(resource)}/{id}/${name}`
const stepPath = (resource, id, name) => `${collectionPath(resource)}/${encodeURIComponent(id)}/${name}`

// The lifecycles the document declares for a resource, by name ("pipeline", "progress").
export function lifecyclesOf(resource) {
  const document = declared.document
  if (!document) return []
  const prefix = `${collectionPath(resource)}/{id}/`
  return Object.keys(document.paths)
    .filter((path) => path.startsWith(prefix) && document.paths[path].post)
    .map((path) => path.slice(prefix.length))
    .filter((name) => !name.includes('/') && document.components.schemas[`${name}_change`])
}

// What a step may carry, as the document's <name>_change schema says.
export const changeSchema = (name) => declared.document?.components.schemas[`${name}_change`] || { properties: {} }

// The moves the server allows, as the document declares them on the
// lifecycle's schema (`x-transitions`: each status, and "" for a record not
// yet in the lifecycle, to the statuses it may go to — the current one first
// where a step may record without moving). A document that does not declare
// them leaves every status open, current first, and the server refuses a
// move it does not allow at the status field.
function transitions(name) {
  return declared.document?.components.schemas[name]?.['x-transitions'] || null
}

// The statuses a step from `current` (null: none yet) may go to, in the
// server's order; the current one first where a follow-up (跟进, a progress
// report) may record without moving.
export function offeredStatuses(name, current) {
  const declaredMoves = transitions(name)
  if (declaredMoves) return declaredMoves[current || ''] || []
  const statuses = changeSchema(name).properties?.status?.enum || []
  const next = statuses.filter((status) => status !== current)
  return current && statuses.includes(current) ? [current, ...next] : next
}

// The status a step's form starts at: a follow-up where one is allowed, else the first move.
export const firstOffered = (name, current) => offeredStatuses(name, current)[0] || null

// Staff whom the document lets take the step, who answer for the record: a
// task's progress is reported by admins and the staff of a department that
// leads it (a co-leading department is refused, as for editing the task);
// the pipeline is moved by those who may change the organization. The server
// decides in the end.
export function mayStep(resource, name, record, declaration, user) {
  if (!isStaff(user) || !record || !declaration) return false
  if (!passes(operationAccess(stepTemplate(resource, name), 'post'), user)) return false
  if (name === 'progress') return user.role === 'admin' || (record.lead_department_ids || []).includes(user.department_id)
  return mayUpdate(declaration.operations, record, declaration.fields, user)
}

// One step, against the version read (If-Match); answers {data: the record as it now is, etag}.
export function takeStep(resource, id, name, body, etag) {
  return api.postWithEtag(stepPath(resource, id, name), body, etag)
}

// Leaves out what was left empty, so the server's defaults hold (today's date, no reminder).
export function stepBody(values) {
  const empty = (value) => value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !empty(value))
    .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]))
}
