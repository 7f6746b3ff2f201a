import { createRouter, createWebHistory } from 'vue-router'
import Dashboard from './pages/system/Dashboard.vue'
import SearchPage from './pages/search/SearchPage.vue'
import MapPage from './pages/registry/MapPage.vue'
import RecordList from './pages/registry/RecordList.vue'
import RecordDetail from './pages/registry/RecordDetail.vue'
import RecordEdit from './pages/registry/RecordEdit.vue'
import { pagedResources } from './pages/registry/layouts.js'
import LoginPage from './pages/accounts/LoginPage.vue'
import UsersPage from './pages/accounts/UsersPage.vue'
import AuditPage from './pages/accounts/AuditPage.vue'
import KpiPage from './pages/plans/KpiPage.vue'
import PlanPage from './pages/plans/PlanPage.vue'
import DepartmentPage from './pages/plans/DepartmentPage.vue'
import { session } from './lib/api.js'

// The policy pages load on first use, to keep the first download no larger than it was.
const CalculatorPage = () => import('./pages/policies/CalculatorPage.vue')
const OrganizationPolicies = () => import('./pages/policies/OrganizationPolicies.vue')
const NotificationsPage = () => import('./pages/policies/NotificationsPage.vue')
const PolicyPage = () => import('./pages/policies/PolicyPage.vue')

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Dashboard },
    { path: '/search', component: SearchPage },
    { path: '/login', component: LoginPage },
    { path: '/users', component: UsersPage, meta: { roles: ['admin'] } },
    { path: '/audit', component: AuditPage, meta: { roles: ['admin'] } },
    { path: '/kpis', component: KpiPage },
    { path: '/plans', component: PlanPage },
    { path: '/plans/:id', component: PlanPage, props: true },
    { path: '/departments/:id', component: DepartmentPage, props: true },
    { path: '/policy-calculator', component: CalculatorPage },
    { path: '/policies/:id', component: PolicyPage, props: true },
    { path: '/organizations/:id/policies', component: OrganizationPolicies, props: true, meta: { signedIn: true } },
    { path: '/notifications', component: NotificationsPage, meta: { signedIn: true } },
    { path: '/map', component: MapPage },
    { path: `/:resource(${pagedResources})`, component: RecordList, props: true },
    { path: `/:resource(${pagedResources})/:id`, component: RecordDetail, props: true },
    { path: `/:resource(${pagedResources})/:id/edit`, component: RecordEdit, props: true, meta: { signedIn: true } },
  ],
})

// Pages for users only send the public to the sign-in page, and back afterwards.
router.beforeEach((to) => {
  const needsUser = to.meta.signedIn || to.meta.roles
  if (needsUser && !session.user) return { path: '/login', query: { next: to.fullPath } }
  if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return { path: '/' }
})
