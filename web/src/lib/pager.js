// Cursor paging for list pages: the API gives `next`; going back needs the
// cursors of the pages already seen.
import { ref } from 'vue'

// `fetchPage(cursor)` returns {items, total, next}.
export function usePager(fetchPage) {
  const page = ref({ items: [], total: 0, next: null })
  const cursors = ref([null])
  const loading = ref(false)
  const error = ref('')

  async function load(cursor = null) {
    loading.value = true
    error.value = ''
    try {
      page.value = await fetchPage(cursor)
    } catch (e) {
      error.value = e.message
    } finally {
      loading.value = false
    }
  }
  return {
    page, cursors, loading, error,
    first: () => { cursors.value = [null]; return load() },
    next: () => { cursors.value.push(page.value.next); return load(page.value.next) },
    previous: () => { cursors.value.pop(); return load(cursors.value[cursors.value.length - 1]) },
  }
}
