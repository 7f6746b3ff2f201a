// Numbered pages over the API's cursor paging. The API answers a page and the
// cursor of the next; page n is reached from the nearest page whose cursor is
// known by one read that skips the pages between (at most 500 records a
// read, the API's limit), whose `next` is page n's cursor.
import { ref } from 'vue'

const largestRead = 500

// `fetchRows(cursor, limit)` answers {items, total, next}.
export function usePageNumbers(fetchRows, size = 20) {
  const page = ref({ items: [], total: 0, next: null })
  const number = ref(1)
  const loading = ref(false)
  const error = ref('')
  let known = new Map([[1, null]])
  let asked = 0

  async function cursorOf(n) {
    for (;;) {
      const from = Math.max(...[...known.keys()].filter((k) => k <= n))
      if (from === n) return known.get(n)
      const skip = Math.min(n - from, Math.floor(largestRead / size))
      const rows = await fetchRows(known.get(from), skip * size)
      if (!rows.next) return undefined
      known.set(from + skip, rows.next)
    }
  }

  // Page n (1 for the first); a page past the end opens the first.
  async function go(n) {
    const mine = ++asked
    loading.value = true
    error.value = ''
    try {
      let cursor = await cursorOf(n)
      if (cursor === undefined) {
        n = 1
        cursor = null
      }
      const rows = await fetchRows(cursor, size)
      if (mine !== asked) return
      page.value = rows
      number.value = n
      if (rows.next) known.set(n + 1, rows.next)
    } catch (e) {
      if (mine === asked) error.value = e.message
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  return {
    page, number, loading, error, size,
    go,
    first: () => { known = new Map([[1, null]]); return go(1) },
    // The same page again, after a record on it was deleted.
    again: () => { known = new Map([[1, null]]); return go(number.value) },
  }
}
