// The totals the source documents state but do not list (GET
// /api/v1/stated-figures), each beside how many matching records Alley
// holds: which figure a list counts, how a figure reads in the UI's
// language, and where its records are listed in the app.
import { api } from './api.js'
import { t, currentLang } from './i18n.js'
import { declared, collectionPath } from './schema.js'
import { listPath } from './paths.js'

// Asked for afresh by every page that shows them: a record added since changes `recorded`.
export async function loadStatedFigures() {
  return (await api.get('/api/v1/stated-figures')).items
}

// `kind=enterprise` → {kind: 'enterprise'}.
const criterionOf = (filter) => Object.fromEntries(new URLSearchParams(filter || ''))

// The figure a list shows the count of: of its resource, with the list's
// active filters exactly the figure's criterion — a filter more or fewer
// (a keyword too) and the list counts something else.
export function figureForList(figures, resource, filters) {
  const active = Object.entries(filters || {}).filter(([, value]) => value !== '' && value != null)
  return figures.find((figure) => {
    if (figure.counted_resource !== resource || figure.recorded == null) return false
    const criterion = criterionOf(figure.counted_filter)
    return active.length === Object.keys(criterion).length && active.every(([name, value]) => criterion[name] === String(value))
  }) || null
}

// What the documents state: their own words in Chinese (500 多家), else the qualifier and the number.
export function statedText(figure) {
  if (currentLang() !== 'en' && figure.stated_as) return figure.stated_as
  return t(`stated.qualifiers.${figure.qualifier}`, { value: Number(figure.value).toLocaleString('en'), unit: figure.unit || '' }).trim()
}

export const recordedText = (figure) => t('stated.recordedCount', { n: figure.recorded, unit: figure.unit || '' }).trim()

// 已录入 9 家 / 文件所述 500 多家.
export const recordedAgainstStated = (figure) => t('stated.against', { recorded: recordedText(figure), stated: statedText(figure) })

export const sourceText = (figure) => t('stated.source', { source: figure.source, date: figure.stated_on })

const withQuery = (path, query) => `${path}${path.includes('?') ? '&' : '?'}${query}`

// How many of the recorded are synthetic demo records, which the figure does not say; null when the list cannot tell.
// How many of the records counted against a figure are synthetic (the server counts them); null when none is counted.
export function syntheticAmong(figure) {
  return figure.recorded ? figure.recorded_synthetic ?? null : null
}

// The app's list for an API list: /api/v1/organizations?kind=enterprise →
// /organizations?kind=enterprise; null for a list the server does not list.
export function listRoute(apiList) {
  if (!apiList) return null
  const [path, query] = apiList.split('?')
  const resource = declared.resources.find(({ name }) => collectionPath(name) === path)?.name
  if (!resource) return null
  return query ? `${listPath(resource)}?${query}` : listPath(resource)
}
