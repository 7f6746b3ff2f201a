// Which buttons a signed-in user gets on a resource's pages. The OpenAPI
// document names each operation's level (`x-access`, read by
// schema.recordOperations); which roles a level lets in, and which records
// staff and enterprise users answer for, are the server's rules as
// docs/SECURITY.md states them (src/access/access_level.h), which the document
// does not spell out. The server decides in the end: a button shown here that
// it refuses gets its 403 in words.

// Admins and the staff of departments and sub-districts.
export const staffRoles = ['admin', 'department', 'subdistrict']
export const isStaff = (user) => staffRoles.includes(user?.role)

// Whether `user` (null: the public) passes a level; `own` says the record is
// the user's own organization, which an enterprise user may change (`editor`).
export function passes(level, user, { own = false } = {}) {
  switch (level) {
    case 'public': return true
    case 'signed-in': return !!user
    case 'editor': return isStaff(user) || (user?.role === 'enterprise' && own)
    case 'staff': return isStaff(user)
    case 'admin': return user?.role === 'admin'
    default: return false  // no such operation, or a level this app does not know
  }
}

// An enterprise user's own record is its organization, named by its `org_id`.
const ownRecord = (user, record) => user?.role === 'enterprise' && !!user.org_id && record?.id === user.org_id

// Staff change the records their department answers for: the one named
// responsible for it, or one of its lead departments; where a record names
// neither (a space answers through its place), the server decides.
function answersFor(user, record, fields) {
  if (user.role === 'admin') return true
  if (fields.responsible_department_id) return record.responsible_department_id === user.department_id
  if (fields.lead_department_ids) return (record.lead_department_ids || []).includes(user.department_id)
  return true
}

export function mayList(operations, user) {
  return passes(operations?.list, user)
}

// A new record is nobody's own yet, so an `editor` create is for staff.
export function mayCreate(operations, user) {
  return passes(operations?.create === 'editor' ? 'staff' : operations?.create, user)
}

export function mayUpdate(operations, record, fields, user) {
  if (!user || !record || !passes(operations?.update, user, { own: ownRecord(user, record) })) return false
  return !isStaff(user) || answersFor(user, record, fields)
}

export function mayRemove(operations, record, fields, user) {
  if (!user || !record || !passes(operations?.remove, user, { own: ownRecord(user, record) })) return false
  return !isStaff(user) || answersFor(user, record, fields)
}
