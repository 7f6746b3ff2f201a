// 导入: records added from a spreadsheet, all rows or none. The server gives
// each resource a template to fill (XLSX with a guide sheet and drop-downs,
// or CSV) and reads a filled one back: checked only (dry run), or kept when
// every row can be created. Who may do either is the operation's `x-access`.
import { api, session } from './api.js'
import { collectionPath, operationAccess } from './schema.js'
import { passes } from './permissions.js'
import { currentLang } from './i18n.js'

// The largest file the server reads (16 MiB); a larger one is said at once rather than after its upload.
export const largestSheet = 16 * 1024 * 1024
export const sheetKinds = ['.xlsx', '.csv']

const importsPath = (resource) => `${collectionPath(resource)}/imports`

// Whether the signed-in user may import into `resource`; false until the OpenAPI document is loaded.
export const mayImport = (resource) => passes(operationAccess(importsPath(resource), 'post'), session.user)

// The templates to download, their columns titled in the reader's language.
export const templates = (resource) => ['xlsx', 'csv'].map((kind) => ({
  kind,
  href: `${collectionPath(resource)}/import-template.${kind}?lang=${encodeURIComponent(currentLang())}`,
}))

export const isSheet = (file) => sheetKinds.some((kind) => file.name.toLowerCase().endsWith(kind))

// The report ({columns, counts, rows, kept}) on `file`. `check`: read and
// report only. A faulty file comes back as an ApiError whose `problem` is
// the same report with `detail` (422) or only a `detail` (400, 413).
export function sendSheet(resource, file, { check }) {
  const query = new URLSearchParams({ dry_run: String(check), file_name: file.name })
  // The report's labels are in the request's language; English too, which other requests leave unsaid.
  if (currentLang() === 'en') query.set('lang', 'en')
  const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream'
  return api.sendFile(`${importsPath(resource)}?${query}`, file, type)
}

// A row's fault in the reader's language, where the server says it in Chinese too.
export const faultText = (error) => (currentLang() !== 'en' && error.message_zh) || error.message
