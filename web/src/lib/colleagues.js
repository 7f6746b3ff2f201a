// The staff a user may name as the owner of a next step: every active staff
// user for an admin, the staff of one's own department otherwise (the server
// decides which). Read once per signed-in user; a failed read is asked again.
import { api, session } from './api.js'

let asked = null
let askedFor = null

// [{id, username, role, department_id}]
export function loadColleagues() {
  const user = session.user?.id || null
  if (!asked || askedFor !== user) {
    askedFor = user
    asked = api.get('/api/v1/colleagues').then((list) => list.items).catch((error) => {
      asked = null
      throw error
    })
  }
  return asked
}
