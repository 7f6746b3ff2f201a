// Records another record refers to, by name: what a reference picker offers
// for what is typed, and the name of a record a field names by id. Names are
// kept per language once read, so a page with many rows naming the same place
// asks for it once.
import { reactive } from 'vue'
import { api } from './api.js'
import { collectionPath } from './schema.js'
import { t, currentLang, displayName } from './i18n.js'

// `${lang}/${resource}/${id}` → the record's name; null while asked for,
// which shows an ellipsis, or when it cannot be read (gone, or not for this
// reader), which says so: a reader is never shown the id.
const names = reactive({})
const asked = new Map()  // the same key → the read under way or done

const key = (resource, id) => `${currentLang()}/${resource}/${id}`

function remember(resource, record) {
  names[key(resource, record.id)] = displayName(record) || record.username || t('app.unnamed')
}

// Reads the names of records not read yet; resolves when they are known (or cannot be).
export function loadNames(resource, ids) {
  return Promise.all(ids.filter(Boolean).map((id) => {
    const at = key(resource, id)
    if (!asked.has(at)) {
      asked.set(at, api.get(`${collectionPath(resource)}/${encodeURIComponent(id)}`).then((record) => remember(resource, record))
        .catch(() => { names[at] = t('app.nameUnavailable') }))
    }
    return asked.get(at)
  }))
}

// The name to show for a referenced record; an ellipsis until it is known.
export function referenceName(resource, id) {
  if (!resource || !id) return ''
  loadNames(resource, [id])
  return names[key(resource, id)] || '…'
}

// Up to `limit` records whose name (or English name) contains `text`, by name: [{id, name}].
export async function findRecords(resource, text, limit = 20) {
  const query = new URLSearchParams({ limit: String(limit), sort: 'name' })
  if (text) query.set('q', text)
  const page = await api.get(`${collectionPath(resource)}?${query}`)
  for (const record of page.items) remember(resource, record)
  return page.items.map((record) => ({ id: record.id, name: displayName(record) || t('app.unnamed') }))
}
