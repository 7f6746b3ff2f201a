import { createRouter, createWebHistory } from 'vue-router'
import Dashboard from './pages/Dashboard.vue'
import MapPage from './pages/MapPage.vue'
import RecordList from './pages/RecordList.vue'
import RecordDetail from './pages/RecordDetail.vue'
import RecordEdit from './pages/RecordEdit.vue'
import SearchPage from './pages/SearchPage.vue'
import LoginPage from './pages/LoginPage.vue'
import UsersPage from './pages/UsersPage.vue'
import AuditPage from './pages/AuditPage.vue'
import KpiPage from './pages/KpiPage.vue'
import PlanPage from './pages/PlanPage.vue'
import DepartmentPage from './pages/DepartmentPage.vue'
import { session } from './lib/api.js'

// The policy pages load on first use, to keep the first download no larger than it was.
const CalculatorPage = () => import('./pages/CalculatorPage.vue')
const OrganizationPolicies = () => import('./pages/OrganizationPolicies.vue')
const NotificationsPage = () => import('./pages/NotificationsPage.vue')
const PolicyPage = () => import('./pages/PolicyPage.vue')

const resources = 'organizations|places|spaces'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Dashboard },
    { path: '/map', component: MapPage },
    { path: '/search', component: SearchPage },
    { path: '/login', component: LoginPage },
    { path: '/kpis', component: KpiPage },
    { path: '/plans', component: PlanPage },
    { path: '/plans/:id', component: PlanPage, props: true },
    { path: '/departments/:id', component: DepartmentPage, props: true },
    { path: '/policy-calculator', component: CalculatorPage },
    { path: '/policies/:id', component: PolicyPage, props: true },
    { path: '/organizations/:id/policies', component: OrganizationPolicies, props: true, meta: { signedIn: true } },
    { path: '/notifications', component: NotificationsPage, meta: { signedIn: true } },
    { path: '/users', component: UsersPage, meta: { roles: ['admin'] } },
    { path: '/audit', component: AuditPage, meta: { roles: ['admin'] } },
    { path: `/:resource(${resources})`, component: RecordList, props: true },
    { path: `/:resource(${resources})/:id`, component: RecordDetail, props: true },
    { path: `/:resource(${resources})/:id/edit`, component: RecordEdit, props: true, meta: { signedIn: true } },
  ],
})

// Pages for users only send the public to the sign-in page, and back afterwards.
router.beforeEach((to) => {
  const needsUser = to.meta.signedIn || to.meta.roles
  if (needsUser && !session.user) return { path: '/login', query: { next: to.fullPath } }
  if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return { path: '/' }
})
