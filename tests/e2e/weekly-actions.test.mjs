// End-to-end: the weekly actions staff take in the browser. Investment
// promotion enters a firm as a target and moves it to negotiating with a
// note, a next step, an owner and a reminder for today; the reminder reaches
// the owner's notifications with the firm's name. A department reports
// progress on a task it leads — done, with evidence, a link and a file that
// downloads with the same bytes. A KPI measured by hand gets a figure, and
// the page shows its new value. A change made meanwhile is said, refusals
// stand at their fields, and every dialog fits a phone. The real server with
// the Silicon Alley pack (no demo population), the built web app and
// Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startAlley, fits, chooseOption as choose, tinyPdf as pdf } from './support.mjs'

// A task the science and technology commission leads (the investment promotion office only co-leads it), and two KPIs entered by hand.
const task = 'p2325-sub-05'
const kpi = 'kpi-application-scenarios'  // led by the science and technology commission
const otherKpi = 'kpi-city-level-talents'  // led by the organization department
const firmName = '硅巷推进测试智能（上海）有限公司'

let alley, base

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-promoter', '--role', 'department', '--department', 'investment-promotion-office'],
      ['e2e-promoter-2', '--role', 'department', '--department', 'investment-promotion-office'],
      ['e2e-sci', '--role', 'department', '--department', 'science-tech-commission'],
      ['e2e-culture', '--role', 'department', '--department', 'culture-tourism-bureau'],
    ],
  })
  base = alley.base
})

after(async () => {
  await alley?.stop()
})

const shoot = (p, name) => alley.shoot(p, name)
const phone = { width: 390, height: 844 }
// Today in the district (Asia/Shanghai, UTC+8 all year).
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const text = async (locator) => (await locator.innerText()).trim()

const asUser = (name) => alley.asUser(name)

test('investment promotion moves a new target to negotiating, and its owner is reminded', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-promoter')

  // The target, entered through the new-record form with its pipeline status.
  await p.goto(`${base}/organizations/new`)
  await p.waitForSelector('[data-test=edit-form][data-mode=create] [data-field=name] input')
  await p.fill('[data-field=name] input', firmName)
  await p.fill('[data-field=source] input', '端到端测试：招商线索')
  await choose(p, p.locator('[data-test=edit-form] [data-field=kind]'), 'enterprise')
  await choose(p, p.locator('[data-test=edit-form] [data-field=pipeline_status]'), 'target')
  await p.click('[data-test=save]')
  await p.waitForURL(/\/organizations\/(?!new)[a-z0-9_-]+$/)
  const id = new URL(p.url()).pathname.split('/').pop()
  await p.waitForSelector('[data-test=pipeline-step]')
  assert.equal(await text(p.locator('span[data-field=pipeline_status]')), '目标企业')

  // The dialog offers what the document declares a target may go to (x-transitions): a
  // follow-up in the current status, then the one step a target may take.
  const moves = (await (await fetch(`${base}/api/v1/openapi.json`)).json()).components.schemas.pipeline['x-transitions']
  await p.click('[data-test=pipeline-step]')
  const dialog = p.locator('[data-test=pipeline-dialog]:visible')
  await dialog.waitFor()
  assert.match(await text(dialog.locator('.el-dialog__title')), /推进招商 · 硅巷推进测试智能/)
  assert.equal(await dialog.locator('[data-field=date] input').inputValue(), today())
  assert.match(await text(dialog.locator('[data-field=owner_id] .el-select__selection')), /e2e-promoter/)
  await dialog.locator('[data-field=status] .el-select__wrapper').click()
  await p.locator('.el-select-dropdown__item[data-value=negotiating]:visible').waitFor()
  const offered = await p.locator('.el-select-dropdown__item:visible').evaluateAll((items) => items.map((item) => [item.dataset.value, item.innerText.trim()]))
  if (moves) {
    assert.deepEqual(moves.target, ['target', 'negotiating'])
    assert.deepEqual(offered, [['target', '跟进（仍为“目标企业”）'], ['negotiating', '洽谈中']])
  } else {
    // A document without them leaves every status open, the follow-up first; the server refuses what it does not allow.
    assert.deepEqual(offered.map(([value]) => value), ['target', 'negotiating', 'landed', 'moved_out'])
  }
  await p.locator('.el-select-dropdown__item[data-value=negotiating]:visible').click()
  await dialog.locator('[data-field=note] textarea').fill('首次上门拜访，企业有意在硅巷设立研发中心')
  await dialog.locator('[data-field=next_step] textarea').fill('约谈负责人，确认选址需求')
  await choose(p, dialog.locator('[data-field=owner_id]'), 'e2e-promoter-2')
  await dialog.locator('[data-field=remind_on] input').fill(today())

  // A date still to come is refused at its field.
  const tomorrow = new Date(Date.now() + 32 * 3600e3).toISOString().slice(0, 10)
  await dialog.locator('[data-field=date] input').fill(tomorrow)
  await dialog.locator('[data-test=save-step]').click()
  const refusal = dialog.locator('[data-field=date] .el-form-item__error')
  await refusal.waitFor()
  assert.match(await text(refusal), /future|未来|今天/)
  await shoot(p, 'weekly-pipeline-refused')
  await dialog.locator('[data-field=date] input').fill(today())

  // Meanwhile a colleague records a follow-up: the step is refused as stale, says who, and the page reloads what was typed untouched.
  const colleague = asUser('e2e-admin')
  const current = await colleague('GET', `/api/v1/organizations/${id}`)
  const follow = await colleague('POST', `/api/v1/organizations/${id}/pipeline`, { body: { status: 'target', note: '电话联系' }, etag: current.etag })
  assert.equal(follow.status, 200, JSON.stringify(follow.data))
  await dialog.locator('[data-test=save-step]').click()
  await p.waitForSelector('[data-test=pipeline-dialog] [data-test=stale][data-settled=true]')
  assert.match(await text(dialog.locator('[data-test=stale]')), /在您打开之后/)
  await dialog.locator('[data-test=reload]').click()
  await dialog.locator('[data-test=stale]').waitFor({ state: 'detached' })
  assert.equal(await dialog.locator('[data-field=next_step] textarea').inputValue(), '约谈负责人，确认选址需求')
  await shoot(p, 'weekly-pipeline-dialog')
  await dialog.locator('[data-test=save-step]').click()
  await dialog.waitFor({ state: 'hidden' })

  // The page shows the move, newest first, with its next step, owner and reminder.
  await p.waitForFunction(() => document.querySelector('span[data-field=pipeline_status]')?.innerText.trim() === '洽谈中')
  const step = p.locator('[data-test=history-pipeline] [data-test=step]').first()
  assert.equal(await text(step.locator('[data-test=step-move]')), '目标企业 → 洽谈中')
  assert.equal(await text(step.locator('[data-test=step-note]')), '首次上门拜访，企业有意在硅巷设立研发中心')
  assert.equal(await text(step.locator('[data-test=step-next]')), '约谈负责人，确认选址需求')
  assert.equal(await text(step.locator('[data-test=step-owner]')), 'e2e-promoter-2')
  assert.equal(await text(step.locator('[data-test=step-remind]')), today())
  assert.match(await text(step.locator('[data-test=step-recorded]')), /e2e-promoter 记录于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  const steps = p.locator('[data-test=history-pipeline] [data-test=step-move]')
  assert.deepEqual(await steps.allInnerTexts(), ['目标企业 → 洽谈中', '跟进（目标企业）', '登记时为“目标企业”'])
  assert.doesNotMatch(await text(p.locator('[data-test=history-pipeline]')), /user-[0-9a-f]/, 'people are named, not numbered')
  await shoot(p, 'weekly-pipeline-history')
  const moved = await colleague('GET', `/api/v1/organizations/${id}`)
  assert.equal(moved.data.pipeline_status, 'negotiating')

  // The reminder falls due today; the scheduler sends it within seconds, to the owner, naming the firm.
  const owner = await alley.page()
  await alley.signIn(owner, 'e2e-promoter-2')
  const reminder = owner.locator('[data-test=notification]', { hasText: firmName })
  for (const deadline = Date.now() + 30e3; ;) {
    await owner.goto(`${base}/notifications`)
    await owner.waitForFunction(() => document.querySelector('[data-test=notification]') || document.querySelector('[data-test=notifications] .el-empty'))
    if (await reminder.count()) break
    assert.ok(Date.now() < deadline, 'the reminder reached the owner within 30 seconds')
    await owner.waitForTimeout(2000)
  }
  assert.match(await text(reminder.locator('.notification-message')), /跟进提醒/)
  const subject = reminder.locator('[data-test=notification-subject]')
  assert.equal(await text(subject), firmName)
  assert.equal(await subject.getAttribute('href'), `/organizations/${id}`)
  assert.doesNotMatch(await text(reminder), new RegExp(id), 'the firm is named, not numbered')
  await shoot(owner, 'weekly-reminder')
  // In English the reminder is restated from its fields, the next step as it was typed.
  await owner.goto(`${base}/notifications?lang=en`)
  await reminder.waitFor()
  assert.equal(await text(reminder.locator('.notification-message')), `Follow-up reminder: ${firmName} — 约谈负责人，确认选址需求`)
  assert.match(await text(reminder.locator('.notification-links')), /^Organizations: /)
  await owner.goto(`${base}/notifications?lang=zh-Hans`)
  await subject.click()
  await owner.waitForURL(`${base}/organizations/${id}`)
})

test('a department reports a task it leads done, with evidence, a link and a file', async () => {
  const admin = asUser('e2e-admin')
  const before = (await admin('GET', `/api/v1/tasks/${task}`)).data
  assert.ok(before.lead_department_ids.includes('science-tech-commission'))
  assert.equal(before.status, 'in_progress')

  // Another department neither leads nor co-leads it: no button.
  const outsider = await alley.page()
  await alley.signIn(outsider, 'e2e-culture')
  await outsider.goto(`${base}/tasks/${task}`)
  await outsider.waitForSelector('[data-test=record-name]')
  assert.equal(await outsider.locator('[data-test=progress-report]').count(), 0)

  // A department that only co-leads it reports nothing either: the server refuses it, and the page offers no button.
  assert.ok(before.co_department_ids.includes('investment-promotion-office'))
  assert.ok(!before.lead_department_ids.includes('investment-promotion-office'))
  const refused = await asUser('e2e-promoter')('POST', `/api/v1/tasks/${task}/progress`, { body: { status: 'in_progress', note: '协办部门的报告' } })
  assert.equal(refused.status, 403, JSON.stringify(refused.data))
  const coLead = await alley.page()
  await alley.signIn(coLead, 'e2e-promoter')
  await coLead.goto(`${base}/tasks/${task}`)
  await coLead.waitForSelector('[data-test=record-name]')
  // The button's dialog loads on demand: once its fields show and nothing more is fetched, a missing button is meaningful.
  await coLead.waitForSelector('span[data-field=status]')
  await coLead.waitForLoadState('networkidle')
  assert.equal(await coLead.locator('[data-test=progress-report]').count(), 0, 'a co-leading department gets no 报告进展')
  await coLead.context().close()

  // The plan's tree opens the task's page.
  const p = await alley.page()
  await alley.signIn(p, 'e2e-sci')
  await p.goto(`${base}/plans/${before.plan_id}`)
  await p.click(`[data-test=task-link][href="/tasks/${task}"]`)
  await p.waitForURL(`${base}/tasks/${task}`)
  // Its status moves by reports only: the edit form no longer offers it.
  await p.waitForSelector('[data-test=progress-report]')
  await p.goto(`${base}/tasks/${task}/edit`)
  await p.waitForSelector('[data-test=edit-form] [data-field=evidence]')
  assert.equal(await p.locator('[data-test=edit-form] [data-field=status]').count(), 0, 'the edit form does not offer a task\'s status')
  await p.goto(`${base}/tasks/${task}`)

  await p.click('[data-test=progress-report]')
  const dialog = p.locator('[data-test=progress-dialog]:visible')
  await dialog.waitFor()
  await choose(p, dialog.locator('[data-field=status]'), 'done')
  await dialog.locator('[data-field=note] textarea').fill('2026 年共受理科技履约贷 9 家，已全部放款')
  // A link that is not a web address is not added; a right one is.
  await dialog.locator('input[name=link]').fill('见附件')
  await dialog.locator('[data-test=add-link]').click()
  await dialog.locator('[data-test=link-invalid]').waitFor()
  await dialog.locator('input[name=link]').fill('https://example.org/changning/tech-loans-2026')
  await dialog.locator('[data-test=add-link]').click()
  assert.equal(await dialog.locator('[data-test=link-item]').count(), 1)
  await dialog.locator('[data-test=file-input]').setInputFiles({ name: '履约贷放款清单.pdf', mimeType: 'application/pdf', buffer: pdf })
  assert.match(await text(dialog.locator('[data-test=chosen-file]')), new RegExp(`履约贷放款清单\\.pdf\\s+${pdf.length} 字节`))
  await shoot(p, 'weekly-progress-dialog')
  await dialog.locator('[data-test=save-step]').click()
  await dialog.waitFor({ state: 'hidden' })

  // The timeline holds the report with its evidence; the file downloads as it was sent.
  await p.waitForFunction(() => document.querySelector('span[data-field=status]')?.innerText.trim() === '已完成')
  const step = p.locator('[data-test=history-progress] [data-test=step]').first()
  assert.equal(await text(step.locator('[data-test=step-move]')), '推进中 → 已完成')
  assert.equal(await text(step.locator('[data-test=step-note]')), '2026 年共受理科技履约贷 9 家，已全部放款')
  assert.equal(await step.locator('[data-test=step-link]').getAttribute('href'), 'https://example.org/changning/tech-loans-2026')
  const file = step.locator('[data-test=attachment]')
  assert.equal(await text(file.locator('[data-test=attachment-link]')), '履约贷放款清单.pdf')
  assert.equal(await text(file.locator('[data-test=attachment-size]')), `${pdf.length} 字节`)
  await shoot(p, 'weekly-progress-history')
  const [download] = await Promise.all([p.waitForEvent('download'), file.locator('[data-test=attachment-link]').click()])
  assert.equal(download.suggestedFilename(), '履约贷放款清单.pdf')
  assert.ok(readFileSync(await download.path()).equals(pdf), 'the file downloads with the bytes uploaded')

  const after = (await admin('GET', `/api/v1/tasks/${task}`)).data
  assert.equal(after.status, 'done')
  assert.equal(after.evidence, '2026 年共受理科技履约贷 9 家，已全部放款')
  assert.ok(after.evidence_links.includes('https://example.org/changning/tech-loans-2026'))
  const listed = (await admin('GET', `/api/v1/tasks/${task}/attachments`)).data.items
  assert.equal(listed.length, 1, 'only the file the report names is kept')
})

test('a figure entered for a KPI measured by hand moves its value', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-sci')
  await p.goto(`${base}/kpis`)
  const row = p.locator(`.kpi-${kpi}`)
  await row.locator('[data-test=enter-figure]').waitFor()
  assert.equal(await text(row.locator('[data-test=kpi-value]')), '—')
  assert.equal(await text(row.locator('[data-test=kpi-status]')), '暂无数据')
  // A KPI another department leads, or one counted from the registry, takes no figure from here.
  assert.equal(await p.locator(`.kpi-${otherKpi} [data-test=enter-figure]`).count(), 0)
  assert.equal(await p.locator('.kpi-kpi-alliances [data-test=enter-figure]').count(), 0)

  await row.locator('[data-test=enter-figure]').click()
  const dialog = p.locator('[data-test=figure-dialog]:visible')
  await dialog.waitFor()
  assert.equal(await dialog.locator('[data-field=as_of] input').inputValue(), today())
  await dialog.locator('[data-field=value] input').fill('12')
  await dialog.locator('[data-field=note] textarea').fill('已发布的产业典型应用场景')
  await dialog.locator('[data-field=source] input').fill('区科委 2026 年场景清单')
  await shoot(p, 'weekly-kpi-dialog')
  await dialog.locator('[data-test=save-figure]').click()
  await dialog.waitFor({ state: 'hidden' })

  await p.waitForFunction((selector) => document.querySelector(selector)?.innerText.trim() === '12', `.kpi-${kpi} [data-test=kpi-value]`)
  assert.notEqual(await text(row.locator('[data-test=kpi-status]')), '暂无数据')
  assert.match(await text(row.locator('[data-test=kpi-basis]')), /区科委 2026 年场景清单/)
  await row.locator('.el-table__expand-icon').click()
  const figure = p.locator('[data-test=kpi-figures]:visible').first()
  await figure.waitFor()
  assert.equal(await text(figure.locator('[data-test=figure-value]').first()), '12')
  assert.equal(await text(figure.locator('[data-test=figure-as-of]').first()), today())
  await shoot(p, 'weekly-kpi-entered')
  const progress = await (await fetch(`${base}/api/v1/kpi-progress`)).json()
  assert.equal(progress.items.find((item) => item.kpi_id === kpi).value, 12)
})

test('the three dialogs fit a 390-pixel phone', async () => {
  const organization = (await asUser('e2e-admin')('GET', '/api/v1/organizations?pipeline_status=negotiating&limit=1')).data.items[0]
  for (const [user, path, button, name] of [
    ['e2e-promoter', `/organizations/${organization.id}`, 'pipeline-step', 'pipeline'],
    ['e2e-sci', `/tasks/${task}`, 'progress-report', 'progress'],
    ['e2e-sci', '/kpis', 'enter-figure', 'figure'],
  ]) {
    const p = await alley.page(phone)
    await alley.signIn(p, user)
    await p.goto(`${base}${path}`)
    const opener = p.locator(`[data-test=${button}]:visible`).first()
    await opener.waitFor()
    await opener.scrollIntoViewIfNeeded()
    await opener.click()
    const dialog = p.locator(`[data-test=${name}-dialog]:visible`)
    await dialog.waitFor()
    // The dialog fades in; the picture is of it once it has.
    await p.waitForFunction(() => !document.querySelector('[class*="-enter-active"]'))
    await fits(p, dialog, `the ${name} dialog`)
    await shoot(p, `phone-weekly-${name}-dialog`)
    await p.context().close()
  }
})
