import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import 'leaflet/dist/leaflet.css'
import './style.css'
import App from './App.vue'
import { router } from './router.js'
import { loadLanguage } from './lib/i18n.js'
import { loadSession } from './lib/api.js'

Promise.all([loadLanguage(), loadSession()]).then(() => createApp(App).use(ElementPlus).use(router).mount('#app'))
