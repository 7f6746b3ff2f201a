// The unread count behind the header's bell, shared with the notifications
// page so that marking one read shows at once in the header.
import { reactive } from 'vue'
import { api, session } from './api.js'

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
