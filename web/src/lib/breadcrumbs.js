// Breadcrumbs: 首页 / module / list / record / what is done to it. The module
// and the list come from the side menu (lib/menu.js); the record's name from
// its page once read (useRecordName), so that a trail never shows an id.
import { reactive } from 'vue'
import { useRoute } from 'vue-router'
import { t } from './i18n.js'
import { entryOf } from './menu.js'

// path → the name of the record its page shows.
const names = reactive({})

// A page's setter of its record's name, for the path it was opened at (a
// name read after the reader went on names nothing else).
export function useRecordName() {
  const path = useRoute().path
  return (name) => { names[path] = name || '' }
}

// What is done to a record, by the last part of its path.
const actions = { edit: 'detail.edit', new: 'list.create', policies: 'orgPolicies.button' }
// Pages outside the menu.
const standalone = { '/login': 'auth.signIn', '/register': 'register.title' }

// [{label, path}] (the last one without a path) for `path`.
export function trailOf(path, user, resolve) {
  const home = { label: t('nav.home'), path: '/' }
  if (path === '/') return [{ label: home.label }]
  if (standalone[path]) return [home, { label: t(standalone[path]) }]
  const found = entryOf(path, user, resolve)
  if (!found) return [home]
  const { entry, rest } = found
  const trail = [home, ...entry.trail.map((label) => ({ label })), { label: entry.label, path: entry.path }]
  const [record, action] = rest
  if (record === 'new') trail.push({ label: t(actions.new) })
  else if (record) {
    const name = names[path]
    if (name) trail.push({ label: name, path: action ? path.slice(0, path.lastIndexOf('/')) : undefined })
    if (action && actions[action]) trail.push({ label: t(actions[action]) })
  }
  trail[trail.length - 1] = { label: trail[trail.length - 1].label }
  return trail
}
