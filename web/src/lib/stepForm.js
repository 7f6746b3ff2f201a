// What the dialogs that take a step share (a pipeline step, a progress
// report, a KPI figure): sending once at a time, the server's refusals at the
// fields they name and the rest listed under the message, and a change
// refused because the record changed meanwhile (412) said as such.
import { ref } from 'vue'
import { t, fieldLabel } from './i18n.js'

// A refusal of one item of a list (evidence_links[1]) belongs at the list's field.
const fieldOf = (name) => name.split(/[.[]/)[0]

// `fields`: the names of the fields the form shows.
export function useStepForm(fields) {
  const errors = ref({})
  const elsewhere = ref([])
  const failure = ref('')
  const stale = ref(false)
  const busy = ref(false)

  function clear() {
    errors.value = {}
    elsewhere.value = []
    failure.value = ''
    stale.value = false
  }

  // Runs `step`; answers what it answers, or null when it was refused (then said).
  async function send(step) {
    clear()
    busy.value = true
    try {
      return await step()
    } catch (e) {
      if (e.status === 412) {
        stale.value = true
        return null
      }
      const refused = e.fieldErrors || {}
      const at = {}
      for (const [name, message] of Object.entries(refused)) {
        if (fields.includes(fieldOf(name))) at[fieldOf(name)] = at[fieldOf(name)] ? `${at[fieldOf(name)]}; ${message}` : message
        else elsewhere.value.push(`${fieldLabel(name)}: ${message}`)
      }
      errors.value = at
      failure.value = Object.keys(refused).length ? t('edit.invalid') : e.message
      return null
    } finally {
      busy.value = false
    }
  }

  return { errors, elsewhere, failure, stale, busy, clear, send }
}
