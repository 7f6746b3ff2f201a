// The side menu, grouped by module as the back offices of Chinese government
// systems are, and the module and list a page belongs to for its breadcrumbs.
// An entry shows to the roles that may use it: a page's roles come from the
// router's meta (`roles`, `signedIn`), a list's from the document's
// `x-access` (lib/permissions.js), a module's own `roles` say whose work it
// is (the plans and their review are the district's, not the public's), an
// entry's own `roles` whose list it is (the events' lists are staff's; the
// public have the calendar). A
// registry entry shows while the server lists its resource; `needs` names
// the resource a page of its own shows (/plans the plans). 数据目录 holds every
// other resource the server lists, for staff.
import { t } from './i18n.js'
import { inbox } from './notifications.js'
import { pending } from './claims.js'
import { waiting } from './registrations.js'
import { declared, recordOperations, resourceLabel } from './schema.js'
import { mayList, staffRoles } from './permissions.js'
import { listPath } from './paths.js'

const signedIn = ['admin', 'department', 'subdistrict', 'enterprise']

export const modules = [
  { path: '/', label: 'nav.home', test: 'nav-home' },
  { path: '/dashboard', label: 'nav.dashboard', test: 'nav-dashboard', roles: ['department', 'subdistrict'] },
  { path: '/map', label: 'nav.map', test: 'nav-map' },
  { key: 'registry', label: 'nav.registry', test: 'nav-registry', roles: signedIn, items: [
    { resource: 'organizations' }, { resource: 'places' }, { resource: 'spaces' }, { resource: 'talents' },
  ] },
  { key: 'planning', label: 'nav.planning', test: 'nav-planning', roles: staffRoles, items: [
    { path: '/plans', label: 'nav.plans', needs: 'plans', test: 'nav-plans' },
    { resource: 'tasks' },
    { path: '/kpis', label: 'nav.kpis', needs: 'kpis', test: 'nav-kpis' },
    { path: '/reports/year-end', label: 'nav.yearEnd', test: 'nav-year-end', needs: 'plans' },
    { resource: 'proposals' },
  ] },
  { key: 'policies', label: 'nav.policies', test: 'nav-policies', items: [
    { path: '/policies', label: 'nav.policyList', test: 'nav-policy-list', needs: 'policies' },
    { path: '/policy-calculator', label: 'nav.calculator', test: 'nav-calculator' },
    { path: (user) => user?.org_id && `/organizations/${user.org_id}/policies`, label: 'nav.myPolicies', test: 'nav-my-policies' },
  ] },
  { key: 'service', label: 'nav.service', test: 'nav-service', roles: signedIn, items: [
    { path: '/my-demands', label: 'nav.myDemands', needs: 'demands', test: 'nav-my-demands' },
    { path: '/demand-inbox', label: 'nav.demandInbox', needs: 'demands', test: 'nav-demand-inbox' },
    { path: '/demand-board', label: 'nav.demandBoard', needs: 'demands', test: 'nav-demand-board' },
    { resource: 'demands' }, { resource: 'service_categories' }, { resource: 'routing_rules' },
  ] },
  { key: 'events', label: 'nav.events', test: 'nav-events', items: [
    { path: '/calendar', label: 'nav.calendar', needs: 'events', test: 'nav-calendar' },
    { path: '/tickets', label: 'nav.tickets', needs: 'events', test: 'nav-tickets' },
    { resource: 'events', roles: staffRoles }, { resource: 'event_series', roles: staffRoles },
  ] },
  { key: 'inbox', label: 'nav.inbox', test: 'nav-inbox', roles: signedIn, items: [
    { path: '/notifications', label: 'notifications.title', test: 'nav-notifications', count: () => inbox.unread },
    { path: '/claims', label: 'nav.claims', test: 'nav-claims', count: () => pending.count },
    { path: '/registrations', label: 'nav.registrations', test: 'nav-registrations', count: () => waiting.count },
    { path: (user) => user?.department_id && `/departments/${user.department_id}`, label: 'plan.myDepartment', test: 'nav-my-department' },
  ] },
  { key: 'system', label: 'nav.system', test: 'nav-system', roles: staffRoles, items: [
    { path: '/users', label: 'nav.users', test: 'nav-users' },
    { path: '/audit', label: 'nav.audit', test: 'nav-audit' },
    { catalogue: true },
  ] },
  { path: '/search', label: 'nav.search', test: 'nav-search' },
]

const listed = (name) => declared.resources.some((resource) => resource.name === name)
// Until the document says who may read a list, the menu offers it.
const readable = (name, user) => !declared.document || mayList(recordOperations(name), user)
const placed = new Set(modules.flatMap((module) => module.items || []).flatMap((item) => [item.resource, item.needs]).filter(Boolean))

// A resource's label in the menu: the menu's own word, else the catalogue's, else the server's title.
function resourceEntry(name) {
  const label = t('nav.' + name)
  return { path: listPath(name), label: label.startsWith('nav.') ? resourceLabel(name) : label, resource: name, test: `nav-${name}` }
}

// Whether `user` may open a page of the router (`resolve`: the router's resolve).
function mayOpen(path, user, resolve) {
  const meta = resolve(path).meta
  if (meta.roles) return meta.roles.includes(user?.role)
  return !meta.signedIn || !!user
}

// The menu for `user` (null: the public) as [{index, label, test, path} or
// {index, label, test, items}]; `everything` keeps what the user may not use,
// for naming the module of a page opened by its address.
export function menuFor(user, resolve, { everything = false } = {}) {
  const allowed = (roles) => everything || !roles || roles.includes(user?.role)
  const item = (entry) => {
    if (!allowed(entry.roles)) return []
    if (entry.catalogue) {
      const items = declared.resources.filter(({ name }) => !placed.has(name) && (everything || readable(name, user))).map(({ name }) => resourceEntry(name))
      return items.length ? [{ index: 'catalogue', label: t('nav.catalogue'), test: 'nav-catalogue', items }] : []
    }
    if (entry.resource) return listed(entry.resource) && (everything || readable(entry.resource, user)) ? [resourceEntry(entry.resource)] : []
    const path = typeof entry.path === 'function' ? entry.path(user) : entry.path
    if (!path || (entry.needs && !listed(entry.needs)) || (!everything && !mayOpen(path, user, resolve))) return []
    return [{ path, label: t(entry.label), test: entry.test, count: entry.count }]
  }
  return modules.flatMap((module) => {
    if (!allowed(module.roles)) return []
    if (!module.items) return item(module).map((entry) => ({ ...entry, index: entry.path }))
    const items = module.items.flatMap(item)
    return items.length ? [{ index: module.key, label: t(module.label), test: module.test, items }] : []
  })
}

// Every page entry of a menu with the modules it sits in: [{path, label, trail: [module labels]}].
function pages(menu, trail = []) {
  return menu.flatMap((entry) => (entry.items ? pages(entry.items, [...trail, entry.label]) : [{ ...entry, trail }]))
}

// The entry a path belongs to: its own, else the one whose path it continues
// (/organizations/x under /organizations), a record's page of every field
// (/records/plans/x) under its resource's list.
export function entryOf(path, user, resolve) {
  const candidates = [...pages(menuFor(user, resolve)), ...pages(menuFor(user, resolve, { everything: true }))]
  const exact = candidates.find((entry) => entry.path === path)
  if (exact) return { entry: exact, rest: [] }
  const plain = path.startsWith('/records/') ? path.slice('/records'.length) : path
  const within = candidates.filter((entry) => entry.path !== '/' && (plain === entry.path || plain.startsWith(entry.path + '/') ||
    (entry.resource && plain.startsWith(`/${entry.resource}/`))))
  const best = within.sort((a, b) => b.path.length - a.path.length)[0]
  if (!best) return null
  const base = plain.startsWith(best.path) ? best.path : `/${best.resource}`
  return { entry: best, rest: plain.slice(base.length).split('/').filter(Boolean) }
}
