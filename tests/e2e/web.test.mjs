// End-to-end: the real server with the Silicon Alley pack and the demo
// population, the built web app, and Debian's Chromium driven by
// playwright-core. Screenshots go to $ALLEY_ARTIFACTS (test-artifacts/ by default).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow } from './support.mjs'

let alley, base

before(async () => {
  alley = await startAlley({
    demo: true,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-firm', '--role', 'enterprise', '--org', 'demo-org-0009'],
      ['e2e-staff', '--role', 'department', '--department', 'science-tech-commission'],
      ['e2e-street', '--role', 'subdistrict', '--subdistrict', 'huayanglu-subdistrict'],
      ['e2e-other-staff', '--role', 'department', '--department', 'culture-tourism-bureau'],
    ],
  })
  base = alley.base
})

after(async () => {
  await alley?.stop()
})

const page = (viewport) => alley.page(viewport)
const signIn = (opened, name) => alley.signIn(opened, name)
const shoot = (opened, name) => alley.shoot(opened, name)

test('the map draws the boundary and a named carrier, with no network', async () => {
  const p = await page()
  const outside = []
  p.on('request', (request) => { if (!request.url().startsWith(base)) outside.push(request.url()) })
  await p.goto(`${base}/map`)
  await p.waitForSelector('[data-test=map][data-loaded=true]')
  // The district boundary, drawn from the pack's polygon.
  assert.equal(await p.locator('path.district-boundary').count(), 1)
  const outline = await p.locator('path.district-boundary').getAttribute('d')
  assert.ok(outline.length > 100, 'the boundary has its shape')
  // A named carrier: 新微智谷, with its popup.
  await p.locator('[data-place="xinwei-zhigu"]').click({ force: true })
  await p.waitForSelector('[data-test=popup]')
  const popup = await p.locator('[data-test=popup]').innerText()
  assert.match(popup, /新微智谷/)
  assert.match(popup, /创新载体/)
  assert.match(popup, /位置为估计/)
  assert.match(await p.locator('[data-test=legend]').innerText(), /街区边界/)
  await shoot(p, 'map-1366')
  assert.deepEqual(outside, [], 'the map fetched something outside the server')
})

test('search finds 芯片 and, in Traditional script, 創新', async () => {
  const p = await page()
  await p.goto(`${base}/`)
  await p.fill('[data-test=search-box] input', '芯片')
  await p.press('[data-test=search-box] input', 'Enter')
  await p.waitForSelector('[data-test=hit]')
  assert.match(await p.locator('[data-test=hit]').first().innerText(), /芯片/)
  assert.match(await p.locator('[data-test=hit]').first().innerText(), /示例数据/)
  await shoot(p, 'search-chip')
  await p.goto(`${base}/search?q=${encodeURIComponent('創新')}`)
  await p.waitForSelector('[data-test=hit]')
  assert.match(await p.locator('[data-test=search-results]').innerText(), /创新/)
  await shoot(p, 'search-traditional')
})

test('editing an enterprise survives a reload', async () => {
  const p = await page()
  await signIn(p, 'e2e-admin')
  await p.goto(`${base}/organizations/demo-org-0007/edit`)
  const input = p.locator('[data-field=employees] input')
  await input.waitFor()
  await input.fill('4321')
  await p.click('[data-test=save]')
  await p.waitForURL(`${base}/organizations/demo-org-0007`)
  await p.reload()
  await p.waitForSelector('[data-field=employees]')
  assert.equal((await p.locator('span[data-field=employees]').innerText()).trim(), '4321')
  await shoot(p, 'edit-saved')
})

test('a bad 统一社会信用代码 is reported next to its field', async () => {
  const p = await page()
  await signIn(p, 'e2e-admin')
  await p.goto(`${base}/organizations/demo-org-0008/edit`)
  const input = p.locator('[data-field=uscc] input')
  await input.waitFor()
  await input.fill('91350100M000100Y44')
  await p.click('[data-test=save]')
  const message = p.locator('[data-field=uscc] .el-form-item__error')
  await message.waitFor()
  assert.match(await message.innerText(), /校验位/)
  await shoot(p, 'edit-invalid-uscc')
})

test('the interface switches to 繁體中文 (Taiwan and Hong Kong) and English', async () => {
  const p = await page()
  await p.goto(`${base}/places/xinwei-zhigu`)
  await p.waitForSelector('[data-test=record-name]')
  await p.click('[data-test=lang]')
  await p.click('.el-select-dropdown__item:has-text("繁體中文（臺灣）")')
  await p.waitForFunction(() => document.documentElement.lang === 'zh-Hant')
  await p.waitForSelector('[data-test=record-name]')
  assert.match(await p.locator('header').innerText(), /科創街區/)
  assert.match(await p.locator('[data-test=detail]').innerText(), /創新載體|來源/)
  await shoot(p, 'lang-zh-hant')
  // Taiwan writes 臺 where Hong Kong writes 台 (the KPI's name: 创新功能性平台).
  await p.goto(`${base}/kpis`)
  await p.waitForSelector('[data-test=kpi-status]')
  assert.match(await p.locator('[data-test=kpis]').innerText(), /創新功能性平臺/)
  await p.goto(`${base}/kpis?lang=zh-Hant-HK`)
  await p.waitForFunction(() => document.documentElement.lang === 'zh-Hant-HK')
  await p.waitForSelector('[data-test=kpi-status]')
  assert.match(await p.locator('[data-test=kpis]').innerText(), /創新功能性平台/)
  await p.goto(`${base}/places/xinwei-zhigu?lang=en`)
  await p.waitForSelector('[data-test=record-name]')
  assert.equal((await p.locator('[data-test=record-name]').innerText()).trim(), 'Xinwei Zhigu')
  assert.match(await p.locator('[data-test=side-menu]').innerText(), /District map/)
  await shoot(p, 'lang-en')
})

test('public pages fit a 390-pixel phone', async () => {
  const p = await page({ width: 390, height: 844 })
  for (const [path, ready, name] of [['/map', '[data-test=map][data-loaded=true]', 'phone-map'],
                                     [`/search?q=${encodeURIComponent('硅巷')}`, '[data-test=hit]', 'phone-search'],
                                     ['/places/xinwei-zhigu', '[data-test=record-name]', 'phone-detail']]) {
    await p.goto(`${base}${path}`)
    await p.waitForSelector(ready)
    const wider = await overflow(p)
    assert.ok(wider <= 1, `${path} is ${wider}px wider than the phone`)
    await shoot(p, name)
  }
})

test('the dashboard shows its charts at 1366×768', async () => {
  const p = await page()
  await p.goto(`${base}/dashboard`)
  await p.waitForSelector('[data-test=enterprise-count]')
  await p.waitForSelector('.chart canvas')
  assert.ok(Number(await p.locator('[data-test=enterprise-count]').innerText()) >= 600)
  // The public gets no counts by tier or pipeline: the registry hides those fields.
  assert.equal(await p.locator('.chart canvas').count() >= 2, true)
  assert.equal(await p.locator('[data-test=tier-chart]').count(), 0)
  await shoot(p, 'dashboard-public-1366')
  await signIn(p, 'e2e-staff')
  await p.goto(`${base}/dashboard`)
  await p.waitForSelector('[data-test=tier-chart] canvas')
  assert.equal(await p.locator('.chart canvas').count() >= 4, true)
  await shoot(p, 'dashboard-1366')
})

test('the public sees public fields only and cannot edit', async () => {
  const p = await page()
  await p.goto(`${base}/organizations/demo-org-0007`)
  await p.waitForSelector('[data-test=record-name]')
  assert.equal(await p.locator('[data-test=edit]').count(), 0)
  assert.equal(await p.locator('span[data-field=employees]').count(), 0, 'headcount is not public')
  assert.equal(await p.locator('span[data-field=revenue_10k_cny]').count(), 0, 'revenue is not public')
  await p.goto(`${base}/organizations/demo-org-0007/edit`)
  await p.waitForSelector('[data-test=login]')
  await shoot(p, 'role-public')
})

test('an enterprise user edits its own organization and no other', async () => {
  const p = await page()
  await signIn(p, 'e2e-firm')
  await p.goto(`${base}/organizations/demo-org-0009`)
  await p.waitForSelector('[data-test=edit]')
  assert.ok(await p.locator('span[data-field=employees]').count() === 1, 'its own figures are visible')
  // Its own facts are editable; the district's designations of it (its kind) are shown locked.
  await p.goto(`${base}/organizations/demo-org-0009/edit`)
  await p.waitForSelector('[data-test=edit-form] [data-field=employees] input:not([disabled])')
  assert.equal(await p.locator('[data-test=edit-form] [data-field=kind] [data-test=set-by-staff]').count(), 1)
  assert.equal(await p.locator('[data-test=edit-form] [data-field=employees] [data-test=set-by-staff]').count(), 0)
  await shoot(p, 'edit-enterprise')
  await p.goto(`${base}/organizations/demo-org-0010`)
  await p.waitForSelector('[data-test=record-name]')
  assert.equal(await p.locator('[data-test=edit]').count(), 0)
  assert.equal(await p.locator('span[data-field=employees]').count(), 0)
  assert.equal(await p.locator('.el-menu-item:has-text("用户管理")').count(), 0)
  await shoot(p, 'role-enterprise')
})

test('department staff see figures and may edit; only admins manage users', async () => {
  const staff = await page()
  await signIn(staff, 'e2e-staff')
  await staff.goto(`${base}/organizations/demo-org-0010`)
  await staff.waitForSelector('[data-test=edit]')
  assert.equal(await staff.locator('span[data-field=employees]').count(), 1)
  assert.equal(await staff.locator('.el-menu-item:has-text("用户管理")').count(), 0)
  await shoot(staff, 'role-department')
  // Another department sees the figures but may not change a firm it does not answer for.
  const other = await page()
  await signIn(other, 'e2e-other-staff')
  await other.goto(`${base}/organizations/demo-org-0010`)
  await other.waitForSelector('span[data-field=employees]')
  assert.equal(await other.locator('[data-test=edit]').count(), 0)
  const admin = await page()
  await signIn(admin, 'e2e-admin')
  await admin.goto(`${base}/users`)
  await admin.waitForSelector('[data-test=users] .el-table__row')
  assert.match(await admin.locator('[data-test=users]').innerText(), /e2e-firm/)
  await shoot(admin, 'role-admin-users')
  // The edit made earlier is in the audit log, with who made it.
  await admin.goto(`${base}/audit`)
  await admin.waitForSelector('[data-test=audit] .el-table__row')
  assert.match(await admin.locator('[data-test=audit]').innerText(), /e2e-admin/)
  await shoot(admin, 'role-admin-audit')
  // Others are sent away from the admin pages.
  await staff.goto(`${base}/audit`)
  await staff.waitForSelector('[data-test=home-staff]')
})

test('sub-district staff edit the places their sub-district answers for', async () => {
  const p = await page()
  await signIn(p, 'e2e-street')
  const theirs = await (await fetch(`${base}/api/v1/places?responsible_department_id=huayanglu-subdistrict&limit=1`)).json()
  await p.goto(`${base}/places/${theirs.items[0].id}`)
  await p.waitForSelector('[data-test=edit]')
  await p.goto(`${base}/places/xinwei-zhigu`)
  await p.waitForSelector('[data-test=record-name]')
  assert.equal(await p.locator('[data-test=edit]').count(), 0)
  assert.equal(await p.locator('.el-menu-item:has-text("用户管理")').count(), 0)
  await shoot(p, 'role-subdistrict')
})

test('plans, targets and a department\'s work', async () => {
  const p = await page()
  await p.goto(`${base}/kpis`)
  await p.waitForSelector('[data-test=kpis] canvas')
  assert.match(await p.locator('[data-test=kpis]').innerText(), /高成长性科技企业/)
  assert.ok(await p.locator('[data-test=kpi-status]').count() >= 13)
  await shoot(p, 'kpis')
  await p.goto(`${base}/plans/plan-huayang-2025`)
  await p.waitForSelector('[data-test=project-gap]')
  assert.match(await p.locator('[data-test=project-gap]').innerText(), /31/)
  assert.ok(await p.locator('[data-test=task]').count() >= 20)
  await shoot(p, 'plan-huayang')
  await p.goto(`${base}/departments/science-tech-commission`)
  await p.waitForSelector('[data-test=department] .el-table__row')
  assert.match(await p.locator('[data-test=department]').innerText(), /助力产业创新/)
  await shoot(p, 'department-science-tech-commission')
})

// The options of a select, by value, as its dropdown shows them.
async function optionValues(p, select) {
  await p.click(`${select} .el-select__wrapper`)
  const options = p.locator('.el-select-dropdown__item:visible')
  await options.first().waitFor()
  const values = await options.evaluateAll((items) => items.map((item) => item.dataset.value))
  await p.keyboard.press('Escape')
  return values
}

test('the audit filter offers every resource the server lists, and its user accounts', async () => {
  const listed = (await (await fetch(`${base}/api/v1`)).json()).resources
  const p = await page()
  await signIn(p, 'e2e-admin')
  await p.goto(`${base}/audit`)
  await p.waitForSelector('[data-test=audit] .el-table__row')
  assert.deepEqual(await optionValues(p, '[data-test=audit-resource]'), [...listed.map((resource) => resource.name), 'users'])
  // A resource the catalogue has no word for is named by the server's title.
  await p.click('[data-test=audit-resource] .el-select__wrapper')
  assert.equal((await p.locator('.el-select-dropdown__item[data-value=plans]:visible').innerText()).trim(),
               listed.find((resource) => resource.name === 'plans').title)
  await p.locator('.el-select-dropdown__item[data-value=plans]:visible').click()
  await p.waitForFunction(() => [...document.querySelectorAll('[data-test=audit] .el-table__row')].length > 0 &&
    [...document.querySelectorAll('[data-test=audit] .el-table__row')].every((row) => row.innerText.includes('行动方案')))
  await shoot(p, 'audit-filter-plans')
})

test('lists, the map, the menu and the edit form follow what the API declares', async () => {
  // The server's description, changed on the way: a new type of place, no
  // `spaces` in the index, and the cultivation tier no longer set by staff only.
  const p = await page()
  await p.route((url) => url.pathname === '/api/v1/openapi.json', async (route) => {
    const response = await route.fetch()
    const document = await response.json()
    document.components.schemas.place.properties.type.enum.push('pop_up_store')
    delete document.components.schemas.organization.properties.tier['x-written-by']
    await route.fulfill({ response, json: document })
  })
  await p.route((url) => url.pathname === '/api/v1', async (route) => {
    const response = await route.fetch()
    const index = await response.json()
    index.resources = index.resources.filter((resource) => resource.name !== 'spaces')
    await route.fulfill({ response, json: index })
  })
  // The registry's lists are in the menu of those signed in.
  await signIn(p, 'e2e-admin')
  await p.goto(`${base}/places`)
  await p.waitForSelector('[data-test=list-places] .el-table__row')
  const schema = (await (await fetch(`${base}/api/v1/openapi.json`)).json()).components.schemas.place
  assert.deepEqual(await optionValues(p, '[data-filter=type]'), [...schema.properties.type.enum, 'pop_up_store'])
  const menu = await p.locator('[data-test=side-menu]').innerText()
  assert.match(menu, /场所/)
  assert.doesNotMatch(menu, /空间/)
  await p.goto(`${base}/map`)
  await p.waitForSelector('[data-test=map][data-loaded=true]')
  assert.equal(await p.locator('[data-test=legend-type][data-type=pop_up_store]').count(), 1)
  assert.equal(await p.locator('[data-test=legend-type]').count(), schema.properties.type.enum.length + 1)
  // The enterprise may now set its tier; the pipeline, set on create only, is not in the form.
  await p.hover('[data-test=user-menu]')
  await p.click('[data-test=sign-out]')
  await p.waitForSelector('[data-test=sign-in-link]')
  await signIn(p, 'e2e-firm')
  await p.goto(`${base}/organizations/demo-org-0009/edit`)
  await p.waitForSelector('[data-test=edit-form] [data-field=employees] input')
  assert.equal(await p.locator('[data-test=edit-form] [data-field=tier] [data-test=set-by-staff]').count(), 0)
  assert.equal(await p.locator('[data-test=edit-form] [data-field=kind] [data-test=set-by-staff]').count(), 1)
  assert.equal(await p.locator('[data-test=edit-form] [data-field=pipeline_status]').count(), 0)
  await shoot(p, 'declared-edit-enterprise')
})
