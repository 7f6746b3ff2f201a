// A rule checked as it is typed (POST /api/v1/policies/rule-check): a pause
// of 300 ms after the last key asks the server, and only the answer to the
// latest text is kept. Against a saved policy (its id) the answer also says
// which organizations would newly be told and how many would no longer match.
import { ref, watch, onBeforeUnmount } from 'vue'
import { api } from './api.js'

const pause = 300

// `text` and `policyId` are getters; `result` is the server's answer, or null
// while the rule is empty; `failure` says why the server could not be asked.
export function useRuleCheck(text, policyId) {
  const result = ref(null)
  const checking = ref(false)
  const failure = ref('')
  let timer = null
  let asked = 0

  async function check(rule) {
    const mine = ++asked
    checking.value = true
    try {
      const body = { rule }
      if (policyId()) body.policy_id = policyId()
      const answer = await api.ask('/api/v1/policies/rule-check', body)
      if (mine === asked) {
        result.value = answer
        failure.value = ''
      }
    } catch (e) {
      if (mine === asked) {
        result.value = null
        failure.value = e.message
      }
    } finally {
      if (mine === asked) checking.value = false
    }
  }

  watch(text, (rule) => {
    clearTimeout(timer)
    if (!(rule || '').trim()) {
      asked++
      result.value = null
      failure.value = ''
      checking.value = false
      return
    }
    timer = setTimeout(() => check(rule), pause)
  }, { immediate: true })
  onBeforeUnmount(() => clearTimeout(timer))

  return { result, checking, failure }
}

// Where an error is: the text of its line (1-based, as the server counts),
// split at its column (1-based, in characters) into what comes before, the
// character there (empty past the end of the line) and the rest.
export function errorPlace(text, line, column) {
  const lines = (text || '').split(/\r?\n/)
  const characters = Array.from(lines[Math.min(Math.max(line, 1), lines.length) - 1] ?? '')
  const at = Math.min(Math.max(column, 1), characters.length + 1) - 1
  return {
    before: characters.slice(0, at).join(''),
    at: characters[at] ?? '',
    after: characters.slice(at + 1).join(''),
  }
}
