// End-to-end: every page a user reaches from the side menu, and one record's
// page and one edit form per resource, walked as an admin, department and
// sub-district staff, an enterprise and the public, in 简体, 繁體 and English.
// What a person reads (document.body.innerText) must never show a record's
// id (the pack's slugs, the ids the server mints), a field's name as the
// schema spells it, or a seed document's file name; and on a 390-pixel phone
// no page scrolls sideways, its menu a drawer behind the menu button.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startAlley, overflow, root } from './support.mjs'

let alley, base, token, forbidden

const users = {
  admin: ['walk-admin', '--role', 'admin'],
  department: ['walk-staff', '--role', 'department', '--department', 'science-tech-commission'],
  subdistrict: ['walk-street', '--role', 'subdistrict', '--subdistrict', 'huayanglu-subdistrict'],
  enterprise: ['walk-firm', '--role', 'enterprise', '--org', 'demo-org-0009'],
}
const languages = ['zh-Hans', 'zh-Hant', 'en']
const phone = { width: 390, height: 844 }
const wide = { width: 1366, height: 768 }

const get = async (path, as = token) => {
  const response = await fetch(`${base}${path}`, { headers: as ? { Authorization: `Bearer ${as}` } : {} })
  return response.ok ? response.json() : null
}

// Every id of every record, read as the admin, page by page.
async function allIds(resources) {
  const ids = new Set()
  for (const { href } of resources) {
    let cursor = null
    do {
      const page = await get(`${href}?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      if (!page) break
      for (const item of page.items) ids.add(item.id)
      cursor = page.next
    } while (cursor)
  }
  return ids
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const anyOf = (words, inside) => new RegExp(`(?<![${inside}])(?:${[...words].map(escape).join('|')})(?![${inside}])`)

before(async () => {
  alley = await startAlley({ demo: true, users: Object.values(users) })
  base = alley.base
  token = alley.tokenFor('walk-admin')
  const index = await get('/api/v1')
  const document = await get('/api/v1/openapi.json')
  // Ids that are words the app itself uses in English (an area called
  // `district`) would be found in every sentence that says "district":
  // those are left to the slugs beside them.
  const english = JSON.stringify(JSON.parse(readFileSync(join(root, 'web', 'public', 'i18n', 'messages.en.json'), 'utf8')))
  const ids = [...await allIds(index.resources)].filter((id) => /[-_0-9]/.test(id) || !new RegExp(`\\b${escape(id)}\\b`).test(english))
  const fields = new Set()
  for (const schema of Object.values(document.components.schemas)) {
    for (const name of Object.keys(schema.properties || {})) if (name.includes('_')) fields.add(name)
  }
  forbidden = [
    ['a record id', anyOf(ids, 'a-z0-9_-')],
    ['an id the server minted', /\b[a-z]+-[0-9a-f]{16}\b/],
    ['a field name', anyOf(fields, 'A-Za-z0-9_')],
    ['a seed file name', /\d{3}_[^\s]*\.txt/],
  ]
})

after(async () => {
  await alley?.stop()
})

const withLang = (path, lang) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`

// What a page shows that a person should not read: [what, the text around it].
async function offences(p) {
  const text = await p.evaluate(() => document.body.innerText)
  return forbidden.flatMap(([what, pattern]) => {
    const found = pattern.exec(text)
    return found ? [`${what} "${found[0]}" in «${text.slice(Math.max(0, found.index - 40), found.index + found[0].length + 40).replace(/\s+/g, ' ')}»`] : []
  })
}

// A page is read once its requests have settled and nothing is loading.
async function open(p, path) {
  await p.goto(`${base}${path}`)
  await p.waitForLoadState('networkidle')
  await p.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null, { timeout: 10000 }).catch(() => {})
}

// Each role signs in once (the server slows down repeated sign-ins); its
// pages share that session's cookies.
const sessions = {}
async function signedIn(role, viewport) {
  if (role !== 'public' && !sessions[role]) {
    sessions[role] = (async () => {
      const first = await alley.page(wide)
      await alley.signIn(first, users[role][0])
      const state = await first.context().storageState()
      await first.context().close()
      return state
    })()
  }
  return alley.page(viewport, role === 'public' ? {} : { storageState: await sessions[role] })
}

// The side menu's pages, as the role's menu offers them.
async function menuPaths(role) {
  const p = await signedIn(role, wide)
  await open(p, '/')
  const paths = await p.locator('[data-test=side-menu] .el-menu-item[data-path]').evaluateAll((items) => items.map((item) => item.dataset.path))
  await p.context().close()
  return [...new Set(paths)]
}

// One record's page per resource the role may read, and for the admin an
// edit form of each; the page of every field too where a resource has a page of its own.
async function recordPaths(role) {
  const as = role === 'public' ? null : alley.tokenFor(users[role][0])
  const { resources } = await get('/api/v1')
  const paths = []
  for (const { name, href } of resources) {
    const page = await get(`${href}?limit=1&sort=name`, as)
    const record = page?.items[0]
    if (!record) continue
    paths.push(`/${name}/${record.id}`)
    if (['plans', 'policies', 'departments'].includes(name)) paths.push(`/records/${name}/${record.id}`)
    if (role === 'admin') paths.push(`/${name}/${record.id}/edit`)
  }
  if (role === 'admin') paths.push('/organizations/demo-org-0009/policies', '/organizations/new')
  if (role === 'enterprise') paths.push('/organizations/demo-org-0009', '/organizations/demo-org-0009/edit')
  return [...new Set(paths)]
}

// Walks `paths` in each language on `viewport`, four pages at a time; answers what it found.
async function walk(role, paths, viewport, langs) {
  const found = []
  const queue = langs.flatMap((lang) => paths.map((path) => [lang, path]))
  const worker = async () => {
    const p = await signedIn(role, viewport)
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [lang, path] = next
      await open(p, withLang(path, lang))
      for (const offence of await offences(p)) found.push(`${role} ${lang} ${viewport.width}px ${path}: ${offence}`)
      if (viewport.width === phone.width) {
        const wider = await overflow(p)
        if (wider > 1) found.push(`${role} ${lang} ${viewport.width}px ${path}: ${wider}px wider than the phone`)
      }
      assert.equal(await p.locator('[data-test=breadcrumbs]').count(), 1, `${path} has breadcrumbs`)
    }
    await p.context().close()
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return found
}

for (const role of ['admin', 'department', 'subdistrict', 'enterprise', 'public']) {
  test(`as ${role === 'public' ? 'the public' : `a user of role ${role}`}, no page shows an id, a field name or a file name, and none is wider than a phone`, async () => {
    const menu = await menuPaths(role)
    assert.ok(menu.includes('/'), 'the menu opens the home page')
    const paths = [...menu, ...await recordPaths(role)]
    const found = [
      ...await walk(role, paths, wide, languages),
      // On a phone in English, whose words are the longest to wrap.
      ...await walk(role, paths, phone, ['en']),
    ]
    assert.deepEqual(found, [], `${found.length} findings:\n${found.join('\n')}`)
  })
}

test('the side menu follows the role, and on a phone it is a drawer behind the menu button', async () => {
  const admin = await menuPaths('admin')
  for (const path of ['/users', '/audit', '/plans', '/kpis', '/reports/year-end', '/claims', '/policies', '/policy-calculator', '/map']) {
    assert.ok(admin.includes(path), `the admin's menu has ${path}`)
  }
  const staff = await menuPaths('department')
  assert.ok(staff.includes('/departments/science-tech-commission') && staff.includes('/claims') && !staff.includes('/users'))
  const firm = await menuPaths('enterprise')
  assert.ok(firm.includes('/organizations/demo-org-0009/policies') && firm.includes('/notifications'))
  assert.ok(!firm.includes('/claims') && !firm.includes('/plans') && !firm.includes('/audit'))
  const outsider = await menuPaths('public')
  assert.deepEqual(outsider.sort(), ['/', '/calendar', '/map', '/policies', '/policy-calculator', '/search', '/tickets'].sort())

  // At 1366 pixels every entry of the admin's menu is on screen or in reach
  // of the menu's own scroll: nothing hidden in an overflow menu.
  const p = await signedIn('admin', wide)
  await open(p, '/')
  assert.equal(await p.locator('.el-sub-menu__title:has-text("•••"), .el-menu--horizontal').count(), 0)
  for (const path of admin) assert.ok(await p.locator(`[data-test=side-menu] .el-menu-item[data-path="${path}"]`).isVisible(), `${path} shows in the menu`)
  await alley.shoot(p, 'walk-admin-home-1366')
  await p.context().close()

  const small = await signedIn('department', phone)
  await open(small, '/')
  assert.equal(await small.locator('.aside').isVisible(), false, 'no side menu beside the page on a phone')
  await small.click('[data-test=menu-button]')
  const drawer = small.locator('[data-test=menu-drawer] [data-test=side-menu]')
  await drawer.waitFor()
  await alley.shoot(small, 'walk-menu-drawer-phone')
  await drawer.locator('[data-path="/claims"]').click()
  await small.waitForURL(`${base}/claims`)
  await small.waitForSelector('[data-test=menu-drawer] [data-test=side-menu]', { state: 'hidden' })
  assert.match(await small.locator('[data-test=breadcrumbs]').innerText(), /首页\s*\/\s*消息与待办\s*\/\s*待核实申报/)
  await small.context().close()
})

test('breadcrumbs name the module, the list and the record, never its id', async () => {
  const p = await signedIn('admin', wide)
  const crumbs = async () => (await p.locator('[data-test=breadcrumbs]').innerText()).replace(/\s+/g, '')
  await open(p, '/places/xinwei-zhigu/edit')
  assert.equal(await crumbs(), '首页/企业与载体/场所/新微智谷/编辑')
  await open(p, '/policies?lang=en')
  assert.equal(await crumbs(), 'Home/Policies/Allpolicies')
  await open(p, '/plans/plan-huayang-2025?lang=zh-Hans')
  assert.match(await crumbs(), /^首页\/规划与考核\/行动方案\/.*华阳/)
  await p.context().close()
})
