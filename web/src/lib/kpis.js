// Figures of a KPI measured by hand (指标进展, kpi_entries): who may enter one
// and the entry itself. The page's value and status are the server's reading
// of the figures (GET /api/v1/kpi-progress), asked again after an entry.
import { api } from './api.js'
import { collectionPath } from './schema.js'
import { isStaff, mayCreate } from './permissions.js'

// Admins, and the staff of a department that leads the KPI, where the
// document lets them create entries at all. `kpi`: the KPI's record, for its
// lead departments; `operations`: the entries' (schema.recordOperations).
export function mayEnterFigure(user, kpi, operations) {
  if (!isStaff(user) || !kpi || kpi.measure !== 'manual' || !mayCreate(operations, user)) return false
  return user.role === 'admin' || (kpi.lead_department_ids || []).includes(user.department_id)
}

// {value, as_of, note, source}; the entry's name, which the server requires,
// says which KPI and which day, as a list of entries reads it.
export function enterFigure(kpi, { value, as_of, note, source }) {
  const body = { kpi_id: kpi.id, name: `${kpi.name} ${as_of}`, value, as_of, source: source.trim() }
  if (note.trim()) body.note = note.trim()
  return api.postWithEtag(collectionPath('kpi_entries'), body)
}
