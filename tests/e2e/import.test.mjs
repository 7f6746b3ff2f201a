// End-to-end: importing from a spreadsheet in the browser. An admin on the
// organizations list downloads the template (a workbook; and the CSV, whose
// header the test fills), chooses a file with a faulty row — the preview
// shows the fault at its row and cell, 导入 stays shut and nothing is added —
// then a file whose place is removed between the check and the import (the
// refusal shows the fault the same way, nothing imported), then a good file:
// imported, said, and the new enterprise listed and placed by name. Staff of
// a department import organizations but are not offered it on the
// departments list, which only admins write; a file the server cannot read
// is said in its words; the dialog fits a 390-pixel phone and reads in
// English. The real server with the Silicon Alley pack (no demo population),
// the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startAlley, fits } from './support.mjs'

const place = '百空间·湖丝栈'
const goodNames = ['导入测试智能（上海）有限公司', '导入测试数据（上海）有限公司']

let alley, base, adminToken, asAdmin

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-promoter', '--role', 'department', '--department', 'investment-promotion-office'],
    ],
  })
  base = alley.base
  adminToken = alley.tokenFor('e2e-admin')
  asAdmin = alley.asUser('e2e-admin')
})

after(async () => {
  await alley?.stop()
})

const phone = { width: 390, height: 844 }
const text = async (locator) => (await locator.innerText()).trim()

const organizationsTotal = async () => (await asAdmin('GET', '/api/v1/organizations?limit=1')).data.total

// A CSV under the template's own header: each row gives some columns by their titles, the rest left empty.
function filled(header, rows) {
  const titles = header.replace(/^\ufeff/, '').trim().split(',')
  const line = (row) => titles.map((title) => row[title.replace(/ \*$/, '')] ?? '').join(',')
  return Buffer.from('\ufeff' + [titles.join(','), ...rows.map(line)].join('\r\n') + '\r\n')
}

const enterprise = (name, at) => ({ 名称: name, 来源: '导入测试', 类别: '企业', 所在场所: at, 行业: '人工智能' })

// A list with its rows, which come once the OpenAPI document that says who may import is read.
async function openList(p, resource, query = '') {
  await p.goto(`${base}/${resource}${query}`)
  await p.waitForSelector(`[data-test=list-${resource}] .el-table__body-wrapper tr`)
}

async function choose(p, name, buffer) {
  const dialog = p.locator('[data-test=import-dialog]')
  await dialog.locator('[data-test=import-file]').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer })
  await dialog.locator('[data-test=import-counts], [data-test=import-failure]').first().waitFor()
  return dialog
}

async function openDialog(p) {
  await p.click('[data-test=import]')
  const dialog = p.locator('[data-test=import-dialog]')
  await dialog.waitFor()
  return dialog
}

// The dialog's row for a spreadsheet row number.
const rowOf = (dialog, n) => dialog.locator('.el-table__body-wrapper tr', { has: dialog.page().locator(`[data-row="${n}"]`) })

// Nothing a person reads names a field or a resource by its id.
async function saysNoIds(dialog) {
  const shown = await dialog.innerText()
  for (const word of ['place_id', 'organizations', 'kind', 'sectors', 'dry_run']) assert.ok(!shown.includes(word), `the dialog shows “${word}”: ${shown}`)
}

test('an admin downloads the template, sees a faulty row refused, then imports a good file', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  await openList(p, 'organizations')

  // 下载模板: the workbook, and the CSV whose header the files below are written under.
  await p.click('[data-test=import-template]')
  const [workbook] = await Promise.all([p.waitForEvent('download'), p.locator('.el-dropdown-menu a[data-template=xlsx]:visible').click()])
  assert.match(workbook.suggestedFilename(), /\.xlsx$/)
  assert.equal(readFileSync(await workbook.path()).subarray(0, 2).toString('latin1'), 'PK', 'the template is a workbook')
  const dialog = await openDialog(p)
  assert.match(await text(dialog.locator('[data-test=import-rule]')), /有误时不导入任何一行/)
  const [sheet] = await Promise.all([p.waitForEvent('download'), dialog.locator('a[data-template=csv]').click()])
  assert.match(sheet.suggestedFilename(), /\.csv$/)
  const header = readFileSync(await sheet.path(), 'utf8').split(/\r?\n/)[0]
  assert.match(header, /名称 \*/)
  assert.match(header, /所在场所/)
  assert.equal(await dialog.locator('[data-test=import-submit]').isDisabled(), true, '导入 waits for a file')

  // A file with one faulty row: an unknown place at row 3.
  const before = await organizationsTotal()
  await choose(p, '有误.csv', filled(header, [enterprise(goodNames[0], place), enterprise('导入测试错误有限公司', '火星基地')]))
  assert.equal(await text(dialog.locator('[data-count=rows]')), '共 2 行')
  assert.equal(await text(dialog.locator('[data-count=valid]')), '可导入 1 行')
  assert.equal(await text(dialog.locator('[data-count=invalid]')), '有误 1 行')
  assert.match(await text(dialog.locator('[data-test=import-faulty]')), /有误时不导入任何一行/)
  const faulty = rowOf(dialog, 3)
  assert.match(await text(faulty.locator('[data-fault=place_id]')), /火星基地/)
  assert.equal(await faulty.locator('.import-cell-faulty').count(), 1, 'the fault stands at its cell')
  assert.equal(await rowOf(dialog, 2).locator('.import-fault').count(), 0, 'the good row shows no fault')
  const headers = await dialog.locator('.el-table__header th').allInnerTexts()
  assert.ok(headers.map((h) => h.trim()).includes('所在场所'), `the columns are labelled: ${headers}`)
  assert.equal(await dialog.locator('[data-test=import-submit]').isDisabled(), true, '导入 stays shut on a faulty file')
  await saysNoIds(dialog)
  await alley.shoot(p, 'import-faulty')
  assert.equal(await organizationsTotal(), before, 'checking keeps nothing')

  // A place removed between the check and the import: the refusal shows the row's fault, and nothing is imported.
  const temporary = await asAdmin('POST', '/api/v1/places', { body: { name: '导入测试临时场所', source: '导入测试', type: 'innovation_space' } })
  assert.equal(temporary.status, 201)
  await choose(p, '临时.csv', filled(header, [enterprise(goodNames[0], place), enterprise('导入测试临时有限公司', '导入测试临时场所')]))
  await dialog.locator('[data-test=import-ready]').waitFor()
  assert.equal((await asAdmin('DELETE', `/api/v1/places/${temporary.data.id}`, { etag: temporary.etag })).status, 204)
  await dialog.locator('[data-test=import-submit]').click()
  await dialog.locator('[data-test=import-refused]').waitFor()
  assert.match(await text(dialog.locator('[data-test=import-refused]')), /没有导入任何一行/)
  assert.match(await text(rowOf(dialog, 3).locator('[data-fault=place_id]')), /导入测试临时场所/)
  assert.equal(await dialog.locator('[data-test=import-submit]').isDisabled(), true)
  assert.equal(await organizationsTotal(), before, 'a refused import keeps nothing')

  // A file the server cannot read: its words.
  await choose(p, '不对.csv', Buffer.from('火星列,来源\n1,2\n'))
  assert.match(await text(dialog.locator('[data-test=import-failure]')), /无法读取此文件[\s\S]*火星列/)
  assert.equal(await dialog.locator('[data-test=import-submit]').isDisabled(), true)

  // A good file: imported, said, and the list counts it.
  await choose(p, '正确.csv', filled(header, goodNames.map((name) => enterprise(name, place))))
  await dialog.locator('[data-test=import-ready]').waitFor()
  assert.equal(await text(dialog.locator('[data-count=invalid]')), '有误 0 行')
  assert.equal(await text(dialog.locator('[data-test=import-submit]')), '导入 2 行')
  await dialog.locator('[data-test=import-submit]').click()
  await p.locator('.el-message--success', { hasText: '已导入 2 条' }).waitFor()
  await dialog.waitFor({ state: 'hidden' })
  assert.equal(await organizationsTotal(), before + 2)
  await p.locator('[data-test=total]', { hasText: `共 ${before + 2} 条` }).waitFor()

  // The new enterprise in the list, and on its page placed by name.
  await p.goto(`${base}/organizations?q=${encodeURIComponent(goodNames[0])}`)
  const link = p.locator('[data-test=list-organizations] .el-table__body a', { hasText: goodNames[0] })
  await link.waitFor()
  await link.click()
  await p.locator('.record-fields, [data-test=record-fields]').first().waitFor()
  await p.getByText(place, { exact: true }).first().waitFor()
  await alley.shoot(p, 'import-imported')
  await p.context().close()
})

test('department staff import organizations, but not departments, which only admins write', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-promoter')
  await openList(p, 'organizations')
  await p.locator('[data-test=import]').waitFor()
  assert.equal(await p.locator('[data-test=import-template]').count(), 1)
  await openList(p, 'departments')
  assert.equal(await p.locator('[data-test=import]').count(), 0, 'no 导入 on an admin-written list')
  assert.equal(await p.locator('[data-test=import-template]').count(), 0)
  await p.context().close()

  const admin = await alley.page()
  await alley.signIn(admin, 'e2e-admin')
  await openList(admin, 'departments')
  await admin.locator('[data-test=import]').waitFor()
  await admin.context().close()

  const visitor = await alley.page()
  await openList(visitor, 'organizations')
  assert.equal(await visitor.locator('[data-test=import]').count(), 0, 'the public is offered no 导入')
  await visitor.context().close()
})

test('the import dialog fits a 390-pixel phone and reads in English', async () => {
  const p = await alley.page(phone)
  await alley.signIn(p, 'e2e-admin')
  await openList(p, 'organizations')
  const header = await (await fetch(`${base}/api/v1/organizations/import-template.csv`, { headers: { Authorization: `Bearer ${adminToken}` } })).text()
  const dialog = await openDialog(p)
  await fits(p, dialog, 'the empty dialog')
  await choose(p, '手机.csv', filled(header, [enterprise('导入测试手机有限公司', place), enterprise('导入测试手机错误有限公司', '火星基地')]))
  await rowOf(dialog, 3).locator('[data-fault=place_id]').waitFor()
  // Above the table, where a phone shows it without scrolling sideways: the row and its fault by label.
  assert.match(await text(dialog.locator('[data-fault-row="3"]')), /^第 3 行\s*所在场所：.*火星基地/)
  assert.equal(await dialog.locator('[data-fault-row]').count(), 1)
  await fits(p, dialog, 'the dialog with a faulty file')
  await alley.shoot(p, 'import-phone')
  await p.context().close()

  const english = await alley.page()
  await alley.signIn(english, 'e2e-admin')
  await openList(english, 'organizations', '?lang=en')
  const shown = await openDialog(english)
  assert.match(await text(shown.locator('[data-test=import-rule]')), /no row is imported/)
  await choose(english, 'english.csv', filled(header, [enterprise('导入测试英文有限公司', '火星基地')]))
  assert.equal(await text(shown.locator('[data-count=rows]')), 'Rows: 1')
  const headers = (await shown.locator('.el-table__header th').allInnerTexts()).map((h) => h.trim())
  assert.ok(headers.includes('Located at'), `the columns are labelled in English: ${headers}`)
  await saysNoIds(shown)
  await english.context().close()
})
