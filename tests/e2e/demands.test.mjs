// End-to-end: the service desk in the browser. An enterprise files a demand
// from 我的诉求 with a file; routing sends it to the unit its category names;
// the unit finds it in its inbox, accepts it, suspends it while waiting for
// the enterprise (its clock's bar shows the pause), is refused a resolution
// with no outcome at the field, resolves it; the enterprise sees the history and
// the stopped clocks and rates it; the board counts it. The real server with
// the Silicon Alley pack (no demo population), the built web app and
// Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, fits, chooseOption as choose, tinyPdf as pdf } from './support.mjs'

// 黑湖科技 asks for financing: the specialist rule sends 融资支持 to its department, the science and technology commission.
const firm = 'blacklake'
const unit = 'science-tech-commission'
const title = '端到端测试：申请科技贷款贴息'

let alley, base

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-firm', '--role', 'enterprise', '--org', firm],
      ['e2e-other-firm', '--role', 'enterprise', '--org', 'qst'],
      ['e2e-unit', '--role', 'department', '--department', unit],
    ],
  })
  base = alley.base
})

after(async () => {
  await alley?.stop()
})

const phone = { width: 390, height: 844 }
const text = async (locator) => (await locator.innerText()).trim()
// Waits for the demand to stand at `status`, and its work (actions, clocks, timeline) to be read at its version.
async function settled(p, status) {
  await p.waitForFunction((wanted) => {
    const version = document.querySelector('[data-test=detail]')?.dataset.version
    return document.querySelector('span[data-field=status]')?.innerText.trim() === wanted &&
      document.querySelector('[data-test=case-work]')?.dataset.version === version
  }, status)
}

// Takes an action by its button, filling its form with `fill` first.
async function act(p, action, fill = async () => {}) {
  await p.click(`[data-test=case-action][data-action=${action}]`)
  const dialog = p.locator(`[data-test=case-action-dialog][data-action=${action}]:visible`)
  await dialog.waitFor()
  await fill(dialog)
  await dialog.locator('[data-test=case-action-submit]').click()
  return dialog
}

let demandId

test('an enterprise files a demand with a file, and it is routed at once', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-firm')
  await p.click('[data-test=nav-service]')
  await p.click('[data-test=nav-my-demands]')
  await p.waitForSelector('[data-test=my-demands] [data-test=demands-none]')
  await p.click('[data-test=file-demand]')
  const dialog = p.locator('[data-test=demand-filing]:visible')
  await dialog.waitFor()

  // Without a category or a title the server refuses, at the fields.
  await dialog.locator('[data-test=submit-demand]').click()
  await dialog.locator('[data-field=category_id] .el-form-item__error').waitFor()
  assert.ok(await dialog.locator('[data-field=name] .el-form-item__error').isVisible())

  await choose(p, dialog.locator('[data-field=category_id]'), 'cat-financing')
  await dialog.locator('[data-field=name] input').fill(title)
  await dialog.locator('[data-field=description] textarea').fill('企业计划申请科技贷款，想了解贴息政策的条件和申报时间。')
  await dialog.locator('[data-field=contact] input').fill('王女士 13800000000')
  await dialog.locator('[data-test=file-input]').setInputFiles({ name: '贷款意向书.pdf', mimeType: 'application/pdf', buffer: pdf })
  await dialog.locator('[data-test=chosen-file]').waitFor()
  await dialog.locator('[data-test=submit-demand]').click()
  await p.waitForURL(/\/demands\/[a-z0-9_-]+$/)
  demandId = new URL(p.url()).pathname.split('/').pop()
  await settled(p, '已派单')

  // Its unit, the rule that routed it, its file, its history and its running clocks.
  assert.equal(await p.locator(`[data-field=unit_id] [data-reference=${unit}]`).count(), 1)
  assert.match(await text(p.locator('[data-test=case-files]')), /贷款意向书\.pdf/)
  const actions = await p.locator('[data-test=case-event]').evaluateAll((items) => items.map((item) => item.dataset.action))
  assert.deepEqual(actions, ['dispatch', 'file'])
  const accept = p.locator('[data-test=clock][data-clock=accept]')
  assert.equal(await accept.getAttribute('data-status'), 'running')
  assert.equal(await p.locator('[data-test=clock][data-clock=resolve]').getAttribute('data-status'), 'running')
  // The enterprise may only withdraw it now.
  const offered = await p.locator('[data-test=case-action]').evaluateAll((buttons) => buttons.map((button) => button.dataset.action))
  assert.deepEqual(offered, ['withdraw'])
  await alley.shoot(p, 'demand-filed')

  // Another enterprise does not see it, in the list or by its address.
  const rival = alley.asUser('e2e-other-firm')
  assert.equal((await rival('GET', `/api/v1/demands/${demandId}`)).status, 404)
  assert.equal((await rival('GET', '/api/v1/demands')).data.total, 0)
})

test('the unit finds it in its inbox, accepts it, and resolves it with its outcome', async () => {
  assert.ok(demandId, 'the demand of the first test')
  const p = await alley.page()
  await alley.signIn(p, 'e2e-unit')
  // The unit's home page holds it first.
  await p.goto(`${base}/`)
  assert.match(await text(p.locator('[data-test=home-demands] [data-test=home-demand]').first()), new RegExp(title))
  await p.goto(`${base}/demand-inbox`)
  await p.waitForSelector(`[data-test=inbox-demand][data-demand=${demandId}]`)
  assert.match(await text(p.locator('[data-test=inbox-view-unit]')), /1/)
  assert.equal(await p.locator('[data-test=inbox-view-toDispatch]').count(), 0, 'a unit does not dispatch')
  await p.click(`[data-test=inbox-demand][data-demand=${demandId}] [data-test=inbox-demand-link]`)
  await settled(p, '已派单')

  await act(p, 'accept')
  await settled(p, '已签收')
  assert.equal(await p.locator('[data-test=clock][data-clock=accept][data-current=true]').getAttribute('data-status'), 'stopped')
  assert.equal(await text(p.locator('span[data-field=handler]')), 'e2e-unit')

  // Accepted by me: the inbox's first view now holds it.
  await p.goto(`${base}/demand-inbox`)
  await p.click('[data-test=inbox-view-mine]')
  await p.waitForSelector(`[data-test=inbox-demand][data-demand=${demandId}]`)
  await p.click(`[data-test=inbox-demand][data-demand=${demandId}] [data-test=inbox-demand-link]`)
  await settled(p, '已签收')

  // Waiting for the enterprise stops the time to resolve: the bar shows the pause.
  await act(p, 'suspend', (dialog) => dialog.locator('[data-field=comment] textarea').fill('请企业补充近三年财务报表'))
  await settled(p, '已挂起')
  const resolveClock = p.locator('[data-test=clock][data-clock=resolve][data-current=true]')
  assert.equal(await resolveClock.getAttribute('data-status'), 'paused')
  assert.equal(await resolveClock.locator('[data-test=clock-segment][data-running=false]').count(), 1)
  await act(p, 'resume')
  await settled(p, '处理中')
  assert.equal(await resolveClock.getAttribute('data-status'), 'running')
  assert.match(await text(resolveClock.locator('[data-test=clock-pauses]')), /暂停 1 次/)

  // 办结 needs its outcome: refused at the field, on a phone as on a desk.
  await p.setViewportSize(phone)
  const dialog = await act(p, 'resolve')
  await dialog.locator('[data-field=comment] .el-form-item__error').waitFor()
  await fits(p, dialog, 'the resolve dialog on a phone')
  await dialog.locator('[data-field=comment] textarea').fill('已告知贴息政策条件，企业已提交申报材料。')
  await dialog.locator('[data-test=case-action-submit]').click()
  await settled(p, '已办结')
  assert.match(await text(p.locator('[data-test=case-event][data-action=resolve]')), /已告知贴息政策条件/)
  await alley.shoot(p, 'demand-resolved-phone')
  // Resolved, it waits in the unit's inbox for its rating, a call back or closing.
  await p.setViewportSize({ width: 1366, height: 768 })
  await p.goto(`${base}/demand-inbox`)
  await p.click('[data-test=inbox-view-closing]')
  await p.waitForSelector(`[data-test=inbox-demand][data-demand=${demandId}]`)
})

test('the enterprise follows it to its resolution and rates it', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-firm')
  await p.goto(`${base}/my-demands`)
  const row = p.locator(`[data-test=my-demand][data-demand=${demandId}]`)
  await row.waitFor()
  assert.match(await text(row.locator('[data-test=my-demand-status]')), /已办结/)
  await row.locator('[data-test=my-demand-link]').click()
  await settled(p, '已办结')
  const history = await p.locator('[data-test=case-event]').evaluateAll((items) => items.map((item) => item.dataset.action))
  assert.deepEqual(history, ['resolve', 'resume', 'suspend', 'accept', 'dispatch', 'file'])
  // The time to call back runs until it is rated.
  assert.equal(await p.locator('[data-test=clock][data-clock=revisit]').getAttribute('data-status'), 'running')

  await act(p, 'rate', async (dialog) => {
    await dialog.locator('[data-field=rating] [data-value=satisfied]').click()
    await dialog.locator('[data-field=comment] textarea').fill('答复及时，谢谢。')
  })
  await settled(p, '已评价')
  assert.match(await text(p.locator('[data-test=case-event][data-action=rate]')), /满意/)
  assert.equal(await p.locator('[data-test=clock][data-clock=revisit]').getAttribute('data-status'), 'stopped')
  assert.equal(await p.locator('[data-test=case-action]').count(), 0, 'nothing is left for the enterprise to do')
  await alley.shoot(p, 'demand-rated')
})

test('the board counts it, in English too', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/demand-board`)
  await p.waitForSelector('[data-test=board-map][data-loaded=true]')
  const received = p.locator('[data-test=board-figure][data-figure=received] .figure')
  assert.equal(await text(received), '1')
  // Rated, it is still open until it is closed; nothing is overdue.
  assert.equal(await text(p.locator('[data-test=board-figure][data-figure=open_now] .figure')), '1')
  assert.equal(await text(p.locator('[data-test=board-figure][data-figure=overdue_now] .figure')), '0')
  assert.equal(await text(p.locator('[data-test=board-figure][data-figure=satisfaction_rate] .figure')), '100.0%')
  await alley.shoot(p, 'demand-board')
  await p.goto(`${base}/demand-board?lang=en`)
  await p.waitForSelector('[data-test=board-map][data-loaded=true]')
  assert.match(await text(p.locator('[data-test=board-figure][data-figure=received]')), /^Sent to units\s+1$/)

  await p.goto(`${base}/demands/${demandId}?lang=en`)
  await settled(p, 'Rated')
  assert.match(await text(p.locator('[data-test=case-event][data-action=accept] [data-test=case-event-action]')), /^Accept$/)
})
