// Numbered pages over the API's lists: page n starts `offset` (n − 1) × size
// records in.
import { ref } from 'vue'

// `fetchRows(offset, limit)` answers {items, total, next}.
export function usePageNumbers(fetchRows, size = 20) {
  const page = ref({ items: [], total: 0, next: null })
  const number = ref(1)
  const loading = ref(false)
  const error = ref('')
  let asked = 0

  // Page n (1 for the first); a page past the end opens the last that has rows.
  async function go(n) {
    const mine = ++asked
    loading.value = true
    error.value = ''
    try {
      let rows = await fetchRows((n - 1) * size, size)
      if (rows.items.length === 0 && n > 1 && rows.total > 0) {
        n = Math.ceil(rows.total / size)
        rows = await fetchRows((n - 1) * size, size)
      }
      if (mine !== asked) return
      page.value = rows
      number.value = n
    } catch (e) {
      if (mine === asked) error.value = e.message
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  return {
    page, number, loading, error, size,
    go,
    first: () => go(1),
    // The same page again, after a record on it was deleted.
    again: () => go(number.value),
  }
}
