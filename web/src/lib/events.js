// The district's events as their pages use them: the calendar's query, a
// month laid out as weeks, registration, tickets and the door. Times are the
// district's (Asia/Shanghai), whatever the reader's machine says.
import { api } from './api.js'
import { formatTime } from './time.js'

const eventPath = (id) => `/api/v1/events/${encodeURIComponent(id)}`

// The calendar's filters as a query: {kind, series_id, year}, the empty ones left out.
function calendarQuery(filters) {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(filters)) if (value !== '' && value !== null && value !== undefined) query.set(name, value)
  return query
}

// Every event the filters select, by their start (a year has a few hundred at most: one page of 500).
export async function listEvents(filters) {
  const query = calendarQuery(filters)
  query.set('sort', 'starts_at')
  query.set('limit', '500')
  return (await api.get(`/api/v1/events?${query}`)).items
}

// The feed a calendar program subscribes to, with the same filters.
export const calendarFeed = (filters) => `/api/v1/events.ics?${calendarQuery(filters)}`
export const eventFeed = (id) => `${eventPath(id)}.ics`
export const seriesFeed = (id) => `/api/v1/event_series/${encodeURIComponent(id)}.ics`

// The district's day of a moment: 2026-12-10.
export const districtDay = (iso) => formatTime(iso).slice(0, 10)

// The weeks of a month, Monday first, each day {date: '2026-12-07', inMonth}.
export function monthWeeks(year, month) {
  const first = new Date(Date.UTC(year, month - 1, 1))
  const start = new Date(first)
  start.setUTCDate(1 - ((first.getUTCDay() + 6) % 7))
  const weeks = []
  for (let day = new Date(start); weeks.length < 6; ) {
    const week = []
    for (let i = 0; i < 7; i++, day.setUTCDate(day.getUTCDate() + 1))
      week.push({ date: day.toISOString().slice(0, 10), inMonth: day.getUTCMonth() === month - 1 })
    weeks.push(week)
    if (day.getUTCMonth() !== month - 1) break
  }
  return weeks
}

// Whether the event takes registrations now: open, or full with a waiting list.
export const takesRegistrations = (event) => ['open', 'full'].includes(event?.status)

// Whether `user` runs the event's door: an admin, or staff of one of its organisers.
export function organises(user, event) {
  if (!user || !event) return false
  if (user.role === 'admin') return true
  return !!user.department_id && (event.organiser_ids || []).includes(user.department_id)
}

// {name, organisation, phone}: what a registrant gives, the empty ones left out.
export function register(id, person) {
  const body = Object.fromEntries(Object.entries(person).map(([k, v]) => [k, String(v || '').trim()]).filter(([, v]) => v))
  return api.post(`${eventPath(id)}/registrations`, body)
}

// The ticket a code names, with its QR image (base64 PNG): how the public find theirs again.
export const lookUpTicket = (code) => api.ask('/api/v1/tickets/lookup', { ticket: code })

// A registrant cancels or takes up an offered seat, showing the ticket's code (an account's own need not).
export function registrationStep(registration, step, code) {
  const path = `${eventPath(registration.event_id)}/registrations/${encodeURIComponent(registration.id)}/${step}`
  return api.post(path, code ? { ticket: code } : {})
}

// The QR image of a signed-in registrant's own ticket.
export const ticketImage = (registration) =>
  `${eventPath(registration.event_id)}/registrations/${encodeURIComponent(registration.id)}/ticket.png`

export const myRegistrations = () => api.get('/api/v1/my-registrations')
export const eventRegistrations = (id) => api.get(`${eventPath(id)}/registrations`)
export const registrationsWorkbook = (id) => `${eventPath(id)}/registrations.xlsx`
export const attendance = (id) => api.get(`${eventPath(id)}/attendance`)
export const checkIn = (id, code) => api.post(`${eventPath(id)}/check-ins`, { code })
export const addWalkIn = (id, person) => api.post(`${eventPath(id)}/walk-ins`, person)
