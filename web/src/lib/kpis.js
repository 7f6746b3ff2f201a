// Figures of a KPI measured by hand (指标进展, kpi_entries): who may enter one
// and the entry itself. The page's value and status are the server's reading
// of the figures (GET /api/v1/kpi-progress), asked again after an entry.
import { api } from './api.js'
import { t } from './i18n.js'
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

// What a KPI's status rests on, in the reader's language (the server's own
// summary is in Chinese): the records counted and by what, the latest figure
// and its source, a year-by-year judgement, or that nothing was entered.
export function basisText(basis) {
  if (!basis) return ''
  if (basis.kind === 'count') return basis.records ? t('kpi.basisCount', { n: basis.records, what: basis.criterion }) : t('kpi.basisNoRecords', { what: basis.criterion })
  if (basis.kind === 'figure') return t('kpi.basisFigure', { date: basis.as_of, source: basis.source })
  if (basis.kind === 'per_year') return t('kpi.basisPerYear')
  return t('kpi.basisNone')
}

// A target as the KPI page writes it: 5 家, 1–2 家, 20 场 a year.
export function targetText(target, unit = '') {
  if (!target) return ''
  const range = `${target.min}${target.max ? '–' + target.max : ''}`
  return `${range} ${unit || ''}`.trim() + (target.per_year ? t('kpi.perYear') : '')
}
