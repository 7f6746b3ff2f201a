// End-to-end: what the documents state beside what Alley holds. The
// dashboard's 文件所述与已录入 lists every stated figure with its recorded
// count (or that Alley keeps no such records), linked to the list it counts;
// that list, filtered as the figure counts, says the same above its rows and
// nothing once the filters differ; a KPI no record states reads 暂无数据.
// The real server with the Silicon Alley pack (no demo population, whose
// synthetic firms would count as high-growth), the built web app and Debian's
// Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow } from './support.mjs'

let alley, base

before(async () => {
  alley = await startAlley({ demo: false, users: [['e2e-admin', '--role', 'admin']] })
  base = alley.base
})

after(async () => {
  await alley?.stop()
})

const shoot = (p, name) => alley.shoot(p, name)
const total = async (path) => (await (await fetch(`${base}${path}${path.includes('?') ? '&' : '?'}limit=1`)).json()).total
const figures = async () => (await (await fetch(`${base}/api/v1/stated-figures`)).json()).items

test('the dashboard lists every stated figure beside what is recorded, linked to its list', async () => {
  const enterprises = await total('/api/v1/organizations?kind=enterprise')
  const stated = await figures()
  const p = await alley.page()
  await p.goto(`${base}/dashboard`)
  await p.waitForSelector('[data-test=stated-figures] [data-test=stated-row]')
  assert.match(await p.locator('[data-test=stated-figures]').innerText(), /文件所述与已录入/)
  assert.equal(await p.locator('[data-test=stated-row]').count(), stated.length)

  const row = p.locator('[data-test=stated-row][data-figure=fig-innovation-enterprises]')
  assert.equal((await row.locator('[data-test=stated-name]').innerText()).trim(), '创新企业')
  assert.equal((await row.locator('[data-test=stated-as]').innerText()).trim(), '500 多家')
  const recorded = row.locator('[data-test=stated-recorded]')
  assert.equal(Number(await recorded.getAttribute('data-recorded')), enterprises)
  assert.equal((await recorded.innerText()).trim(), `${enterprises} 家`)
  assert.equal(await recorded.getAttribute('href'), '/organizations?kind=enterprise')
  assert.equal(await row.locator('[data-test=stated-synthetic]').count(), 0, 'the pack holds no synthetic enterprise')
  // The document by its title, never its file.
  await p.waitForFunction(() => !/\.txt\b/.test(document.querySelector('[data-test=stated-figures]').innerText))
  assert.match(await row.innerText(), /来源：《长宁区全面推进“上海硅巷”科创街区建设三年行动方案（2023—2025年）》/)

  // A figure of something Alley keeps no records of says so, with no count and no link.
  const none = stated.find((figure) => figure.recorded === null)
  const kept = p.locator(`[data-test=stated-row][data-figure="${none.id}"]`)
  assert.equal((await kept.locator('[data-test=stated-none]').innerText()).trim(), '未建此类记录')
  assert.equal(await kept.locator('a').count(), 0)
  await shoot(p, 'stated-dashboard-1366')

  // The count opens the list it counts.
  await recorded.click()
  await p.waitForURL(`${base}/organizations?kind=enterprise`)
  await p.waitForSelector('[data-test=list-organizations] [data-test=stated-figure]')
  assert.match(await p.locator('[data-test=stated-figure]').innerText(), /文件所述 500 多家/)
})

test('a list filtered as a figure counts shows recorded against stated, and only then', async () => {
  const enterprises = await total('/api/v1/organizations?kind=enterprise')
  const p = await alley.page()
  await p.goto(`${base}/organizations?kind=enterprise`)
  await p.waitForSelector('[data-test=list-organizations] .el-table__row')
  const note = p.locator('[data-test=stated-figure]')
  await note.waitFor()
  assert.equal(await note.getAttribute('data-figure'), 'fig-innovation-enterprises')
  assert.equal((await note.locator('[data-test=stated-against]').innerText()).trim(), `已录入 ${enterprises} 家 / 文件所述 500 多家`)
  await p.waitForFunction(() => !/\.txt\b/.test(document.querySelector('[data-test=stated-source]').innerText))
  assert.match(await note.locator('[data-test=stated-source]').innerText(), /三年行动方案（2023—2025年）》.* §一\.2/)
  // The filter read from the address is the one the select shows, and the rows are its.
  assert.match(await p.locator('[data-filter=kind]').innerText(), /企业/)
  assert.equal((await p.locator('[data-test=total]').innerText()).trim(), `共 ${enterprises} 条`)
  await shoot(p, 'stated-list-enterprises')

  // A keyword as well: the list counts something else, and the note goes.
  await p.fill('[data-test=list-organizations] .keyword input', '科技')
  await p.press('[data-test=list-organizations] .keyword input', 'Enter')
  await p.waitForURL(/[?&]q=/)
  await p.waitForSelector('[data-test=list-organizations] .el-table__row')
  assert.equal(new URL(p.url()).searchParams.get('kind'), 'enterprise')
  assert.equal(await note.count(), 0)

  // Another kind: no figure counts it.
  await p.goto(`${base}/organizations?kind=enterprise`)
  await note.waitFor()
  await p.click('[data-filter=kind] .el-select__wrapper')
  await p.locator('.el-select-dropdown__item[data-value=institute]:visible').click()
  await p.waitForURL(`${base}/organizations?kind=institute`)
  await p.waitForSelector('[data-test=list-organizations] .el-table__row')
  assert.equal(await note.count(), 0)

  // No filter at all: no figure counts every organization.
  await p.goto(`${base}/organizations`)
  await p.waitForSelector('[data-test=list-organizations] .el-table__row')
  assert.equal(await note.count(), 0)

  // Places filtered by type, in English: the qualifier in words.
  const buildings = await total('/api/v1/places?type=building')
  await p.goto(`${base}/places?type=building&lang=en`)
  await note.waitFor()
  assert.equal((await note.locator('[data-test=stated-against]').innerText()).trim(), `Recorded ${buildings} / the documents state more than 50`)
})

test('a filter no select offers shows as a tag that removes it', async () => {
  const certified = `/organizations?kind=enterprise&certifications=${encodeURIComponent('上海市服务业发展引导资金项目')}`
  const p = await alley.page()
  await p.goto(`${base}${certified}`)
  const tag = p.locator('[data-filter-tag=certifications]')
  await tag.waitFor()
  assert.match(await tag.innerText(), /上海市服务业发展引导资金项目/)
  await p.waitForSelector('[data-test=list-organizations] .el-table__row')
  assert.equal((await p.locator('[data-test=total]').innerText()).trim(), `共 ${await total(`/api/v1${certified}`)} 条`)
  assert.equal(await p.locator('[data-test=stated-figure]').count(), 0)
  // A reference is named, not shown as its id.
  await p.goto(`${base}/organizations?place_id=xinwei-zhigu`)
  await p.waitForFunction(() => document.querySelector('[data-filter-tag=place_id]')?.innerText.includes('新微智谷'))
  // Removed, the list is the figure's again.
  await p.goto(`${base}${certified}`)
  await tag.locator('.el-tag__close').click()
  await p.waitForURL(`${base}/organizations?kind=enterprise`)
  await p.waitForSelector('[data-test=stated-figure]')
})

test('the card and the list fit a 390-pixel phone', async () => {
  const p = await alley.page({ width: 390, height: 844 })
  for (const [path, ready, name] of [['/dashboard', '[data-test=stated-row]', 'stated-dashboard-phone'],
                                     ['/dashboard?lang=en', '[data-test=stated-row]', 'stated-dashboard-phone-en'],
                                     ['/organizations?kind=enterprise', '[data-test=stated-figure]', 'stated-list-phone']]) {
    await p.goto(`${base}${path}`)
    await p.waitForSelector(ready)
    const wider = await overflow(p)
    assert.ok(wider <= 1, `${path} is ${wider}px wider than the phone`)
    await shoot(p, name)
  }
})

test('a KPI no record states reads 暂无数据, and says why', async () => {
  const p = await alley.page()
  await p.goto(`${base}/kpis`)
  const row = p.locator('[data-test=kpis] .el-table__row', { hasText: '高成长性科技企业' })
  await row.waitFor()
  assert.equal((await row.locator('[data-test=kpi-status]').innerText()).trim(), '暂无数据')
  assert.doesNotMatch(await row.innerText(), /未达标/)
  assert.match(await row.locator('[data-test=kpi-basis]').innerText(), /库中没有记录陈述此项/)
  await shoot(p, 'stated-kpi-no-data')
})

test('synthetic records among the recorded are said to be synthetic', async () => {
  const token = alley.tokenFor('e2e-admin')
  const created = await fetch(`${base}/api/v1/organizations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: '示例·端到端测试企业', kind: 'enterprise', source: '端到端测试', synthetic: true }),
  })
  assert.equal(created.status, 201)
  const enterprises = await total('/api/v1/organizations?kind=enterprise')
  const p = await alley.page()
  await p.goto(`${base}/dashboard`)
  const row = p.locator('[data-test=stated-row][data-figure=fig-innovation-enterprises]')
  await row.locator('[data-test=stated-synthetic]').waitFor()
  assert.equal(Number(await row.locator('[data-test=stated-recorded]').getAttribute('data-recorded')), enterprises)
  assert.equal((await row.locator('[data-test=stated-synthetic]').innerText()).trim(), '其中示例数据 1 条')
  await p.goto(`${base}/organizations?kind=enterprise`)
  const note = p.locator('[data-test=stated-figure]')
  await note.locator('[data-test=stated-synthetic]').waitFor()
  assert.match(await note.innerText(), new RegExp(`已录入 ${enterprises} 家 / 文件所述 500 多家`))
  assert.equal((await note.locator('[data-test=stated-synthetic]').innerText()).trim(), '其中示例数据 1 条')
  await shoot(p, 'stated-list-synthetic')
})
