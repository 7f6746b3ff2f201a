// 导出: a list as the reader sees it — its columns by their labels, values as
// shown, referenced records by name — as a CSV file that spreadsheet programs
// open in Chinese (UTF-8 with a byte-order mark).
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { fetchAll } from './pager.js'
import { loadNames, referenceName } from './references.js'
import { districtToday } from './time.js'
import { t } from './i18n.js'

const cell = (value) => {
  const text = String(value ?? '')
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

// `columns`: [{label, value(record) → text, references?: {resource, ids(record)}}]; every record `path` lists.
export async function exportList(path, title, columns) {
  const { items } = await fetchAll(path)
  for (const column of columns.filter((c) => c.references)) {
    await loadNames(column.references.resource, [...new Set(items.flatMap((record) => [column.references.ids(record)].flat().filter(Boolean)))])
  }
  const value = (column, record) => (column.references
    ? [column.references.ids(record)].flat().filter(Boolean).map((id) => referenceName(column.references.resource, id)).join('、')
    : column.value(record))
  const lines = [columns.map((column) => cell(column.label)).join(','), ...items.map((record) => columns.map((column) => cell(value(column, record))).join(','))]
  const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' })
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = `${title}-${districtToday()}.csv`
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 1000)
  return items.length
}

// A list page's 导出 button: `exporting` while it runs, then how many rows
// were written, or why not. `request()` gives exportList's [path, title, columns].
export function useListExport(request) {
  const exporting = ref(false)
  async function download() {
    exporting.value = true
    try {
      ElMessage.success(t('list.exported', { n: await exportList(...request()) }))
    } catch (e) {
      ElMessage.error(e.message)
    } finally {
      exporting.value = false
    }
  }
  return { exporting, download }
}
