// Eligibility verdicts in words: the server states each clause in the rule
// language (`>= 0.05`, `in ["a", "b"]`), which an enterprise owner should not
// have to read.
import { reactive } from 'vue'
import { fetchAll } from './pager.js'
import { declaredField, loadDocument } from './schema.js'
import { t, valueLabel, fieldLabel, currentLang, displayName } from './i18n.js'

// Shares (0–1 in the data) read as percentages: the calculator's schema, which
// names the attributes rules speak of, marks them as numbers bounded by 0 and 1.
// Pages that show verdicts or rules wait for loadDescription() first.
const shareOf = (field) => declaredField('calculator_attributes', field)?.share === true
export const loadDescription = () => loadDocument().catch(() => null)

function percent(value) {
  return `${Number((value * 100).toFixed(2))}%`
}

export function formatValue(field, value) {
  if (value === null || value === undefined) return t('policy.noData')
  if (Array.isArray(value)) return value.length ? value.map((v) => formatValue(field, v)).join(t('policy.separator')) : t('policy.none')
  if (typeof value === 'boolean') return valueLabel(String(value))
  if (typeof value === 'number') return shareOf(field) ? percent(value) : String(value)
  return valueLabel(value)
}

const comparison = /^(>=|<=|==|!=|>|<|not in|in|contains)\s+(.+)$/s
const symbols = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' }

function parse(required) {
  const match = comparison.exec((required || '').trim())
  if (!match) return null
  try {
    return { op: match[1], value: JSON.parse(match[2]) }
  } catch {
    return null
  }
}

// What a condition asks for, short, beside its label: "≥ 5%", "企业", "初创企业 或 科技型中小企业".
export function formatCondition(field, op, value) {
  const shown = (v) => formatValue(field, v)
  if (symbols[op]) return `${symbols[op]} ${shown(value)}`
  if (op === '==') return shown(value)
  if (op === '!=') return t('policy.not', { v: shown(value) })
  if (op === 'in') return (Array.isArray(value) ? value : [value]).map(shown).join(t('policy.or'))
  if (op === 'not in') return t('policy.notAnyOf', { v: (Array.isArray(value) ? value : [value]).map(shown).join(t('policy.separator')) })
  return t('policy.contains', { v: shown(value) })
}

// A clause of a verdict, which the server gives as field, op, value and whether it is negated.
export function formatClause(clause) {
  const shown = formatCondition(clause.field, clause.op, clause.value)
  return clause.negated ? t('policy.negated', { v: shown }) : shown
}

function formatRequired(field, required) {
  const parsed = parse(required)
  return parsed ? formatCondition(field, parsed.op, parsed.value) : required
}

// A whole rule as a sentence: "类别为企业 且 研发投入占比 ≥ 5%".
export function ruleSentence(rule) {
  const clause = /([a-z_][a-z0-9_]*)\s+(>=|<=|==|!=|>|<|not in|in|contains)\s+("(?:[^"\\]|\\.)*"|\[[^\]]*\]|-?[0-9.]+|true|false|null)/g
  return (rule || '')
    .replace(clause, (_, field, op, value) => {
      const label = fieldLabel(field, declaredField('calculator_attributes', field)?.property)
      const required = formatRequired(field, `${op} ${value}`)
      if (op === '==' || op === 'in') return t('policy.is', { field: label, v: required })
      if (op === 'contains') return `${label}${required}`
      return `${label} ${required}`
    })
    .replace(/\band\b/g, t('policy.and'))
    .replace(/\bor\b/g, t('policy.orWord'))
    .replace(/\bnot\b/g, t('policy.notWord'))
    .replace(/\(/g, t('policy.openParen'))
    .replace(/\)/g, t('policy.closeParen'))
}

// A clause's label: the server's Chinese one (converted for 繁體), or the catalog's English one.
export function clauseLabel(clause) {
  return currentLang() === 'en' ? fieldLabel(clause.field, declaredField('calculator_attributes', clause.field)?.property) : clause.label
}

// `missing` holds the server's Chinese labels; in English they are found again through the clauses.
export function missingLabels(item) {
  if (currentLang() !== 'en') return item.missing
  return item.missing.map((label) => {
    const clause = item.clauses.find((c) => c.label === label)
    return clause ? clauseLabel(clause) : label
  })
}

export function failedLabels(item) {
  return [...new Set(item.clauses.filter((c) => c.result === 'fail').map(clauseLabel))]
}

// Names the verdicts do not carry: policies' English names, departments' names.
export const directory = reactive({ policies: {}, departments: {}, read: false })
const loading = {}  // per language, as names come back converted for 繁體

export function loadDirectory() {
  loading[currentLang()] ??= Promise.all([
    fetchAll('/api/v1/policies').catch(() => ({ items: [] })),
    fetchAll('/api/v1/departments').catch(() => ({ items: [] })),
  ]).then(([policies, departments]) => {
    directory.policies = Object.fromEntries(policies.items.map((p) => [p.id, p]))
    directory.departments = Object.fromEntries(departments.items.map((d) => [d.id, d]))
    directory.read = true
  })
  return loading[currentLang()]
}

export function policyName(item) {
  const known = directory.policies[item.policy_id]
  return currentLang() === 'en' && known?.name_en ? known.name_en : item.name
}

// A department by name: an ellipsis while the names are read, never its id.
export function departmentName(id) {
  const known = directory.departments[id]
  if (known) return displayName(known)
  return directory.read ? t('app.nameUnavailable') : '…'
}

export function categoryLabel(category) {
  const label = t(`policy.categories.${category}`)
  return label.startsWith('policy.') ? category : label
}
