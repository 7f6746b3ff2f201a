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

// The pipeline's steps as the server allows them (src/registry/pipeline.cc):
// the document lists the statuses but not the ways between them. Another
// lifecycle's statuses may follow one another freely.
const allowedSteps = {
  pipeline: { target: ['negotiating'], negotiating: ['landed', 'target'], landed: ['moved_out'], moved_out: ['target'] },
}

// The statuses a step from `current` may go to, in the document's order; the
// current one first where it has one, for a step that records without moving
// (跟进, a progress report). Not yet in the lifecycle, any status is a start.
export function offeredStatuses(name, current) {
  const statuses = changeSchema(name).properties?.status?.enum || []
  const steps = allowedSteps[name]
  const next = statuses.filter((status) => status !== current && (!current || !steps || (steps[current] || []).includes(status)))
  return current && statuses.includes(current) ? [current, ...next] : next
}

// Staff whom the document lets take the step, who answer for the record: a
// task's progress is reported by admins and the staff of a department that
// leads or co-leads it; the pipeline is moved by those who may change the
// organization. The server decides in the end.
export function mayStep(resource, name, record, declaration, user) {
  if (!isStaff(user) || !record || !declaration) return false
  if (!passes(operationAccess(stepTemplate(resource, name), 'post'), user)) return false
  if (name === 'progress') {
    const departments = [...(record.lead_department_ids || []), ...(record.co_department_ids || [])]
    return user.role === 'admin' || departments.includes(user.department_id)
  }
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
