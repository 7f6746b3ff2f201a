// A field's value as a reader sees it, by what the API declares of the field
// (schema.describeField): declared values by their labels, yes or no, shares
// as percentages, moments in the district's time; lists joined, nothing as —.
import { t, valueLabel, fieldLabel } from './i18n.js'
import { declared } from './schema.js'
import { formatTime } from './time.js'

// What a list's items are declared as.
const itemOf = (field) => ({ enum: field?.property?.items?.enum || null, property: field?.property?.items || {} })

export function formatValue(field, value) {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.length ? value.map((item) => formatValue(itemOf(field), item)).join(t('app.separator')) : '—'
  if (typeof value === 'boolean') return valueLabel(String(value))
  // A shape is drawn on the map, not read as numbers.
  if (value.type && value.coordinates) return t('detail.shape', { type: value.type })
  if (typeof value === 'object') return JSON.stringify(value)
  if (field?.enum) return valueLabel(value, field.name, field.property)
  if (field?.share && typeof value === 'number') return `${(value * 100).toFixed(1)}%`
  if (field?.property?.format === 'date-time') return formatTime(value)
  return String(value)
}

// The field that says what another one rests on, where the resource declares
// it: due_on → due_on_basis, responsible_department_id →
// responsible_department_basis. Its value is shown beside the other's (BasisTag).
export function basisFieldOf(name, fields) {
  const candidates = [`${name}_basis`, `${name.replace(/_ids?$/, '')}_basis`]
  return candidates.find((candidate) => candidate !== name && fields?.[candidate]) || null
}

// A record's text that names a field as the schema spells it (a KPI's note:
// "high_growth为true") reads it by the field's label instead, once the
// document is loaded.
export function nameFields(text) {
  const schemas = declared.document?.components.schemas
  if (!schemas || !text) return text || ''
  return text.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (name) => {
    const schema = Object.values(schemas).find((candidate) => candidate.properties?.[name])
    return schema ? fieldLabel(name, schema.properties[name]) : name
  })
}
