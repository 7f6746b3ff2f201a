// End-to-end: what the platform decided rather than read in the documents is
// said where people read it, and the year-end review. A policy's responsible
// department the platform assigned shows 指派 with what the documents say of
// who delivers it, on its page (a line of its own, on a phone too) and in the
// list; a deadline taken from the plan's period shows 推定 in the plan tree,
// on the task's and the department's pages. Documents are cited by title,
// never by file. The three-year plan lists where
// each of its sub-actions went in the 2024 regrouping, naming the one with no
// counterpart; the regrouping names at each node the sub-action it stands
// for. A policy match on an illustrative rule says so in English too. Staff
// read the year-end review by department and plan, download it, in English
// and on a 390-pixel phone. The real server with the Silicon Alley pack (no
// demo population), the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow } from './support.mjs'

const policy = 'academician-expert-workstation'  // its department assigned by the platform
const plan = 'plan-2023-2025'
const regrouped = 'plan-2023-2025-regrouped'
const task = 'p2325-sub-05'  // 五(三)5 加大支持力度: its deadline inferred from the plan's period
const unmatched = 'p2325-sub-04'  // 五(二)4 深化制度改革: no counterpart in the 2024 grouping
const split = 'p2325-sub-11'  // 五(六)11 强化党建引领: two nodes of the grouping stand for it
const department = 'science-tech-commission'

let alley, base

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-sci', '--role', 'department', '--department', department],
    ],
  })
  base = alley.base
})

after(async () => {
  await alley?.stop()
})

const shoot = (p, name) => alley.shoot(p, name)
const phone = { width: 390, height: 844 }
const text = async (locator) => (await locator.innerText()).trim()
const read = async (path) => (await fetch(`${base}${path}`)).json()
// This year in the district (Asia/Shanghai, UTC+8 all year).
const districtYear = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4)
// An id of a record, the way the pack writes them (p2325-sub-04, science-tech-commission), where a person reads.
const ids = /\b(p2325(rg)?-[a-z]+-\d+|plan-2023-2025(-regrouped)?|science-tech-commission)\b/

function fits(p, what) {
  return overflow(p).then((wider) => assert.ok(wider <= 1, `${what}: the page is ${wider}px wider than the window`))
}

test('an assigned responsible department shows 指派 and what the documents say, on the policy page and in the list', async () => {
  const record = await read(`/api/v1/policies/${policy}`)
  assert.equal(record.responsible_department_basis, 'assigned')
  assert.ok(record.responsibility_note)

  const p = await alley.page()
  await p.goto(`${base}/policies/${policy}`)
  const responsible = p.locator('[data-test=policy] [data-test=responsible-department]')
  await responsible.waitFor()
  assert.equal(await text(responsible.locator('a')), '上海市长宁区科学技术委员会')
  const tag = responsible.locator('[data-test=basis-assigned]')
  assert.equal(await text(tag), '指派')
  assert.equal(await tag.getAttribute('title'), record.responsibility_note)
  // The note is a line of its own, not only the tag's hint.
  const note = p.locator('[data-test=policy] [data-test=responsibility-note]')
  assert.equal(await text(note), record.responsibility_note)
  assert.match(await text(note), /由本平台指派/)
  // The documents it rests on, by title rather than by file.
  await p.waitForFunction(() => !/\.txt\b/.test(document.querySelector('[data-test=policy]').innerText))
  assert.match(await text(p.locator('[data-test=policy]')), /长宁区全面推进“上海硅巷”科创街区建设三年行动方案/)
  await shoot(p, 'labels-policy-assigned')

  // The list marks it too, beside the department's name.
  await p.goto(`${base}/policies`)
  await p.waitForSelector('[data-test=list-policies] .el-table__row')
  await p.fill('[data-test=list-policies] .keyword input', '院士')
  await p.press('[data-test=list-policies] .keyword input', 'Enter')
  const row = p.locator('.el-table__row', { hasText: '院士（专家）工作站' })
  await row.waitFor()
  await p.waitForFunction(() => document.querySelectorAll('[data-test=list-policies] .el-table__row').length === 1)
  assert.match(await text(row), /上海市长宁区科学技术委员会\s*指派/)
  assert.equal(await row.locator('[data-test=basis-assigned]').getAttribute('title'), record.responsibility_note)

  // On a phone, where a hint does not open, the note reads under the name.
  const small = await alley.page(phone)
  await small.goto(`${base}/policies/${policy}`)
  const onPhone = small.locator('[data-test=policy] [data-test=responsibility-note]')
  await onPhone.waitFor()
  assert.ok(await onPhone.isVisible())
  await fits(small, 'the policy page')
  await shoot(small, 'phone-labels-policy-assigned')
  await small.context().close()
})

test('an inferred deadline shows 推定 in the plan tree, on the task page and the department page', async () => {
  const record = await read(`/api/v1/tasks/${task}`)
  assert.equal(record.due_on_basis, 'inferred')

  const p = await alley.page()
  await p.goto(`${base}/plans/${plan}`)
  const row = p.locator('[data-test=task]', { has: p.locator(`[data-test=task-link][href="/tasks/${task}"]`) })
  await row.waitFor()
  const due = row.locator('[data-test=due-date]')
  assert.equal(await text(due.locator('[data-test=due-on]')), record.due_on)
  const tag = due.locator('[data-test=basis-inferred]')
  assert.equal(await text(tag), '推定')
  assert.equal(await tag.getAttribute('title'), '由计划期限推定')
  // A goal the document dates itself (到 2025 年) shows its deadline without the tag.
  const goal = p.locator('.task-block', { hasText: '硅巷创新动能更强劲' })
  assert.equal(await text(goal.locator('[data-test=node-due] [data-test=due-on]')), '2025-12-31')
  assert.equal(await goal.locator('[data-test=basis-inferred]').count(), 0)
  // Its source and its tasks' evidence cite the documents by title.
  await p.waitForFunction(() => !/\.txt\b/.test(document.querySelector('[data-test=plan]').innerText))
  await shoot(p, 'labels-plan-inferred')

  // The task's own page says it beside the deadline, and what the deadline rests on in words.
  await p.goto(`${base}/tasks/${task}`)
  await p.waitForSelector('span[data-field=due_on]')
  assert.equal(await text(p.locator('span[data-field=due_on]')), record.due_on)
  assert.equal(await text(p.locator('[data-basis-of=due_on]')), '推定')
  assert.equal(await text(p.locator('span[data-field=due_on_basis]')), '由计划期限推定')

  // So does the department's page.
  await p.goto(`${base}/departments/${department}`)
  const led = p.locator('.el-table__row', { has: p.locator(`[data-test=task-link][href="/tasks/${task}"]`) })
  await led.waitFor()
  assert.equal(await text(led.locator('[data-test=basis-inferred]')), '推定')

  // In English: "inferred", taken from the plan's period.
  await p.goto(`${base}/plans/${plan}?lang=en`)
  const english = p.locator('[data-test=task]', { has: p.locator(`[data-test=task-link][href="/tasks/${task}"]`) }).locator('[data-test=basis-inferred]')
  await english.waitFor()
  assert.equal(await text(english), 'inferred')
  assert.equal(await english.getAttribute('title'), "taken from the plan's period")
})

test('the three-year plan says where each sub-action went in the 2024 regrouping, and which has no counterpart', async () => {
  const subActions = (await read(`/api/v1/tasks?plan_id=${plan}&kind=sub_action&limit=100`)).items
  assert.equal(subActions.length, 12)

  const p = await alley.page()
  await p.goto(`${base}/plans/${plan}`)
  const section = p.locator('[data-test=regrouping]')
  await section.waitFor()
  assert.equal(await section.getAttribute('data-version'), regrouped)
  assert.equal(await section.locator('[data-test=regrouping-row]').count(), 12)
  // The sub-action with no counterpart, said plainly, by number and name.
  const none = section.locator(`[data-test=regrouping-row][data-task=${unmatched}]`)
  assert.equal(await none.getAttribute('data-matched'), 'false')
  assert.match(await text(none), /^五\(二\)4\s*深化制度改革\s*→\s*没有对应的分组$/)
  assert.equal(await section.locator('[data-test=regrouping-none]').count(), 1)
  assert.match(await text(section.locator('[data-test=regrouping-unmatched-count]')), /1 项/)
  // One that went to two nodes names both, each under its action.
  const two = section.locator(`[data-test=regrouping-row][data-task=${split}]`)
  assert.equal(await two.locator('[data-test=regrouping-node]').count(), 2)
  assert.match(await text(two), /党建促进科建发展专项行动 · 强化党建引领效应/)
  assert.match(await text(two), /发挥基层科协作用/)
  // Names, never ids.
  assert.doesNotMatch(await text(section), ids)
  await section.scrollIntoViewIfNeeded()
  await shoot(p, 'labels-regrouping-original')

  // The regrouping names at each node the sub-action it stands for, linked, and what it has no counterpart for.
  await p.click('[data-test=regrouping-plan]')
  await p.waitForURL(`${base}/plans/${regrouped}`)
  const node = p.locator('[data-test=task]', { hasText: '助力重点产业创新' })
  await node.locator('[data-test=stands-for]').waitFor()
  assert.match(await text(node.locator('[data-test=stands-for]')), /^对应原方案：五\(二\)3\s*助力产业创新$/)
  assert.equal(await node.locator('[data-test=stands-for] a').getAttribute('href'), '/tasks/p2325-sub-03')
  assert.equal(await p.locator('[data-test=task] [data-test=stands-for]').count(), 12)
  assert.match(await text(p.locator('[data-test=regrouped-unmatched]')), /五\(二\)4\s*深化制度改革/)
  assert.doesNotMatch(await text(p.locator('[data-test=plan]')), ids)
  await shoot(p, 'labels-regrouping-version')

  await p.goto(`${base}/plans/${plan}?lang=en`)
  await p.locator(`[data-test=regrouping-row][data-task=${unmatched}] [data-test=regrouping-none]`).waitFor()
  assert.equal(await text(p.locator(`[data-test=regrouping-row][data-task=${unmatched}] [data-test=regrouping-none]`)), 'No counterpart in that grouping')
})

test('a match on an illustrative rule says so in English, to the enterprise and in the department\'s digest', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/notifications?lang=en`)
  const digest = p.locator('[data-test=notification][data-kind=policy_match][data-recipient-kind=department]').first()
  const notice = p.locator('[data-test=notification][data-kind=policy_match][data-recipient-kind=organization]').first()
  await digest.waitFor()
  await notice.waitFor()
  // The pack's rules are illustrative; the Chinese message says so, and the English one too.
  assert.match(await text(digest.locator('.notification-message')), / \(illustrative rule\)$/)
  assert.match(await text(notice.locator('.notification-message')), /\(the conditions are an illustrative rule; the policy's own text decides\)$/)
  await p.goto(`${base}/notifications?lang=zh-Hans`)
  await digest.waitFor()
  assert.match(await text(digest.locator('.notification-message')), /（条件为示意规则）$/)
})

test('staff read the year-end review by department and plan, and download it', async () => {
  const year = 2025
  const review = await read(`/api/v1/reports/year-end?year=${year}`)
  const own = review.departments.find((entry) => entry.id === department)
  assert.ok(own.tasks.length && own.kpis.length)

  // For staff only: the public is sent to sign in, and the menu does not offer it.
  const outsider = await alley.page()
  await outsider.goto(`${base}/reports/year-end`)
  await outsider.waitForURL(/\/login\?next=/)
  assert.equal(await outsider.locator('[data-test=nav-year-end]').count(), 0)
  await outsider.context().close()

  // The menu opens it for staff (a window wide enough for the whole menu), for this year in the district.
  const p = await alley.page({ width: 1920, height: 1000 })
  await alley.signIn(p, 'e2e-sci')
  await p.locator('[data-test=nav-year-end]').click()
  await p.waitForURL(`${base}/reports/year-end`)
  await p.waitForSelector('[data-test=year-end] [data-test=judged-on]')
  assert.equal(await p.locator('[data-test=year-end]').getAttribute('data-year'), districtYear())
  assert.match(await text(p.locator('[data-test=year-picker] .el-select__selection')), new RegExp(`${districtYear()} 年`))

  await p.goto(`${base}/reports/year-end?year=${year}`)
  await p.waitForSelector('[data-test=year-end-department]')
  assert.match(await text(p.locator('[data-test=judged-on]')), /按 2025 年末的情况判断/)
  // A section per department, by name; the reader's own unfolded.
  assert.equal(await p.locator('[data-test=year-end-department]').count(), review.departments.length)
  const section = p.locator(`[data-test=year-end-department][data-department=${department}]`)
  assert.equal(await text(section.locator('[data-test=department-name]')), '科委')
  assert.equal(await section.locator('[data-test=count-overdue]').getAttribute('data-count'), String(own.counts.overdue))
  const tasks = section.locator('[data-test=year-end-task]')
  await tasks.first().waitFor()
  assert.equal(await tasks.count(), own.tasks.length)
  const entry = section.locator(`[data-test=year-end-task][data-task=${task}]`)
  assert.match(await text(entry.locator('[data-test=task-name]')), /加大支持力度/)
  assert.equal(await text(entry.locator('[data-test=task-standing]')), '已逾期')
  assert.equal(await text(entry.locator('[data-test=basis-inferred]')), '推定')
  // The evidence, its documents named by title rather than by file.
  const evidence = await text(entry.locator('[data-test=task-evidence]'))
  assert.match(evidence, /科技履约贷/)
  assert.match(evidence, /区科委对区十七届人大五次会议第018号代表建议的答复/)
  assert.doesNotMatch(evidence, /\.txt\b/)
  // Its KPIs with status and basis; no data is 暂无数据, never 未达标.
  const noData = own.kpis.find((kpi) => kpi.status === 'no_data')
  const kpi = section.locator(`[data-test=year-end-kpi][data-kpi=${noData.kpi_id}]`)
  assert.equal(await text(kpi.locator('[data-test=kpi-status]')), '暂无数据')
  assert.equal(await text(kpi.locator('[data-test=kpi-value]')), '暂无数据')
  assert.ok(await text(kpi.locator('[data-test=kpi-basis]')))
  assert.equal(await section.locator('[data-test=year-end-kpi]').count(), own.kpis.length)
  // Per plan: the counts and every task counted, with who leads it — or, in the regrouping, that no department is named.
  const planCard = p.locator(`[data-test=year-end-plan][data-plan=${plan}]`)
  const counted = review.plans.find((entry) => entry.id === plan)
  assert.equal(await planCard.locator('[data-test=count-overdue]').getAttribute('data-count'), String(counted.counts.overdue))
  await planCard.locator('.el-collapse-item__header').click()
  const listed = planCard.locator(`[data-test=year-end-task][data-task=${task}]`)
  await listed.waitFor()
  assert.equal(await planCard.locator('[data-test=year-end-task]').count(), counted.tasks.length)
  assert.equal(await text(listed.locator('[data-test=task-leads]')), '牵头: 科委')
  const regroupedCard = p.locator(`[data-test=year-end-plan][data-plan=${regrouped}]`)
  await regroupedCard.locator('.el-collapse-item__header').click()
  const node = regroupedCard.locator('[data-test=year-end-task]').first()
  await node.waitFor()
  assert.equal(await regroupedCard.locator('[data-test=year-end-task]').count(), review.plans.find((entry) => entry.id === regrouped).tasks.length)
  assert.equal(await text(node.locator('[data-test=task-leads]')), '未列牵头部门')
  assert.doesNotMatch(await text(p.locator('[data-test=year-end]')), ids)
  await shoot(p, 'year-end-1366')

  // Both downloads, for the year shown: the workbook is a spreadsheet.
  const workbook = await p.locator('[data-test=year-end-xlsx]').getAttribute('href')
  assert.equal(workbook, `/api/v1/reports/year-end.xlsx?year=${year}`)
  const sheet = await p.request.get(`${base}${workbook}`)
  assert.equal(sheet.status(), 200)
  assert.match(sheet.headers()['content-type'], /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/)
  assert.equal((await sheet.body()).subarray(0, 2).toString(), 'PK')
  const pdf = await p.locator('[data-test=year-end-pdf]').getAttribute('href')
  assert.equal(pdf, `/api/v1/reports/year-end.pdf?year=${year}`)
  const report = await p.request.get(`${base}${pdf}`)
  assert.equal(report.status(), 200)
  assert.match(report.headers()['content-type'], /^application\/pdf/)

  // Another year from the picker.
  await p.locator('[data-test=year-picker] .el-select__wrapper').click()
  await p.locator('.el-select-dropdown__item[data-value="2024"]:visible').click()
  await p.waitForURL(`${base}/reports/year-end?year=2024`)
  await p.waitForSelector('[data-test=year-end][data-year="2024"] [data-test=judged-on]')
})

test('the year-end review in English and on a 390-pixel phone', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-sci')
  await p.goto(`${base}/reports/year-end?year=2025&lang=en`)
  const section = p.locator(`[data-test=year-end-department][data-department=${department}]`)
  await section.locator('[data-test=year-end-task]').first().waitFor()
  assert.equal(await text(section.locator('[data-test=department-name]')), 'Changning District Science and Technology Commission')
  assert.equal(await text(p.locator('[data-test=year-end] h1')), 'Year-end review')
  assert.equal(await text(section.locator(`[data-test=year-end-task][data-task=${task}] [data-test=task-standing]`)), 'Overdue')
  assert.equal(await text(section.locator(`[data-test=year-end-task][data-task=${task}] [data-test=task-name]`)), 'Step up support')
  assert.equal(await text(section.locator('[data-test=year-end-kpi][data-status=no_data] [data-test=kpi-status]').first()), 'No data')
  await shoot(p, 'year-end-en')

  for (const [lang, name] of [['zh-Hans', 'phone-year-end'], ['en', 'phone-year-end-en']]) {
    const small = await alley.page(phone)
    await alley.signIn(small, 'e2e-sci')
    await small.goto(`${base}/reports/year-end?year=2025&lang=${lang}`)
    await small.locator(`[data-test=year-end-department][data-department=${department}] [data-test=year-end-task]`).first().waitFor()
    // The sections unfold; the picture is of them once they have.
    await small.waitForFunction(() => !document.querySelector('[class*="-enter-active"], .el-collapse-transition-leave-active'))
    await fits(small, `the year-end review (${lang})`)
    const box = await small.locator('[data-test=year-end-xlsx]').boundingBox()
    assert.ok(box.x >= 0 && box.x + box.width <= phone.width, 'the download buttons fit the phone')
    await shoot(small, name)
    await small.context().close()
  }
})
