// End-to-end: claims. An enterprise's user writes a new cultivation tier and
// headcount for its own organization in the edit form; the fields keep their
// verified values, the page says which await verification and shows each
// claim; staff of the organization's responsible department find them in
// 待核实申报 and on the record's page, verify one and reject the other, and
// the pages show the new state. Every time reads in Shanghai's time, whatever
// the browser's own zone. The real server with the Silicon Alley pack and the
// demo population, the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow, chooseOption } from './support.mjs'

const org = 'demo-org-0009'
let alley, base, api

before(async () => {
  alley = await startAlley({
    demo: true,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-firm', '--role', 'enterprise', '--org', org],
      ['e2e-staff', '--role', 'department', '--department', 'science-tech-commission'],
      ['e2e-other-staff', '--role', 'department', '--department', 'culture-tourism-bureau'],
    ],
  })
  base = alley.base
  const token = alley.tokenFor('e2e-admin')
  api = async (path) => (await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()
})

after(async () => {
  await alley?.stop()
})

const shoot = (p, name) => alley.shoot(p, name)
// A browser far from Shanghai: what the pages show must not follow it.
const farAway = { timezoneId: 'America/Los_Angeles' }
// An ISO moment as Shanghai's clock (UTC+8, no summer time) reads it, to the minute.
const inShanghai = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ')
const text = async (p, selector) => (await p.locator(selector).innerText()).trim()

// Picks a value of an el-select of the generated form.
const choose = (p, field, value) => chooseOption(p, p.locator(`[data-field=${field}]`), value)

test('an enterprise claims a new tier, which staff verify from their inbox', async () => {
  const before = await api(`/api/v1/organizations/${org}`)
  assert.equal(before.responsible_department_id, 'science-tech-commission', 'the demo organization answers to the science and technology commission')
  assert.equal(before.tier, 'startup')
  assert.equal(before.claims, undefined)

  const firm = await alley.page(undefined, farAway)
  await alley.signIn(firm, 'e2e-firm')
  await firm.goto(`${base}/organizations/${org}/edit`)
  await firm.waitForSelector('[data-test=edit-form] [data-field=tier] [data-test=claimed]')
  await choose(firm, 'tier', 'little_giant')
  const patched = firm.waitForResponse((response) => response.request().method() === 'PATCH')
  await firm.click('[data-test=save]')
  const answer = await patched
  assert.deepEqual(answer.request().postDataJSON(), { tier: 'little_giant' }, 'the form sends the tier chosen, and only it')
  assert.equal((await answer.json()).claims?.tier?.value, 'little_giant', 'the server keeps the tier as a claim')
  await firm.waitForURL(`${base}/organizations/${org}`)

  // The page says the tier awaits verification, keeps the verified tier, and shows the claim beside it.
  const note = firm.locator('[data-test=claims-submitted]')
  await note.waitFor()
  assert.match(await note.innerText(), /以下字段已作为申报提交，待区级部门核实：培育梯度/)
  assert.match(await note.innerText(), /仍显示原登记值/)
  assert.equal(await text(firm, 'span[data-field=tier]'), '初创企业')
  const claim = firm.locator('[data-test=claim][data-claim-field=tier]')
  assert.equal((await claim.locator('[data-test=claim-value]').innerText()).trim(), '企业申报：专精特新“小巨人”（待核实）')
  const claimed = (await api(`/api/v1/organizations/${org}`)).claims.tier
  assert.equal(claimed.value, 'little_giant')
  assert.equal(await text(firm, '[data-claim-field=tier] [data-test=claim-meta]'), `e2e-firm 于 ${inShanghai(claimed.claimed_at)} 提交`)
  assert.equal(await claim.locator('[data-test=verify-claim]').count(), 0, 'the owner does not decide its own claim')
  assert.equal(await firm.locator('[data-test=claim]').count(), 1)
  // Times are the district's, readable, never the server's raw UTC.
  for (const field of ['created_at', 'updated_at']) {
    const shown = await text(firm, `span[data-field=${field}]`)
    assert.match(shown, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `${field} reads as a date and time`)
    assert.equal(shown, inShanghai(before[field]))
  }
  assert.doesNotMatch(await firm.locator('[data-test=detail]').innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|:\d{2}(\.\d+)?Z/)
  await shoot(firm, 'claims-owner-pending')
  // The form shows the pending claim under the field.
  await firm.goto(`${base}/organizations/${org}/edit`)
  assert.match(await text(firm, '[data-field=tier] [data-test=pending-claim]'), /待核实申报：专精特新“小巨人”/)

  // The inbox is for staff: the enterprise has neither its link nor its page.
  assert.equal(await firm.locator('[data-test=claims-bell]').count(), 0)
  await firm.goto(`${base}/claims`)
  await firm.waitForSelector('[data-test=home-enterprise]')

  // Staff of the responsible department: the header counts it, the inbox lists it.
  const staff = await alley.page(undefined, farAway)
  await alley.signIn(staff, 'e2e-staff')
  await staff.waitForSelector('[data-test=claims-bell][data-pending="1"]')
  assert.equal(await text(staff, '[data-test=claims-bell] [data-test=claims-count] sup'), '1')
  await staff.click('[data-test=claims-bell]')
  await staff.waitForURL(`${base}/claims`)
  const row = staff.locator(`[data-test=inbox-claim][data-record=${org}][data-claim-field=tier]`)
  await row.waitFor()
  assert.equal(await staff.locator('[data-test=inbox-claim]').count(), 1)
  assert.equal(await row.locator('[data-test=inbox-record]').getAttribute('href'), `/organizations/${org}`)
  assert.match(await row.locator('[data-test=inbox-record]').innerText(), /衡石智行/)
  assert.match(await row.innerText(), /培育梯度/)
  assert.equal((await row.locator('[data-test=inbox-current]').innerText()).trim(), '初创企业')
  assert.equal((await row.locator('[data-test=inbox-value]').innerText()).trim(), '专精特新“小巨人”')
  assert.match(await row.innerText(), /e2e-firm/)
  assert.equal((await row.locator('[data-test=inbox-when]').innerText()).trim(), inShanghai(claimed.claimed_at))
  await shoot(staff, 'claims-inbox')

  // Verified, with a note: the list empties and the count goes.
  await row.locator('[data-test=verify-claim]').click()
  const dialog = staff.locator('[data-test=claim-dialog]:visible')
  await dialog.waitFor()
  assert.match(await dialog.locator('[data-test=claim-question]').innerText(), /培育梯度.*专精特新“小巨人”/)
  await dialog.locator('textarea').fill('已核对工信部公示名单')
  await dialog.locator('[data-test=confirm-claim]').click()
  await staff.waitForSelector('[data-test=claims-none]')
  assert.equal(await staff.locator('[data-test=inbox-claim]').count(), 0)
  assert.equal(await staff.locator('[data-test=claims-bell]').getAttribute('data-pending'), '0')
  const verified = await api(`/api/v1/organizations/${org}`)
  assert.equal(verified.tier, 'little_giant')
  assert.equal(verified.claims, undefined)

  // The record now has the tier, and no pending claim, for staff and for the enterprise.
  await staff.goto(`${base}/organizations/${org}`)
  await staff.waitForSelector('span[data-field=tier]')
  assert.equal(await text(staff, 'span[data-field=tier]'), '专精特新“小巨人”')
  assert.equal(await staff.locator('[data-test=claim]').count(), 0)
  await firm.goto(`${base}/organizations/${org}`)
  await firm.waitForSelector('span[data-field=tier]')
  assert.equal(await text(firm, 'span[data-field=tier]'), '专精特新“小巨人”')
  assert.equal(await firm.locator('[data-test=claim]').count(), 0)
  assert.equal(await firm.locator('[data-test=claims-submitted]').count(), 0)
  await shoot(firm, 'claims-owner-verified')
})

test('staff reject a claimed headcount on the record\'s page, on a phone', async () => {
  const before = await api(`/api/v1/organizations/${org}`)
  const firm = await alley.page()
  await alley.signIn(firm, 'e2e-firm')
  await firm.goto(`${base}/organizations/${org}/edit`)
  await firm.waitForSelector('[data-test=edit-form] [data-field=employees] input:not([disabled])')
  await firm.locator('[data-field=employees] input').fill(String(before.employees + 240))
  await firm.locator('[data-field=address] input').fill('长宁路 1027 号')
  await firm.click('[data-test=save]')
  await firm.waitForURL(`${base}/organizations/${org}`)
  const note = firm.locator('[data-test=claims-submitted]')
  await note.waitFor()
  assert.match(await note.innerText(), /员工人数/)
  assert.match(await note.innerText(), /其余修改已保存/)
  assert.equal(await text(firm, 'span[data-field=address]'), '长宁路 1027 号', 'what is not a claim is saved at once')
  assert.equal(await text(firm, 'span[data-field=employees]'), String(before.employees))
  assert.match(await text(firm, '[data-claim-field=employees] [data-test=claim-value]'), new RegExp(`企业申报：${before.employees + 240}（待核实）`))

  // Another department sees the claim but does not decide it, and has none in its inbox.
  const other = await alley.page()
  await alley.signIn(other, 'e2e-other-staff')
  await other.goto(`${base}/organizations/${org}`)
  await other.waitForSelector('[data-test=claim][data-claim-field=employees]')
  assert.equal(await other.locator('[data-test=verify-claim]').count(), 0)
  await other.goto(`${base}/claims`)
  await other.waitForSelector('[data-test=claims-none]')

  // The responsible department rejects it on the record's page, from a phone.
  const staff = await alley.page({ width: 390, height: 844 })
  await alley.signIn(staff, 'e2e-staff')
  await staff.goto(`${base}/claims`)
  await staff.waitForSelector(`[data-test=inbox-claim][data-claim-field=employees]`)
  let wider = await overflow(staff)
  assert.ok(wider <= 1, `the inbox is ${wider}px wider than the phone`)
  await shoot(staff, 'phone-claims-inbox')
  await staff.click('[data-test=inbox-claim][data-claim-field=employees] [data-test=inbox-record]')
  await staff.waitForURL(`${base}/organizations/${org}`)
  const claim = staff.locator('[data-test=claim][data-claim-field=employees]')
  await claim.locator('[data-test=reject-claim]').waitFor()
  wider = await overflow(staff)
  assert.ok(wider <= 1, `the record's page with a claim is ${wider}px wider than the phone`)
  await shoot(staff, 'phone-claim-detail')
  await claim.locator('[data-test=reject-claim]').click()
  const dialog = staff.locator('[data-test=claim-dialog]:visible')
  await dialog.waitFor()
  assert.match(await dialog.locator('[data-test=claim-question]').innerText(), /员工人数.*保持现登记值/)
  await dialog.locator('textarea').fill('社保缴纳人数不符')
  await shoot(staff, 'phone-claim-reject')
  await dialog.locator('[data-test=confirm-claim]').click()
  await staff.waitForFunction(() => !document.querySelector('[data-test=claim]'))
  assert.equal(await text(staff, 'span[data-field=employees]'), String(before.employees))
  const rejected = await api(`/api/v1/organizations/${org}`)
  assert.equal(rejected.employees, before.employees)
  assert.equal(rejected.claims, undefined)
  await firm.reload()
  await firm.waitForSelector('span[data-field=employees]')
  assert.equal(await firm.locator('[data-test=claim]').count(), 0)
  assert.equal(await firm.locator('[data-test=claims-submitted]').count(), 0)

  // The decision, its note and its time are in the audit log.
  const admin = await alley.page(undefined, farAway)
  await alley.signIn(admin, 'e2e-admin')
  await admin.goto(`${base}/audit`)
  const entry = admin.locator('[data-test=audit] .el-table__row', { hasText: '驳回申报' })
  await entry.first().waitFor()
  assert.match(await entry.first().innerText(), /员工人数.*社保缴纳人数不符/)
  assert.match(await entry.first().innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
  assert.doesNotMatch(await admin.locator('[data-test=audit]').innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
})
