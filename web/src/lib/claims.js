// Claims: what an organization's own user writes in a field that decides
// policies or KPIs stays a pending claim until staff in scope verify or reject
// it (docs/SECURITY.md, "Claims are not facts"). The count behind the menu's
// 待核实申报, the inbox's list, who may decide, and one decision.
import { reactive } from 'vue'
import { api, session } from './api.js'
import { collectionPath, operationAccess, declaredField } from './schema.js'
import { passes, isStaff, mayUpdate } from './permissions.js'

export const pending = reactive({ count: 0 })

const inboxPath = '/api/v1/claims'
// A decision's path as the document names it, and as it is called.
const decisionTemplate = (resource) => `${collectionPath(resource)}/{id}/claims/{field}`
const decisionPath = (resource, id, field) => `${collectionPath(resource)}/${encodeURIComponent(id)}/claims/${encodeURIComponent(field)}`

// {items: [{resource, record_id, record_name, field, field_label, value, current, claimed_by, claimed_at}], total}
export async function listClaims() {
  const list = await api.get(inboxPath)
  pending.count = list.total
  return list
}

// Asked again on every page change, for staff only, as the bell's count is.
export async function refreshPending() {
  if (!isStaff(session.user)) {
    pending.count = 0
    return
  }
  try {
    pending.count = (await api.get(inboxPath)).total
  } catch {
    // A missed count is not worth an error on every page; the next navigation asks again.
  }
}

// Staff the document lets decide, who may change the record itself (their
// department answers for it); `declaration` is resourceSchema's answer.
export function mayDecide(resource, record, declaration, user) {
  if (!isStaff(user) || !record || !declaration) return false
  if (!passes(operationAccess(decisionTemplate(resource), 'post'), user)) return false
  return mayUpdate(declaration.operations, record, declaration.fields, user)
}

// The longest note the server takes.
export const noteLimit = () => declaredField('claim_decision', 'note')?.property.maxLength || 500

// 'verify' (the field takes the claimed value) or 'reject', with an optional
// note; answers {data: the record as it now is, etag}.
export async function decide(resource, id, field, decision, note = '') {
  const body = note.trim() ? { decision, note: note.trim() } : { decision }
  const answer = await api.postWithEtag(decisionPath(resource, id, field), body)
  pending.count = Math.max(0, pending.count - 1)
  return answer
}
