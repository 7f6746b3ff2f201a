// End-to-end: records made, changed and deleted in the browser through the
// forms generated from the server's OpenAPI document — the reference picker,
// refusals at their fields, a change someone else made meanwhile, and who
// gets 新增 at all. The real server with the Silicon Alley pack (no demo
// population), the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { startAlley, overflow, chooseOption } from './support.mjs'

let alley, base

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-colleague', '--role', 'admin'],
      ['e2e-staff', '--role', 'department', '--department', 'science-tech-commission'],
    ],
  })
  base = alley.base
})

after(async () => {
  await alley?.stop()
})

const shoot = (p, name) => alley.shoot(p, name)

const asUser = (name) => alley.asUser(name)

// Picks a value of an el-select of the generated form.
const choose = (p, field, value) => chooseOption(p, p.locator(`[data-field=${field}]`), value)

test('an admin creates, edits and deletes an enterprise through the generated form', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/organizations`)
  await p.waitForSelector('[data-test=list-organizations] .el-table__row')
  await p.click('[data-test=create]')
  await p.waitForURL(`${base}/organizations/new`)
  await p.waitForSelector('[data-test=edit-form][data-mode=create] [data-field=name] input')
  // The server mints an id when none is given, and the form says so.
  assert.match(await p.locator('[data-field=id] [data-test=id-hint]').innerText(), /留空/)
  const name = '硅巷录入测试科技（上海）有限公司'
  await p.fill('[data-field=name] input', name)
  await p.fill('[data-field=source] input', '端到端测试')
  await choose(p, 'kind', 'enterprise')
  // Its place, found by name and shown by name.
  await p.click('[data-field=place_id] .el-select__wrapper')
  await p.locator('[data-field=place_id] input').fill('新微')
  const option = p.locator('.el-select-dropdown__item[data-value=xinwei-zhigu]:visible')
  await option.waitFor()
  assert.match(await option.innerText(), /新微智谷/)
  await option.click()
  assert.match(await p.locator('[data-field=place_id] .el-select__selection').innerText(), /新微智谷/)
  assert.doesNotMatch(await p.locator('[data-field=place_id]').innerText(), /xinwei-zhigu/)
  await shoot(p, 'record-create-form')
  await p.click('[data-test=save]')
  await p.waitForURL(/\/organizations\/(?!new)[a-z0-9_-]+$/)
  const id = new URL(p.url()).pathname.split('/').pop()
  await p.waitForSelector('[data-test=record-name]')
  assert.match(await p.locator('[data-test=record-name]').innerText(), new RegExp(name.replace(/[()（）]/g, '.')))
  const place = p.locator('[data-field=place_id] a')
  await place.waitFor()
  assert.equal((await place.innerText()).trim(), '新微智谷')
  assert.equal(await place.getAttribute('href'), '/places/xinwei-zhigu')
  await shoot(p, 'record-created')

  // A change survives a reload.
  await p.click('[data-test=edit]')
  await p.waitForURL(`${base}/organizations/${id}/edit`)
  await p.locator('[data-field=employees] input').fill('12')
  await p.click('[data-test=save]')
  await p.waitForURL(`${base}/organizations/${id}`)
  await p.reload()
  await p.waitForSelector('span[data-field=employees]')
  assert.equal((await p.locator('span[data-field=employees]').innerText()).trim(), '12')

  // A malformed 统一社会信用代码 is refused at its field.
  await p.goto(`${base}/organizations/${id}/edit`)
  await p.locator('[data-field=uscc] input').fill('91350100M000100Y44')
  await p.click('[data-test=save]')
  const refusal = p.locator('[data-field=uscc] .el-form-item__error')
  await refusal.waitFor()
  assert.match(await refusal.innerText(), /校验位/)
  await shoot(p, 'record-invalid-field')

  // Someone else changes the record while the form is open: the save is
  // refused, the form says who and when, and reloads the current version.
  await p.goto(`${base}/organizations/${id}/edit`)
  await p.waitForSelector('[data-field=address] input')
  const colleague = asUser('e2e-colleague')
  const current = await colleague('GET', `/api/v1/organizations/${id}`)
  const changed = await colleague('PATCH', `/api/v1/organizations/${id}`, { body: { employees: 99 }, etag: current.etag })
  assert.equal(changed.status, 200)
  await p.locator('[data-field=address] input').fill('长宁路 1 号')
  await p.click('[data-test=save]')
  const stale = p.locator('[data-test=stale]')
  await p.waitForSelector('[data-test=stale][data-settled=true]')
  assert.match(await stale.innerText(), /e2e-colleague/)
  assert.match(await stale.innerText(), /在您打开之后/)
  assert.match(await stale.innerText(), /\d{1,2}:\d{2}/)
  assert.equal(p.url(), `${base}/organizations/${id}/edit`)
  await shoot(p, 'record-stale')
  await p.click('[data-test=reload]')
  await p.waitForFunction(() => document.querySelector('[data-field=employees] input')?.value === '99')
  assert.equal(await stale.count(), 0)
  assert.equal(await p.locator('[data-field=address] input').inputValue(), '')
  await p.locator('[data-field=address] input').fill('长宁路 1 号')
  await p.click('[data-test=save]')
  await p.waitForURL(`${base}/organizations/${id}`)
  await p.waitForSelector('span[data-field=address]')
  assert.equal((await p.locator('span[data-field=address]').innerText()).trim(), '长宁路 1 号')
  assert.equal((await p.locator('span[data-field=employees]').innerText()).trim(), '99')

  // A place still referred to is not deleted: the server's reason is shown.
  await p.goto(`${base}/places/xinwei-zhigu`)
  await p.click('[data-test=delete]')
  await p.locator('[data-test=confirm-delete]:visible').click()
  const refused = p.locator('[data-test=delete-refused]:visible')
  await refused.waitFor()
  assert.match(await refused.innerText(), /未能删除/)
  assert.match(await refused.innerText(), /still referred to/)
  await shoot(p, 'record-delete-refused')
  assert.equal((await fetch(`${base}/api/v1/places/xinwei-zhigu`)).status, 200)

  // The enterprise is deleted, after a question that names it.
  await p.goto(`${base}/organizations/${id}`)
  await p.click('[data-test=delete]')
  const question = p.locator('[data-test=delete-question]:visible')
  await question.waitFor()
  assert.match(await question.innerText(), /硅巷录入测试科技/)
  await shoot(p, 'record-delete-question')
  await p.locator('[data-test=confirm-delete]:visible').click()
  await p.waitForURL(`${base}/organizations`)
  assert.equal((await fetch(`${base}/api/v1/organizations/${id}`)).status, 410)
})

test('department staff get 新增 only where their role may create', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-staff')
  // Policies are the administrators' to make, change and delete.
  await p.goto(`${base}/policies`)
  await p.waitForSelector('[data-test=list-policies] .el-table__row')
  assert.equal(await p.locator('[data-test=create]').count(), 0)
  const policy = await p.locator('[data-test=list-policies] .el-table__row a').first().getAttribute('href')
  assert.match(policy, /^\/policies\/[a-z0-9_-]+$/, 'a policy opens on its own page')
  await p.goto(`${base}${policy}`)
  await p.waitForSelector('[data-test=all-fields]')
  assert.equal(await p.locator('[data-test=edit]').count(), 0)
  assert.equal(await p.locator('[data-test=delete]').count(), 0)
  await shoot(p, 'records-staff-policies')
  // The form itself says so to one who finds its address.
  await p.goto(`${base}/policies/new`)
  await p.waitForSelector('[data-test=not-allowed]')
  assert.equal(await p.locator('[data-test=save]').count(), 0)
  // Staff do create organizations, whose departments they answer for.
  await p.goto(`${base}/organizations`)
  await p.waitForSelector('[data-test=list-organizations] [data-test=create]')
  // Every other resource the server lists is in the catalogue menu, under 系统管理.
  const listed = (await (await fetch(`${base}/api/v1`)).json()).resources.map((resource) => resource.name)
  const items = p.locator('[data-test=nav-system]:visible [data-test=nav-catalogue] .el-menu-item:visible')
  await items.first().waitFor()
  const offered = await items.evaluateAll((entries) => entries.map((entry) => entry.dataset.resource))
  assert.ok(offered.length > 0)
  for (const name of offered) assert.ok(listed.includes(name), `${name} is a resource the server lists`)
  for (const name of ['departments', 'kpi_entries']) assert.ok(offered.includes(name), `${name} is in the menu`)
  // Talents are with the enterprises and premises.
  assert.equal(await p.locator('[data-test=nav-registry]:visible [data-resource=talents]').count(), 1)
  // Policies have a list of their own, under 政策 with the calculator.
  assert.ok(!offered.includes('policies'), 'policies are under 政策, not in the catalogue')
  assert.equal(await p.locator('[data-test=nav-policies]:visible').count(), 1)
})

test('the new-record form and a list fit a 390-pixel phone', async () => {
  const p = await alley.page({ width: 390, height: 844 })
  await alley.signIn(p, 'e2e-admin')
  for (const [path, ready, name] of [['/tasks/new', '[data-field=plan_id] .el-select__wrapper', 'phone-record-new'],
                                     ['/records/kpis', '[data-test=list-kpis] .el-table__row', 'phone-record-list']]) {
    await p.goto(`${base}${path}`)
    await p.waitForSelector(ready)
    const wider = await overflow(p)
    assert.ok(wider <= 1, `${path} is ${wider}px wider than the phone`)
    await shoot(p, name)
  }
})

test('导出 writes the list as the reader sees it: labelled columns, places by name, every row', async () => {
  const p = await alley.page(undefined, { acceptDownloads: true })
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/spaces`)
  await p.waitForSelector('[data-test=list-spaces] .el-table__row')
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-test=export]')])
  assert.match(download.suggestedFilename(), /\.csv$/)
  const bytes = await readFile(await download.path())
  assert.equal(bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'a byte-order mark, so spreadsheets read it as UTF-8')
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n')
  assert.match(lines[0], /^名称,所在场所,/)
  const { total, items } = await (await fetch(`${base}/api/v1/spaces?limit=500`)).json()
  assert.equal(lines.length - 1, total, 'every row of the list, not only the page shown')
  for (const space of items) {
    const line = lines.find((l) => l.startsWith(space.name) || l.startsWith(`"${space.name}`))
    assert.ok(line, `${space.name} is exported`)
    const place = await (await fetch(`${base}/api/v1/places/${space.place_id}`)).json()
    assert.ok(line.includes(`,${place.name},`), `${space.name}'s place is written as ${place.name}: ${line}`)
    assert.ok(!line.includes(space.place_id), `${space.name}'s place is written by name, not as ${space.place_id}`)
  }
})
