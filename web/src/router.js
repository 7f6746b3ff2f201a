import { createRouter, createWebHistory } from 'vue-router'
import Dashboard from './pages/Dashboard.vue'
import MapPage from './pages/MapPage.vue'
import RecordList from './pages/RecordList.vue'
import RecordDetail from './pages/RecordDetail.vue'
import RecordEdit from './pages/RecordEdit.vue'
import SearchPage from './pages/SearchPage.vue'

const resources = 'organizations|places|spaces'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Dashboard },
    { path: '/map', component: MapPage },
    { path: '/search', component: SearchPage },
    { path: `/:resource(${resources})`, component: RecordList, props: true },
    { path: `/:resource(${resources})/:id`, component: RecordDetail, props: true },
    { path: `/:resource(${resources})/:id/edit`, component: RecordEdit, props: true },
  ],
})
