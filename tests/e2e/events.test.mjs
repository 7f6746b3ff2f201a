// End-to-end: events in the browser, on a phone (390 px). The organisers'
// event is in the public calendar; a member of the public opens it, registers
// with a name and a phone number and gets the ticket with its QR code; finds
// it again by its code; staff of the organisers check it in at the door by
// its typed code (once: the second time it is already used) and by the phone
// camera reading the QR code the server drew (Chromium's camera fed the
// ticket's image); the registration list shows who came and downloads as a
// workbook, written to the audit log. The real server with the Silicon Alley
// pack, the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAlley, overflow, launchChromium } from './support.mjs'

const unit = 'science-tech-commission'
const phone = { width: 390, height: 844 }
let alley, base, admin, eventId

// The district's date `days` from now, at 14:00 Beijing time: always in the calendar's current or next month.
function districtAfternoon(days) {
  const day = new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10)
  return `${day}T14:00:00+08:00`
}

before(async () => {
  alley = await startAlley({
    demo: false,
    users: [['e2e-admin', '--role', 'admin'], ['e2e-unit', '--role', 'department', '--department', unit]],
  })
  base = alley.base
  admin = alley.asUser('e2e-admin')
  const created = await admin('POST', '/api/v1/events', {
    body: {
      name: '端到端测试：创投沙龙（集成电路专场）', kind: 'salon', source: '测试', audience: 'public', capacity: 30,
      organiser_ids: [unit], venue_place_id: 'guixiang-no1', starts_at: districtAfternoon(2), ends_at: districtAfternoon(2).replace('14:00', '16:30'),
    },
  })
  assert.equal(created.status, 201, JSON.stringify(created.data))
  eventId = created.data.id
  const opened = await admin('POST', `/api/v1/events/${eventId}/actions`, { body: { action: 'open_registration' }, etag: created.etag })
  assert.equal(opened.status, 200, JSON.stringify(opened.data))
})

after(async () => {
  await alley?.stop()
})

let ticketCode

test('the public find the event in the calendar, register on a phone and get a ticket with its QR code', async () => {
  const p = await alley.page(phone)
  await p.goto(`${base}/calendar`)
  // A phone opens the list; the event is under its month.
  const row = p.locator(`[data-test=list-event][data-event="${eventId}"]`)
  await row.waitFor()
  assert.ok((await overflow(p)) <= 1, 'the calendar fits the phone')
  await row.click()
  await p.waitForSelector('[data-test=event-page] [data-test=event-registration]')
  assert.match(await p.locator('[data-test=event-when]').innerText(), /14:00–16:30/)
  await p.locator('[data-test=event-map] .leaflet-container').waitFor()
  assert.ok(await p.locator('[data-test=venue-approximate]').isVisible(), 'an approximate venue says so')
  assert.ok(await p.locator('[data-test=add-to-calendar]').getAttribute('href'), 'add to calendar links the event’s feed')

  // Without a phone number the server refuses, at the field.
  await p.fill('input[data-test=registrant-name]', '王女士')
  await p.click('[data-test=register-submit]')
  await p.locator('[data-test=event-registration] .el-form-item__error').first().waitFor()
  await p.fill('input[data-test=registrant-phone]', '13912345678')
  await p.fill('input[data-test=registrant-organisation]', '晰航科技')
  await p.click('[data-test=register-submit]')
  const ticket = p.locator('[data-test=ticket]')
  await ticket.waitFor()
  assert.equal(await ticket.getAttribute('data-status'), 'confirmed')
  ticketCode = (await p.locator('[data-test=ticket-code]').innerText()).trim()
  assert.match(ticketCode, /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/)
  await p.waitForFunction(() => document.querySelector('[data-test=ticket-qr]')?.naturalWidth > 0)
  assert.ok((await overflow(p)) <= 1, 'the ticket fits the phone')
  await alley.shoot(p, 'event-ticket-phone')

  // Found again by its code, on the tickets page.
  await p.goto(`${base}/tickets`)
  await p.fill('input[data-test=lookup-code]', ticketCode.toLowerCase())
  await p.click('[data-test=lookup-submit]')
  await p.locator('[data-test=ticket][data-status=confirmed] [data-test=ticket-qr]').waitFor()
  assert.equal((await p.locator('[data-test=ticket-code]').innerText()).trim(), ticketCode)
  await p.context().close()
})

test('staff of the organisers check the ticket in by its code, once', async () => {
  const p = await alley.page(phone)
  await alley.signIn(p, 'e2e-unit')
  await p.goto(`${base}/events/${eventId}/check-in`)
  await p.waitForSelector('[data-test=door-count]')
  assert.match(await p.locator('[data-test=door-count]').innerText(), /0 \/ 已确认 1|0 \/ 1/)
  await p.fill('input[data-test=door-code]', 'ABCD-EFGH-JKMN-PQRS')
  await p.click('[data-test=door-submit]')
  await p.locator('[data-test=door-answer][data-result=not_registered]').waitFor()
  await p.fill('input[data-test=door-code]', ticketCode)
  await p.click('[data-test=door-submit]')
  await p.locator('[data-test=door-answer][data-result=accepted]').waitFor()
  assert.match(await p.locator('[data-test=door-answer]').innerText(), /王女士/)
  assert.match(await p.locator('[data-test=door-count]').innerText(), /1 \/ 已确认 1/)
  await p.fill('input[data-test=door-code]', ticketCode)
  await p.click('[data-test=door-submit]')
  await p.locator('[data-test=door-answer][data-result=already_used]').waitFor()
  assert.match(await p.locator('[data-test=door-count]').innerText(), /1 \/ 已确认 1/, 'a second scan changes nothing')
  assert.ok((await overflow(p)) <= 1, 'the door fits the phone')
  await alley.shoot(p, 'event-check-in-phone')
  await p.context().close()
})

test('the phone camera reads a ticket’s QR code at the door', async () => {
  // A second registrant, and a browser whose camera shows that ticket.
  const second = await fetch(`${base}/api/v1/events/${eventId}/registrations`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: '李先生', phone: '13800000000' }),
  }).then((r) => r.json())
  const found = await fetch(`${base}/api/v1/tickets/lookup`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ticket: second.ticket }),
  }).then((r) => r.json())
  // The ticket's image on a white 640×480 camera frame, as the camera at the door sees it: its grey levels.
  const folder = mkdtempSync(join(tmpdir(), 'alley-camera-'))
  const drawer = await alley.page()
  await drawer.goto(`${base}/tickets`)
  const grey = await drawer.evaluate(async (png) => {
    const img = new Image()
    img.src = `data:image/png;base64,${png}`
    await img.decode()
    const canvas = document.createElement('canvas')
    canvas.width = 640
    canvas.height = 480
    const context = canvas.getContext('2d')
    context.fillStyle = '#fff'
    context.fillRect(0, 0, 640, 480)
    context.imageSmoothingEnabled = false
    context.drawImage(img, 140, 60, 360, 360)
    const { data } = context.getImageData(0, 0, 640, 480)
    const out = []
    for (let i = 0; i < data.length; i += 4) out.push(Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]))
    return out
  }, found.ticket_png)
  await drawer.context().close()
  // A YUV4MPEG2 stream of one grey frame: the luma plane, and neutral chroma at a quarter of its size.
  const video = join(folder, 'ticket.y4m')
  writeFileSync(video, Buffer.concat([Buffer.from('YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\nFRAME\n'), Buffer.from(grey),
                                      Buffer.alloc(640 * 480 / 2, 128)]))
  const camera = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
                                       `--use-file-for-fake-video-capture=${video}`])
  try {
    const context = await camera.newContext({ viewport: phone, permissions: ['camera'] })
    const p = await context.newPage()
    await p.goto(`${base}/login`)
    await p.fill('[data-test=login] input[name=username]', 'e2e-unit')
    await p.fill('[data-test=login] input[name=password]', alley.passwords['e2e-unit'])
    await p.click('[data-test=sign-in]')
    await p.waitForSelector('[data-test=user-menu]')
    await p.goto(`${base}/events/${eventId}/check-in`)
    await p.click('[data-test=start-camera]')
    await p.locator('[data-test=door-answer][data-result=accepted]').waitFor({ timeout: 20000 })
    assert.match(await p.locator('[data-test=door-answer]').innerText(), /李先生/)
    // The camera keeps seeing the same code: it is sent once, and the count stays.
    await p.waitForTimeout(1500)
    assert.match(await p.locator('[data-test=door-count]').innerText(), /2 \/ 已确认 2/)
    await p.click('[data-test=stop-camera]')
  } finally {
    await camera.close()
    rmSync(folder, { recursive: true, force: true })
  }
})

test('the registration list shows who came, and its download is in the audit log', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-unit')
  await p.goto(`${base}/events/${eventId}`)
  await p.click('[data-test=open-registrations]')
  await p.waitForSelector('[data-test=registration-rows] .el-table__row')
  const rows = p.locator('[data-test=registration-rows] .el-table__row')
  assert.equal(await rows.count(), 2)
  assert.match(await rows.first().innerText(), /13912345678/, 'the organisers see the phone in full')
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-test=registrations-export]')])
  const saved = join(mkdtempSync(join(tmpdir(), 'alley-export-')), 'list.xlsx')
  await download.saveAs(saved)
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK', 'a workbook (its LibreOffice reading is the server test’s)')
  const audit = await admin('GET', `/api/v1/audit?resource=events&action=export&record_id=${eventId}`)
  assert.equal(audit.data.total, 1)
  assert.equal(audit.data.items[0].actor, 'e2e-unit')
  await p.context().close()
})
