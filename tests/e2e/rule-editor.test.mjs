// End-to-end for the rule editor of the policy form: a rule checked as it is
// typed (POST /api/v1/policies/rule-check), an error marked at its line and
// column, a valid rule read as a sentence with the number of organizations it
// would match, the policy saved through the form and shown on its page; and
// the policy list with its filters. The real server with the Silicon Alley
// pack and its demo population, the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow } from './support.mjs'

let alley, base, adminToken

before(async () => {
  alley = await startAlley({ demo: true, users: [['e2e-admin', '--role', 'admin']] })
  base = alley.base
  adminToken = alley.tokenFor('e2e-admin')
})

after(async () => {
  await alley?.stop()
})

async function asAdmin(method, path, body) {
  const headers = { Authorization: `Bearer ${adminToken}`, Accept: 'application/json' }
  if (body) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) })
  assert.equal(response.status, 200, `${path}: ${response.status}`)
  return response.json()
}

const ruleBox = '[data-field=rule] textarea'

test('an admin types a rule, sees its error at its place, then what it would match, and saves it', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  // 政策 in the menu, with 新增 for an admin.
  await p.hover('[data-test=nav-policies]:visible')
  await p.click('[data-test=nav-policy-list]:visible')
  await p.waitForURL(`${base}/policies`)
  await p.waitForSelector('[data-test=list-policies] .el-table__row')
  await p.click('[data-test=list-policies] [data-test=create]')
  await p.waitForURL(`${base}/policies/new`)
  await p.waitForSelector('[data-test=rule-editor] textarea')
  await p.fill('[data-field=name] input', '硅巷规则编辑测试政策')
  await p.fill('[data-field=source] input', '端到端测试')

  // An error on the second line: a comparison with nothing to compare with.
  const wrong = 'kind == "enterprise"\nand employees <= '
  const refused = await asAdmin('POST', '/api/v1/policies/rule-check', { rule: wrong })
  assert.equal(refused.valid, false)
  assert.equal(refused.error.line, 2)
  await p.locator(ruleBox).pressSequentially('kind == "enterprise"')
  await p.press(ruleBox, 'Enter')
  await p.locator(ruleBox).pressSequentially('and employees <= ')
  // Checked as it is typed: the text as it stands at the end is what the marker shows.
  const marker = p.locator(`[data-test=rule-marker][data-line="${refused.error.line}"][data-column="${refused.error.column}"]`)
  await marker.waitFor()
  assert.equal((await p.locator('[data-test=rule-message]').innerText()).trim(), refused.error.message)
  assert.equal(await marker.getAttribute('data-line'), String(refused.error.line))
  assert.equal(await marker.getAttribute('data-column'), String(refused.error.column))
  assert.match(await p.locator('[data-test=rule-where]').innerText(), new RegExp(`第 ${refused.error.line} 行，第 ${refused.error.column} 列`))
  // The marker repeats the offending line, with the caret under the error's column.
  assert.equal((await p.locator('[data-test=rule-marker-line]').innerText()).trimEnd(), 'and employees <=')
  const at = await p.locator('[data-test=rule-marker] .rule-at').boundingBox()
  const caret = await p.locator('[data-test=rule-caret]').boundingBox()
  assert.ok(Math.abs(at.x - caret.x) <= 1, `the caret (${caret.x}) is under the error (${at.x})`)
  assert.ok(caret.y > at.y, 'the caret is below the line')
  await alley.shoot(p, 'rule-editor-error')

  // A valid rule reads as a sentence, with what the server counts.
  const right = 'kind == "enterprise" and employees <= 300'
  const accepted = await asAdmin('POST', '/api/v1/policies/rule-check', { rule: right })
  assert.equal(accepted.valid, true)
  await p.fill(ruleBox, right)
  await p.waitForSelector(`[data-test=rule-matches][data-matches="${accepted.matches}"]`)
  assert.equal(await p.locator('[data-test=rule-error]').count(), 0)
  const sentence = (await p.locator('[data-test=rule-sentence]').innerText()).trim()
  assert.match(sentence, /类别为企业/)
  assert.match(sentence, /≤ 300/)
  const matches = await p.locator('[data-test=rule-matches]').innerText()
  assert.match(matches, new RegExp(`将匹配 ${accepted.matches} 家机构，其中 ${accepted.newly_told_count} 家将新收到通知`))
  assert.ok(accepted.matches > 0, 'the demo population has enterprises of 300 or fewer')
  assert.match(await p.locator('[data-test=rule-newly-told]').innerText(), new RegExp(accepted.newly_told[0].name.replace(/[()（）]/g, '.')))
  await alley.shoot(p, 'rule-editor-valid')

  // Saving is the form's own; the policy's page shows the new rule.
  await p.click('[data-test=save]')
  await p.waitForURL(/\/policies\/(?!new)[a-z0-9_-]+$/)
  const id = new URL(p.url()).pathname.split('/').pop()
  await p.waitForSelector('[data-test=policy-rule]')
  assert.equal((await p.locator('[data-test=policy-rule]').innerText()).trim(), sentence)
  const saved = await asAdmin('GET', `/api/v1/policies/${id}`)
  assert.equal(saved.rule, accepted.canonical)

  // Editing it, the check is against the saved policy: those told already are not told again.
  const narrower = 'kind == "enterprise" and employees <= 100'
  const against = await asAdmin('POST', '/api/v1/policies/rule-check', { rule: narrower, policy_id: id })
  await p.goto(`${base}/policies/${id}/edit`)
  await p.waitForSelector(`[data-test=rule-matches][data-matches="${accepted.matches}"][data-newly-told="0"]`)
  await p.fill(ruleBox, narrower)
  await p.waitForSelector(`[data-test=rule-matches][data-matches="${against.matches}"][data-newly-told="${against.newly_told_count}"]`)
  const told = await p.locator('[data-test=rule-matches]').innerText()
  if (against.no_longer_matched > 0) assert.match(told, new RegExp(`${against.no_longer_matched} 家将不再匹配`))
  else assert.doesNotMatch(told, /不再匹配/)
})

test('the policy list filters by name, department and kind, and opens each policy on its page', async () => {
  const p = await alley.page()
  await p.goto(`${base}/policies`)
  await p.waitForSelector('[data-test=list-policies] .el-table__row')
  // Nobody signed in: 政策 in the menu, no 新增.
  assert.equal(await p.locator('[data-test=nav-policies]:visible').count(), 1)
  assert.equal(await p.locator('[data-test=list-policies] [data-test=create]').count(), 0)
  const all = (await asAdmin('GET', '/api/v1/policies?limit=500')).items
  const department = all.find((policy) => policy.responsible_department_id).responsible_department_id
  const ofDepartment = all.filter((policy) => policy.responsible_department_id === department)
  const pager = p.locator('[data-test=list-policies]')

  const names = await (await asAdmin('GET', `/api/v1/departments/${department}`)).name
  await p.click('[data-filter=responsible_department_id] .el-select__wrapper')
  await p.locator('[data-filter=responsible_department_id] input').fill(names.slice(0, 2))
  await p.locator(`.el-select-dropdown__item[data-value="${department}"]:visible`).click()
  await p.waitForFunction(([n]) => document.querySelectorAll('[data-test=list-policies] .el-table__row').length === n,
    [Math.min(ofDepartment.length, 20)])
  // Each row's department by name, with 指派 where the platform assigned it.
  for (const cell of await pager.locator('.el-table__row td:nth-child(3)').allInnerTexts()) assert.equal(cell.replace(/\s*指派$/, '').trim(), names)

  await p.click('[data-filter=rule_basis] .el-select__wrapper')
  await p.locator('.el-select-dropdown__item[data-value=document]:visible').click()
  const stated = ofDepartment.filter((policy) => policy.rule_basis === 'document')
  await p.waitForFunction(([n]) => document.querySelectorAll('[data-test=list-policies] .el-table__row').length === n
    || (n === 0 && document.querySelector('[data-test=list-policies] .el-table__empty-text')), [Math.min(stated.length, 20)])

  // A name search, on its own.
  await p.goto(`${base}/policies`)
  await p.waitForSelector('[data-test=list-policies] .el-table__row')
  const one = all.find((policy) => policy.name.length >= 4)
  await p.fill('[data-test=list-policies] .keyword input', one.name)
  await p.press('[data-test=list-policies] .keyword input', 'Enter')
  const row = pager.locator('.el-table__row a', { hasText: one.name }).first()
  await row.waitFor()
  assert.equal(await row.getAttribute('href'), `/policies/${one.id}`)
  await row.click()
  await p.waitForURL(`${base}/policies/${one.id}`)
  await p.waitForSelector('[data-test=policy-title]')
})

test('the list and the rule editor fit a 390-pixel phone', async () => {
  const p = await alley.page({ width: 390, height: 844 })
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/policies`)
  await p.waitForSelector('[data-test=list-policies] .el-table__row')
  assert.ok(await overflow(p) <= 1, 'the list is wider than the phone')
  await alley.shoot(p, 'phone-policy-list')
  await p.goto(`${base}/policies/new`)
  await p.waitForSelector(ruleBox)
  await p.fill(ruleBox, 'kind == "enterprise" and sectors contains "人工智能" and rd_ratio >= 0.05 and employees <= 300 and foo > 1')
  await p.waitForSelector('[data-test=rule-marker]')
  assert.ok(await overflow(p) <= 1, 'the form is wider than the phone')
  await alley.shoot(p, 'phone-rule-editor-error')
  await p.fill(ruleBox, 'kind == "enterprise" and rd_ratio >= 0.05')
  await p.waitForSelector('[data-test=rule-sentence]')
  assert.ok(await overflow(p) <= 1, 'the form is wider than the phone')
  await alley.shoot(p, 'phone-rule-editor-valid')
})
