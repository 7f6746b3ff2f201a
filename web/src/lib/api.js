// The Alley API, with the UI's language passed along. Errors come back as the
// server's problem+json, so pages can show `detail` and per-field `errors`.
import { reactive } from 'vue'
import { currentLang } from './i18n.js'

export class ApiError extends Error {
  constructor(status, problem) {
    // The reader's language where the server has it (the Chinese is converted for 繁體 readers).
    super((currentLang() !== 'en' && problem?.detail_zh) || problem?.detail || `HTTP ${status}`)
    this.status = status
    this.problem = problem || {}
  }
  // {field: message} for validation errors, in Chinese where the server says it so and the reader reads Chinese.
  get fieldErrors() {
    const chinese = currentLang() !== 'en'
    return Object.fromEntries((this.problem.errors || []).map((e) => [e.field, (chinese && e.message_zh) || e.message]))
  }
}

function withLang(path, lang) {
  if (lang === 'en') return path  // English labels come from name_en; data stays as stored
  return path + (path.includes('?') ? '&' : '?') + 'lang=' + lang
}

// The signed-in user, and the CSRF token every cookie-authenticated write repeats.
export const session = reactive({ user: null, csrf: '', checked: false })

export async function loadSession() {
  const response = await fetch('/api/v1/session', { headers: { Accept: 'application/json' } })
  const data = response.ok ? await response.json() : null
  session.user = data?.user || null
  session.csrf = data?.csrf_token || ''
  session.checked = true
}

export async function signIn(username, password) {
  const { data } = await call('POST', '/api/v1/session', { body: { username, password }, lang: 'zh-Hans' })
  session.user = data.user
  session.csrf = data.csrf_token
}

export async function signOut() {
  await fetch('/api/v1/session', { method: 'DELETE' })
  session.user = null
  session.csrf = ''
}

// `raw` sends bytes as they are (a file) with `type` as their Content-Type, in place of a JSON `body`.
async function call(method, path, { body, raw, type, etag, lang = currentLang() } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (raw !== undefined) headers['Content-Type'] = type
  if (etag) headers['If-Match'] = etag
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf
  const sent = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body)
  const response = await fetch(withLang(path, lang), { method, headers, body: sent })
  const text = await response.text()
  const data = text ? JSON.parse(text) : null
  if (!response.ok) throw new ApiError(response.status, data)
  return { data, etag: response.headers.get('ETag') }
}

export const api = {
  get: (path, options) => call('GET', path, options).then((r) => r.data),
  getWithEtag: (path, options) => call('GET', path, options),
  patch: (path, body, etag) => call('PATCH', path, { body, etag, lang: 'zh-Hans' }),
  post: (path, body) => call('POST', path, { body, lang: 'zh-Hans' }).then((r) => r.data),
  // A delete names the version read where it has one, so a record changed since is not deleted unseen.
  remove: (path, etag) => call('DELETE', path, { etag }),
  // A POST that changes a record and answers it (a claim's decision, a step
  // along a lifecycle): in the UI's language, as the page it came from shows
  // it, with its new version. `etag` names the version read, where the change
  // must not pass over someone else's.
  postWithEtag: (path, body, etag) => call('POST', path, { body, etag }),
  // A file's own bytes (an attachment); its name goes in the path's query.
  upload: (path, file, type) => call('POST', path, { raw: file, type, lang: 'zh-Hans' }).then((r) => r.data),
  // A file the server reads and reports on (a spreadsheet to import): the report in the UI's language.
  sendFile: (path, file, type) => call('POST', path, { raw: file, type }).then((r) => r.data),
  // A POST that stores nothing (the policy calculator): its answer is for reading, so in the UI's language.
  ask: (path, body) => call('POST', path, { body }).then((r) => r.data),
}
