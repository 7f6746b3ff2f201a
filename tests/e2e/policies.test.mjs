// End-to-end for policies: the public calculator, an enterprise's matched
// policies and its 免申即享 notifications. The pack alone is loaded (no demo
// population), so every notification after `alley init` concerns a pack
// organization.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow } from './support.mjs'

let alley, base, adminToken

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-staff', '--role', 'department', '--department', 'science-tech-commission'],
    ],
  })
  base = alley.base
  adminToken = alley.tokenFor('e2e-admin')
})

after(async () => {
  await alley?.stop()
})

async function asAdmin(path) {
  const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${adminToken}`, Accept: 'application/json' } })
  assert.equal(response.status, 200, `${path}: ${response.status}`)
  return response.json()
}

// Picks one of the selects' options by its exact visible text.
async function choose(p, field, label) {
  await p.click(`[data-field=${field}] .el-select__wrapper`)
  await p.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).click()
}

test('the public calculator: an enterprise of 60 with 8% R&D', async () => {
  const p = await alley.page({ width: 390, height: 844 })
  await p.goto(`${base}/policy-calculator`)
  await p.waitForSelector('[data-field=rd_ratio] input')
  // The form comes from the schema: every attribute has its field, labelled in Chinese.
  const schema = (await (await fetch(`${base}/api/v1/openapi.json`)).json()).components.schemas.calculator_attributes
  for (const name of Object.keys(schema.properties)) assert.equal(await p.locator(`[data-field=${name}]`).count(), 1, name)
  assert.match(await p.locator('[data-field=rd_ratio] label').innerText(), /研发投入占比/)
  await alley.shoot(p, 'calculator-phone-form')

  await choose(p, 'kind', '企业')
  await p.fill('[data-field=employees] input', '60')
  await p.press('[data-field=employees] input', 'Tab')
  await p.fill('[data-field=rd_ratio] input', '8')
  await p.press('[data-field=rd_ratio] input', 'Tab')
  const sent = p.waitForRequest((request) => request.url().includes('/api/v1/policy-calculator') && request.method() === 'POST')
  await p.click('[data-test=calculate]')
  // Blank fields stay out; the percentage goes as a share.
  assert.deepEqual(JSON.parse((await sent).postData()), { kind: 'enterprise', employees: 60, rd_ratio: 0.08 })

  await p.waitForSelector('[data-test=eligible-policy]')
  assert.ok(await p.locator('[data-test=eligible-policy]').count() >= 1)
  const rd = p.locator('[data-test=eligible-policy] [data-test=clause]', { hasText: '研发投入占比' }).first()
  assert.match(await rd.innerText(), /✓/)
  assert.match(await rd.innerText(), /≥ 5%/)
  assert.match(await rd.innerText(), /8%/)
  assert.ok(await p.locator('[data-test=eligible-policy] [data-test=illustrative]').count() >= 1, 'illustrative rules are marked')
  // The ones that do not apply are folded, each saying what data is missing.
  const missing = await p.locator('[data-test=not-eligible] [data-test=missing]').allInnerTexts()
  assert.ok(missing.some((text) => /缺少数据：.*招商进度/.test(text)), missing.join(' | '))
  const wider = await overflow(p)
  assert.ok(wider <= 1, `the calculator is ${wider}px wider than the phone`)
  await alley.shoot(p, 'calculator-phone-result')

  // One folded policy opens to its clauses.
  const fold = p.locator('[data-test=not-eligible-policy]').first()
  await fold.locator('.el-collapse-item__header').click()
  await fold.locator('[data-test=clause]').first().waitFor()
  assert.ok(await overflow(p) <= 1)
  await alley.shoot(p, 'calculator-phone-unfolded')
})

test('the calculator shows what the server refuses next to the field', async () => {
  const p = await alley.page()
  // The form keeps numbers inside the schema's limits, so the refusal is staged here.
  await p.route('**/api/v1/policy-calculator*', (route) => route.fulfill({
    status: 422,
    contentType: 'application/problem+json',
    body: JSON.stringify({ title: 'Unprocessable Content', status: 422, detail: 'some attributes cannot be used',
                           errors: [{ field: 'employees', message: 'must be at least 0' }, { field: 'rd_ratio', message: 'must be at most 1' }] }),
  }))
  await p.goto(`${base}/policy-calculator`)
  await p.waitForSelector('[data-field=employees] input')
  await p.click('[data-test=calculate]')
  await p.waitForSelector('[data-field=employees] .el-form-item__error')
  assert.match(await p.locator('[data-field=employees] .el-form-item__error').innerText(), /不能小于 0/)
  assert.match(await p.locator('[data-field=rd_ratio] .el-form-item__error').innerText(), /不能大于 100%/)
  assert.match(await p.locator('[data-test=form-error]').innerText(), /请修正/)
  await alley.shoot(p, 'calculator-refused')
})

test('an enterprise is told of the policies it qualifies for, and sees why', async () => {
  // A pack organization with notifications after init, found as the admin sees them.
  let organization, cursor = null
  do {
    const found = await asAdmin(`/api/v1/notifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
    for (const item of found.items.filter((n) => n.recipient_kind === 'organization')) {
      if ((await asAdmin(`/api/v1/organizations/${item.organization_id}`)).synthetic === false) {
        organization = item.organization_id
        break
      }
    }
    cursor = found.next
  } while (!organization && cursor)
  assert.ok(organization, 'some pack organization has notifications')
  let expected = 0
  cursor = null
  do {
    const found = await asAdmin(`/api/v1/notifications?unread=true&limit=500${cursor ? `&cursor=${cursor}` : ''}`)
    expected += found.items.filter((n) => n.recipient_kind === 'organization' && n.recipient_id === organization).length
    cursor = found.next
  } while (cursor)
  alley.addUser('e2e-pack-firm', '--role', 'enterprise', '--org', organization)

  const p = await alley.page()
  await alley.signIn(p, 'e2e-pack-firm')
  const bell = p.locator('[data-test=bell]')
  await p.waitForSelector(`[data-test=bell][data-unread="${expected}"]`)
  assert.equal((await p.locator('[data-test=bell-count] sup').innerText()).trim(), String(expected))
  await alley.shoot(p, 'notifications-bell')

  await bell.click()
  await p.waitForSelector('[data-test=notification]')
  assert.equal(await p.locator('[data-test=notification][data-unread=true]').count(), expected)
  const first = p.locator('[data-test=notification]').first()
  assert.match(await first.innerText(), /符合「.+」的条件/)
  assert.equal(await first.locator('[data-test=notification-organization]').getAttribute('href'), `/organizations/${organization}`)
  await alley.shoot(p, 'notifications-list')
  await first.locator('[data-test=mark-read]').click()
  await p.waitForSelector(`[data-test=bell][data-unread="${expected - 1}"]`)
  await first.locator('[data-test=mark-read]').waitFor({ state: 'detached' })
  assert.equal(await p.locator('[data-test=notification][data-unread=true]').count(), expected - 1)
  // The server agrees, after a reload.
  await p.reload()
  await p.waitForSelector(`[data-test=bell][data-unread="${expected - 1}"]`)
  await alley.shoot(p, 'notifications-one-read')

  // 我的政策, from the user menu.
  await p.hover('[data-test=user-menu]')
  await p.click('[data-test=my-policies]')
  await p.waitForURL(`${base}/organizations/${organization}/policies`)
  await p.waitForSelector('[data-test=eligible-policy]')
  assert.ok(await p.locator('[data-test=eligible-policy]').count() >= 1)
  const reasons = await p.locator('[data-test=eligible-policy] [data-test=clause]').allInnerTexts()
  assert.ok(reasons.some((text) => text.includes('✓') && /要求：/.test(text) && /实际：/.test(text)), reasons.join(' | '))
  assert.match(await p.locator('h1').innerText(), /我的政策/)
  await alley.shoot(p, 'my-policies')

  // The organization's page offers the same, to it and to staff; not on another organization's page.
  await p.goto(`${base}/organizations/${organization}`)
  await p.waitForSelector('[data-test=match-policies]')
  const other = (await asAdmin('/api/v1/organizations?limit=5')).items.find((o) => o.id !== organization)
  await p.goto(`${base}/organizations/${other.id}`)
  await p.waitForSelector('[data-test=record-name]')
  assert.equal(await p.locator('[data-test=match-policies]').count(), 0)
  const staff = await alley.page()
  await alley.signIn(staff, 'e2e-staff')
  await staff.goto(`${base}/organizations/${other.id}`)
  await staff.click('[data-test=match-policies]')
  await staff.waitForSelector('[data-test=organization-policies] [data-test=eligible], [data-test=organization-policies] [data-test=not-eligible]')
  await alley.shoot(staff, 'staff-organization-policies')
})

test('a policy page says what it gives and on what conditions', async () => {
  const policies = (await (await fetch(`${base}/api/v1/policies?limit=500`)).json()).items
  const policy = policies.find((item) => item.rule_basis === 'illustrative' && item.rule.includes('rd_ratio >= 0.05'))
  const p = await alley.page({ width: 390, height: 844 })
  await p.goto(`${base}/policies/${policy.id}`)
  await p.waitForSelector('[data-test=policy-title]')
  assert.match(await p.locator('[data-test=policy-rule]').innerText(), /研发投入占比 ≥ 5%/)
  assert.equal(await p.locator('[data-test=policy-title] [data-test=illustrative]').count(), 1)
  assert.ok(await overflow(p) <= 1)
  await alley.shoot(p, 'policy-phone')
})
