// Cases: records a workflow moves (a demand, a proposal). The server declares
// which resources are cases (their …/{id}/timeline route in the OpenAPI
// document) and, per case, its events, the actions open to the reader and
// what each action takes; every page of a case reads those, so a module that
// declares a new workflow gets its pages without a line here.
import { ref, watch } from 'vue'
import { api } from './api.js'
import { collectionPath, declared } from './schema.js'
import { currentLang } from './i18n.js'

// Whether `resource` is a case resource, once the document is loaded.
export function isCase(resource) {
  return !!declared.document?.paths[`${collectionPath(resource)}/{id}/timeline`]
}

const casePath = (resource, id) => `${collectionPath(resource)}/${encodeURIComponent(id)}`

// {items, state, open_actions, actions} and {clocks, calendar, now}, read together.
export async function loadCase(resource, id) {
  const [timeline, clock] = await Promise.all([api.get(`${casePath(resource, id)}/timeline`), api.get(`${casePath(resource, id)}/clock`)])
  return { timeline, clock }
}

// A case page's work, read when the page has its record and again whenever
// the record's version moves (an action, whoever took it): {work, error};
// no work where the server does not let the reader follow the case.
// `record` is a ref to the record.
export function useCase(resource, record) {
  const work = ref(null)
  const error = ref('')
  // Only the last read is shown: an earlier version's, answering late, is dropped.
  let asked = 0
  watch(() => record.value && [record.value.id, record.value.version], async (now) => {
    if (!now) return
    const mine = ++asked
    try {
      // The version it was read at, so that a reader can tell the work of this version from the last one's.
      const read = { ...(await loadCase(resource, now[0])), version: now[1] }
      if (mine !== asked) return
      work.value = read
      error.value = ''
    } catch (e) {
      if (mine !== asked) return
      // A case whose work the reader may not follow (a proposal, for an enterprise) shows its fields only.
      work.value = null
      error.value = e.status === 404 ? '' : e.message
    }
  }, { immediate: true })
  return { work, error }
}

// The case after the action, with its new version; `etag` is the version the page read.
export function takeAction(resource, id, action, inputs, etag) {
  return api.postWithEtag(`${casePath(resource, id)}/actions`, { action, ...inputs }, etag)
}

// The reader's words for something the server labels in Chinese and English (an action, an input, a choice, a clock).
export const labelOf = (labelled) => (currentLang() === 'en' && labelled?.label_en) || labelled?.label || labelled?.name || ''

// What an action's inputs start as: nothing chosen, nothing written.
export function blankInputs(action) {
  return Object.fromEntries((action?.inputs || []).map((input) => [input.name, input.kind === 'record' ? null : '']))
}

// The inputs worth sending: what was chosen or written (the server says what a required one lacks).
export function filledInputs(inputs) {
  return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== null && String(value).trim() !== '')
    .map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value]))
}

// How long a stretch of working time reads: 3 天 2 小时, 45 分钟 (a working day is the calendar's, e.g. 8 hours).
export function workingSpan(minutes, dayMinutes, words) {
  const whole = Math.max(0, Math.round(minutes))
  const days = dayMinutes ? Math.floor(whole / dayMinutes) : 0
  const hours = Math.floor((whole - days * dayMinutes) / 60)
  const rest = whole - days * dayMinutes - hours * 60
  const parts = []
  if (days) parts.push(words.days(days))
  if (hours) parts.push(words.hours(hours))
  if (rest || !parts.length) parts.push(words.minutes(rest))
  return parts.join(' ')
}
