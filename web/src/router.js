import { createRouter, createWebHistory } from 'vue-router'
import Dashboard from './pages/system/Dashboard.vue'
import HomePage from './pages/system/HomePage.vue'
import SearchPage from './pages/search/SearchPage.vue'
import MapPage from './pages/registry/MapPage.vue'
import RecordList from './pages/registry/RecordList.vue'
import RecordDetail from './pages/registry/RecordDetail.vue'
import RecordEdit from './pages/registry/RecordEdit.vue'
import LoginPage from './pages/accounts/LoginPage.vue'
import UsersPage from './pages/accounts/UsersPage.vue'
import AuditPage from './pages/accounts/AuditPage.vue'
import KpiPage from './pages/plans/KpiPage.vue'
import PlanPage from './pages/plans/PlanPage.vue'
import DepartmentPage from './pages/plans/DepartmentPage.vue'
import { session } from './lib/api.js'
import { staffRoles } from './lib/permissions.js'
import { settlePaths, listPath, recordPath, editPath, createPath } from './lib/paths.js'

// The policy pages and the claims inbox load on first use, to keep the first download no larger than it was.
const CalculatorPage = () => import('./pages/policies/CalculatorPage.vue')
const OrganizationPolicies = () => import('./pages/policies/OrganizationPolicies.vue')
const NotificationsPage = () => import('./pages/policies/NotificationsPage.vue')
const PolicyPage = () => import('./pages/policies/PolicyPage.vue')
const PolicyList = () => import('./pages/policies/PolicyList.vue')
const ClaimsInbox = () => import('./pages/registry/ClaimsInbox.vue')
// Enterprises register once, and staff review now and then: both load when opened.
const RegisterPage = () => import('./pages/accounts/RegisterPage.vue')
const RegistrationsPage = () => import('./pages/accounts/RegistrationsPage.vue')
// The year-end review is for staff, once a year: loaded when opened.
const YearEndPage = () => import('./pages/plans/YearEndPage.vue')
// The service desk's pages: an enterprise's own demands, a unit's inbox, the leaders' board.
const MyDemands = () => import('./pages/demands/MyDemands.vue')
const DemandInbox = () => import('./pages/demands/DemandInbox.vue')
const DemandBoard = () => import('./pages/demands/DemandBoard.vue')
// The events' pages: the public calendar, an event's page, tickets, and the organisers' list and door.
const EventCalendar = () => import('./pages/events/EventCalendar.vue')
const EventPage = () => import('./pages/events/EventPage.vue')
const TicketsPage = () => import('./pages/events/TicketsPage.vue')
const EventRegistrations = () => import('./pages/events/EventRegistrations.vue')
const CheckInPage = () => import('./pages/events/CheckInPage.vue')

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomePage },
    { path: '/dashboard', component: Dashboard },
    { path: '/search', component: SearchPage },
    { path: '/login', component: LoginPage },
    { path: '/register', component: RegisterPage },
    { path: '/registrations', component: RegistrationsPage, meta: { roles: staffRoles } },
    { path: '/users', component: UsersPage, meta: { roles: ['admin'] } },
    { path: '/audit', component: AuditPage, meta: { roles: ['admin'] } },
    { path: '/kpis', component: KpiPage },
    { path: '/plans', component: PlanPage },
    { path: '/plans/:id', component: PlanPage, props: true },
    { path: '/departments/:id', component: DepartmentPage, props: true },
    { path: '/reports/year-end', component: YearEndPage, meta: { roles: staffRoles } },
    { path: '/policy-calculator', component: CalculatorPage },
    { path: '/policies', component: PolicyList },
    { path: '/policies/:id', component: PolicyPage, props: true },
    { path: '/organizations/:id/policies', component: OrganizationPolicies, props: true, meta: { signedIn: true } },
    { path: '/notifications', component: NotificationsPage, meta: { signedIn: true } },
    { path: '/claims', component: ClaimsInbox, meta: { roles: staffRoles } },
    { path: '/map', component: MapPage },
    { path: '/my-demands', component: MyDemands, meta: { roles: ['enterprise'] } },
    { path: '/demand-inbox', component: DemandInbox, meta: { roles: staffRoles } },
    { path: '/demand-board', component: DemandBoard, meta: { roles: staffRoles } },
    { path: '/calendar', component: EventCalendar },
    { path: '/events/:id', component: EventPage, props: true },
    { path: '/events/:id/registrations', component: EventRegistrations, props: true, meta: { roles: staffRoles } },
    { path: '/events/:id/check-in', component: CheckInPage, props: true, meta: { roles: staffRoles } },
    { path: '/tickets', component: TicketsPage },
  ],
})

// Every resource the server lists gets a list, a page of its fields, an edit
// and a new-record form; where a page of its own holds the list's or the
// record's path, the generic one moves under /records/ (lib/paths.js). A
// literal `new` outranks a record's `:id`, so /plans/new is the form.
export function addRecordRoutes(resources) {
  for (const { name } of resources) {
    if (router.hasRoute(`list-${name}`)) continue
    settlePaths(name, { list: router.resolve(`/${name}`).matched.length > 0, detail: router.resolve(`/${name}/0`).matched.length > 0 })
    const withId = (route) => ({ resource: name, id: route.params.id })
    router.addRoute({ name: `list-${name}`, path: listPath(name), component: RecordList, props: { resource: name } })
    router.addRoute({ name: `new-${name}`, path: createPath(name), component: RecordEdit, props: { resource: name }, meta: { signedIn: true } })
    router.addRoute({ name: `record-${name}`, path: recordPath(name, ':id'), component: RecordDetail, props: withId })
    router.addRoute({ name: `edit-${name}`, path: editPath(name, ':id'), component: RecordEdit, props: withId, meta: { signedIn: true } })
  }
}

// Pages for users only send the public to the sign-in page, and back afterwards.
router.beforeEach((to) => {
  const needsUser = to.meta.signedIn || to.meta.roles
  if (needsUser && !session.user) return { path: '/login', query: { next: to.fullPath } }
  if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return { path: '/' }
})
