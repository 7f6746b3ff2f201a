// Enterprise self-registration: an enterprise already in the registry asks
// for an account, named by its 统一社会信用代码, and district staff approve
// (the account is made) or reject it with a reason. The count of requests
// waiting, beside 注册审核 in the menu and on the staff's home page; the list,
// one request in full, and the two decisions.
import { reactive } from 'vue'
import { api, session } from './api.js'
import { componentSchema } from './schema.js'
import { isStaff } from './permissions.js'

const base = '/api/v1/registrations'
export const statuses = ['pending', 'approved', 'rejected']
export const waiting = reactive({ count: 0 })

// The public's request: {username, password, uscc, contact_name, contact_phone, note?} → the pending registration.
export const register = (body) => api.post(base, body)

// {items, total}, newest first; `status` '' for all. A list of the waiting ones also sets the count.
export async function listRegistrations(status = '') {
  const list = await api.get(status ? `${base}?status=${encodeURIComponent(status)}` : base)
  if (status === 'pending') waiting.count = list.total
  return list
}

// One request, its contact details in full while it waits (the server writes the reading to the audit log).
export const readRegistration = (id) => api.get(`${base}/${encodeURIComponent(id)}`)

export async function approve(id) {
  const decided = await api.post(`${base}/${encodeURIComponent(id)}/approve`, {})
  waiting.count = Math.max(0, waiting.count - 1)
  return decided
}

export async function reject(id, reason) {
  const decided = await api.post(`${base}/${encodeURIComponent(id)}/reject`, { reason })
  waiting.count = Math.max(0, waiting.count - 1)
  return decided
}

// Asked again on every page change, for staff only, as the claims' count is.
export async function refreshWaiting() {
  if (!isStaff(session.user)) {
    waiting.count = 0
    return
  }
  try {
    waiting.count = (await api.get(`${base}?status=pending`)).total
  } catch {
    // A missed count is not worth an error on every page; the next navigation asks again.
  }
}

// The limits the form states, as the server's document declares them (the
// server checks them again in any case).
export async function formLimits() {
  const declared = await componentSchema('registration_request')
  const property = (name) => declared.properties[name]
  return {
    usernameMin: property('username').minLength,
    usernameMax: property('username').maxLength,
    passwordMin: property('password').minLength,
    contactNameMax: property('contact_name').maxLength,
    noteMax: property('note').maxLength,
  }
}

// The longest reason a rejection takes.
export async function reasonLimit() {
  return (await componentSchema('registration_decision')).properties.reason.maxLength
}
