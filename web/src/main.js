import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import 'leaflet/dist/leaflet.css'
import './style.css'
import App from './App.vue'
import { router, addRecordRoutes } from './router.js'
import { loadLanguage } from './lib/i18n.js'
import { loadSession } from './lib/api.js'
import { loadResources } from './lib/schema.js'

// The menu and the record pages follow the resources the server lists, so the
// list comes before the first page; without it the app still starts, with the
// menu's other entries.
const resources = () => loadResources().catch(() => [])
Promise.all([loadLanguage().then(resources), loadSession()]).then(([listed]) => {
  addRecordRoutes(listed)
  createApp(App).use(ElementPlus).use(router).mount('#app')
})
