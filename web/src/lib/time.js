// Every moment the app shows, in the district's own time (Asia/Shanghai,
// UTC+8 all year) whatever the reader's machine says, as 2026-12-01 22:05
// in every language. The server writes moments in ISO 8601 UTC ("…Z").
const minutes = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
})
const seconds = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})

// '' for no moment; what is not a moment shows as it came. `withSeconds` for
// logs, where several entries share a minute.
export function formatTime(iso, { withSeconds = false } = {}) {
  if (!iso) return ''
  const moment = new Date(iso)
  if (Number.isNaN(moment.getTime())) return String(iso)
  const part = Object.fromEntries((withSeconds ? seconds : minutes).formatToParts(moment).map(({ type, value }) => [type, value]))
  const time = `${part.hour}:${part.minute}${withSeconds ? ':' + part.second : ''}`
  return `${part.year}-${part.month}-${part.day} ${time}`
}

// Today's date in the district (2026-12-01), for comparing with dates such as a task's due date.
export const districtToday = () => formatTime(new Date().toISOString()).slice(0, 10)

// This year in the district (2026), the year a review is of unless another is asked for.
export const districtYear = () => Number(districtToday().slice(0, 4))
