// Cursor paging for list pages: the API gives `next`; going back needs the
// cursors of the pages already seen.
import { ref } from 'vue'
import { api } from './api.js'

// `fetchPage(cursor)` returns {items, total, next}.
export function usePager(fetchPage) {
  const page = ref({ items: [], total: 0, next: null })
  const cursors = ref([null])
  const loading = ref(false)
  const error = ref('')
  // Only the answer to the last load is shown: a slower earlier one (another tab's) is dropped.
  let asked = 0

  async function load(cursor = null) {
    const mine = ++asked
    loading.value = true
    error.value = ''
    try {
      const answer = await fetchPage(cursor)
      if (mine === asked) page.value = answer
    } catch (e) {
      if (mine === asked) error.value = e.message
    } finally {
      if (mine === asked) loading.value = false
    }
  }
  return {
    page, cursors, loading, error,
    first: () => { cursors.value = [null]; return load() },
    next: () => { cursors.value.push(page.value.next); return load(page.value.next) },
    previous: () => { cursors.value.pop(); return load(cursors.value[cursors.value.length - 1]) },
  }
}

// Every record of a list, following `next` page by page, for what really
// needs them all: a select of plans, the names of departments to look up.
// {items, total}, like one page that holds the lot.
export async function fetchAll(path, { pageSize = 100, ...options } = {}) {
  const items = []
  let cursor = null
  let total = 0
  do {
    const query = new URLSearchParams({ limit: String(pageSize) })
    if (cursor) query.set('cursor', cursor)
    const page = await api.get(`${path}${path.includes('?') ? '&' : '?'}${query}`, options)
    items.push(...page.items)
    total = page.total
    cursor = page.next
  } while (cursor)
  return { items, total }
}
