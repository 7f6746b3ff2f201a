// The documents records cite (GET /api/v1/sources): a record's `source` or
// evidence names a document by its file (000_60db013b8d1faed5.txt §五(三)5),
// which a reader should see by its title. Read once per language; a failed
// read leaves texts as they are and is asked again by the next page.
import { reactive } from 'vue'
import { api } from './api.js'
import { currentLang } from './i18n.js'

const titles = reactive({})
const asked = {}

export function loadSources() {
  const lang = currentLang()
  asked[lang] ??= api.get('/api/v1/sources').then((list) => {
    titles[lang] = Object.fromEntries(list.items.map((item) => [item.file, item.title]))
  }).catch(() => {
    delete asked[lang]
  })
  return asked[lang]
}

// The text with each cited file replaced by its document's title, where
// known; an ellipsis in its place while the titles are read.
export function citeSources(text) {
  const known = titles[currentLang()]
  if (!text) return ''
  return text.replace(/\b[0-9a-z_-]+\.txt\b/gi, (file) => (known ? known[file] || file : '…'))
}
