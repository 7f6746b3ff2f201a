// The service desk's lists: a staff member's inbox views and an enterprise's
// own demands, as queries of the demands list (GET /api/v1/demands), soonest
// deadline first. The states are the demand workflow's
// (src/demands/terms.cc): a unit holds a demand from 派单 to 办结, and after
// 办结 still calls it back (回访) or closes it.
import { api, session } from './api.js'

const held = ['dispatched', 'accepted', 'in_progress', 'suspended']
const signedFor = ['accepted', 'in_progress', 'suspended']
const finishing = ['resolved', 'rated']
const hour = 3600e3

// A moment as the API writes them (…T01:02:03Z), so that it compares with theirs as text.
const apiTime = (date) => date.toISOString()

// The inbox views open to `user`: a unit's staff see theirs, the district's
// service centre and admins every unit's, and dispatchers what waits for 派单.
// Each is {key, query}; `now` is the reader's moment.
export function inboxViews(user, now = new Date(), { dispatcher = false } = {}) {
  const unit = user?.role === 'admin' ? {} : { unit_id: user?.department_id || '-' }
  const open = { ...unit, status: held.join(',') }
  const views = [
    { key: 'mine', query: { handler: user?.username || '-', status: signedFor.join(','), sort: 'due_at' } },
    { key: 'unit', query: { ...open, sort: 'due_at' } },
    { key: 'dueSoon', query: { ...open, due_at_min: apiTime(now), due_at_max: apiTime(new Date(now.getTime() + 24 * hour)), sort: 'due_at' } },
    { key: 'overdue', query: { ...open, due_at_max: apiTime(now), sort: 'due_at' } },
    { key: 'closing', query: { ...unit, status: finishing.join(','), sort: 'resolved_at' } },
  ]
  if (dispatcher || user?.role === 'admin') views.push({ key: 'toDispatch', query: { status: 'pending_dispatch', sort: 'received_at' } })
  return views
}

// One page of a view: {items, total, next}; `cursor` the `next` of the page before.
export function listDemands(query, { limit = 50, cursor = null } = {}) {
  const params = new URLSearchParams({ ...query, limit: String(limit) })
  if (cursor) params.set('cursor', cursor)
  return api.get(`/api/v1/demands?${params}`)
}

// The enterprise's own demands, newest first (the server lists an enterprise its own only).
export const myDemandsQuery = { sort: '-received_at' }

// The district service centre, whose staff dispatch (the server decides in the end).
export async function isDispatcher(user) {
  if (!user?.department_id) return false
  const unit = await api.get(`/api/v1/departments/${encodeURIComponent(user.department_id)}`).catch(() => null)
  return unit?.kind === 'service_centre'
}

// Files a demand for the signed-in enterprise user's organization: the demand as stored.
export const fileDemand = (fields) => api.post('/api/v1/demands', { org_id: session.user.org_id, ...fields })

// Whether a demand is past its next deadline at `now`.
export const pastDue = (demand, now = new Date()) => !!demand.due_at && new Date(demand.due_at) < now
