// The unread count behind the header's bell, shared with the notifications
// page so that marking one read shows at once in the header.
import { reactive } from 'vue'
import { api, session } from './api.js'
import { t, currentLang } from './i18n.js'
import { policyName } from './policies.js'

export const inbox = reactive({ unread: 0 })

export async function refreshUnread() {
  if (!session.user) {
    inbox.unread = 0
    return
  }
  try {
    inbox.unread = (await api.get('/api/v1/notifications?limit=1')).unread
  } catch {
    // A missed count is not worth an error on every page; the next navigation asks again.
  }
}

export async function markRead(notification) {
  const updated = await api.post(`/api/v1/notifications/${notification.id}/read`)
  if (!notification.read_at) inbox.unread = Math.max(0, inbox.unread - 1)
  notification.read_at = updated.read_at
  return updated
}

// The record a notification is about (a reminder's organization), unless it is the policy or the organization already linked.
export const subjectShown = (item) => item.subject_resource && item.subject_id &&
  !(item.subject_resource === 'organizations' && item.subject_id === item.organization_id) &&
  !(item.subject_resource === 'policies' && item.subject_id === item.policy_id)
export const subjectName = (item) => (currentLang() === 'en' && item.subject_name_en) || item.subject_name || t('notifications.unnamed')

// A match on an illustrative rule is the platform's estimate, not the policy's
// terms: the Chinese message says so at its end, and so does the English one —
// to the enterprise, that the policy's text decides; to the department, briefly.
function illustrativeNote(item) {
  if (item.rule_basis !== 'illustrative') return ''
  return item.recipient_kind === 'organization' ? t('notifications.illustrativeToOrganization') : t('notifications.illustrative')
}

// What a notification says. The server words its messages in Chinese; in
// English the facts are restated from the fields.
export function notificationText(item) {
  if (currentLang() === 'en' && item.kind === 'pipeline_reminder' && item.subject_name) {
    const step = item.details?.next_step
    return t('notifications.reminder', { name: subjectName(item) }) + (step ? ` — ${step}` : '')
  }
  if (currentLang() !== 'en' || item.kind !== 'policy_match' || !item.policy_id) return item.message
  const policy = policyName({ policy_id: item.policy_id, name: item.policy_name })
  const said = item.match_count > 1
    ? t('notifications.newMatches', { n: item.match_count, policy, org: item.organization_name })
    : t('notifications.qualifies', { org: item.organization_name, policy })
  return said + illustrativeNote(item)
}
