// UI language: zh-Hans (default), zh-Hant (Taiwan's forms), zh-Hant-HK or en,
// kept in the URL (?lang=) and a cookie. Strings are written once in zh-Hans
// and en; the Traditional ones are the zh-Hans table converted by the server
// with OpenCC in that region's usage.
import { reactive } from 'vue'

export const languages = ['zh-Hans', 'zh-Hant', 'zh-Hant-HK', 'en']
const state = reactive({ lang: 'zh-Hans', messages: {} })

function initialLang() {
  const fromUrl = new URLSearchParams(location.search).get('lang')
  if (languages.includes(fromUrl)) return fromUrl
  const fromCookie = document.cookie.split('; ').find((c) => c.startsWith('alley_lang='))?.split('=')[1]
  return languages.includes(fromCookie) ? fromCookie : 'zh-Hans'
}

export async function loadLanguage(lang = initialLang()) {
  const url = lang === 'en' ? '/i18n/messages.en.json' : `/i18n/messages.zh-Hans.json?lang=${lang}`
  const response = await fetch(url)
  state.messages = await response.json()
  state.lang = lang
  document.cookie = `alley_lang=${lang}; path=/; max-age=31536000; SameSite=Lax`
  document.documentElement.lang = lang
}

export function currentLang() {
  return state.lang
}

// t('list.total', {n: 3}) → "共 3 条"; an unknown key shows itself.
export function t(key, values = {}) {
  let text = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), state.messages)
  if (typeof text !== 'string') return key
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, value)
  return text
}

// The label of an enum value, falling back to the raw value. The same value
// may mean different things in different fields (a rule's "document" is the
// policy's text, a deadline's the plan's): `field` names the field, whose own
// wording (fieldValues.<field>.<value>) comes first where the catalogue has it,
// then the words the server declares for the field's values (its `property`'s
// x-enum-labels: a demand is 处理中 where a task is 推进中), then the
// catalogue's words for the value anywhere, else the value as it is.
export function valueLabel(value, field = null, property = null) {
  if (field) {
    const own = t(`fieldValues.${field}.${value}`)
    if (!own.startsWith('fieldValues.')) return own
  }
  const declared = property?.[state.lang === 'en' ? 'x-enum-labels-en' : 'x-enum-labels']?.[value]
  if (declared) return declared
  const label = t(`values.${value}`)
  return label.startsWith('values.') ? String(value) : label
}

// A field's label: the catalogue's wording, else the title the API gives it
// (`property`; in English its `x-title-en`), else its name.
export function fieldLabel(field, property) {
  const label = t(`fields.${field}`)
  if (!label.startsWith('fields.')) return label
  return (state.lang === 'en' && property?.['x-title-en']) || property?.title || field
}

// The name to show for a record in the current language.
export function displayName(record) {
  if (!record) return ''
  return state.lang === 'en' && record.name_en ? record.name_en : record.name
}
