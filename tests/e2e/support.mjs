// What every end-to-end file needs: a fresh database loaded with the Silicon
// Alley pack, users, the real server on a free port with the built web app,
// and Debian's Chromium driven by playwright-core. Each test file starts its
// own, so files can run side by side. Screenshots go to $ALLEY_ARTIFACTS
// (test-artifacts/ by default).
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const root = join(here, '..', '..')
const require = createRequire(join(root, 'web', 'package.json'))
const { chromium } = require('playwright-core')

const alley = process.env.ALLEY_BINARY || join(root, 'build', 'alley')
const artifacts = process.env.ALLEY_ARTIFACTS || join(root, 'test-artifacts')
mkdirSync(artifacts, { recursive: true })

// `users`: [name, ...options of `alley user add`]. `demo` adds the synthetic population.
// Debian's Chromium, headless, with `extra` arguments (a camera fed from a file, say).
export function launchChromium(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', ...extra],
  })
}

export async function startAlley({ demo = true, users = [] } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'alley-e2e-'))
  const db = `sqlite:${join(folder, 'alley.db')}`
  const passwords = {}

  // `alley user add` prints the new password once; the tests read it there.
  function addUser(name, ...options) {
    const added = spawnSync(alley, ['user', 'add', name, ...options, '--db', db], { encoding: 'utf8' })
    assert.equal(added.status, 0, added.stderr)
    passwords[name] = added.stdout.match(/password (\S+)/)[1]
  }

  // A personal API token, for tests that look things up as a given user.
  function tokenFor(name) {
    const created = spawnSync(alley, ['token', 'create', name, '--db', db], { encoding: 'utf8' })
    assert.equal(created.status, 0, created.stderr)
    return created.stdout.trim().split(/\s+/).pop()
  }

  // The API as a given user, with a personal token: (method, path, {body, etag}) → {status, etag, data}.
  function asUser(name) {
    const token = tokenFor(name)
    return async (method, path, { body, etag } = {}) => {
      const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' }
      if (body) headers['Content-Type'] = 'application/json'
      if (etag) headers['If-Match'] = etag
      const response = await fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) })
      const text = await response.text()
      return { status: response.status, etag: response.headers.get('ETag'), data: text ? JSON.parse(text) : null }
    }
  }

  const init = spawnSync(alley, ['init', '--db', db, ...(demo ? ['--demo'] : [])], { encoding: 'utf8' })
  assert.equal(init.status, 0, init.stderr)
  for (const [name, ...options] of users) addUser(name, ...options)
  const server = spawn(alley, ['serve', '--db', db, '--port', '0', '--web', join(root, 'web', 'dist')])
  let base, browser
  try {
    base = await new Promise((resolve, reject) => {
      let out = ''
      server.stdout.on('data', (chunk) => {
        out += chunk
        const match = out.match(/on (http:\/\/[0-9.:]+)/)
        if (match) resolve(match[1])
      })
      server.on('exit', (code) => reject(new Error(`alley serve exited with ${code}`)))
    })
    browser = await launchChromium()
  } catch (error) {
    server.kill('SIGTERM')
    rmSync(folder, { recursive: true, force: true })
    throw error
  }

  // Anything the server's Content-Security-Policy blocks is a broken page:
  // every violation is collected and fails the file at stop().
  const violations = []
  // `options`: more of the browser context's, e.g. a `timezoneId` other than the machine's.
  async function page(viewport = { width: 1366, height: 768 }, options = {}) {
    const context = await browser.newContext({ viewport, ...options })
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))
    })
    const opened = await context.newPage()
    opened.on('pageerror', (error) => { throw error })
    opened.on('console', (message) => {
      if (message.type() === 'error' && /CSP violation|Content Security Policy/.test(message.text())) {
        violations.push(`${opened.url()}: ${message.text()}`)
      }
    })
    return opened
  }

  async function signIn(opened, name) {
    await opened.goto(`${base}/login`)
    await opened.fill('[data-test=login] input[name=username]', name)
    await opened.fill('[data-test=login] input[name=password]', passwords[name])
    await opened.click('[data-test=sign-in]')
    await opened.waitForSelector('[data-test=user-menu]')
  }

  async function shoot(opened, name) {
    await opened.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
  }

  async function stop() {
    await browser.close()
    server.kill('SIGTERM')
    rmSync(folder, { recursive: true, force: true })
    assert.deepEqual(violations, [], 'the Content-Security-Policy blocked part of the app')
  }

  return { base, db, passwords, addUser, tokenFor, asUser, page, signIn, shoot, stop }
}

// How far a page sticks out to the right of the window, in pixels.
export async function overflow(opened) {
  return opened.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

// A dialog and the page both fit the window: nothing sticks out to the right.
export async function fits(opened, dialog, what) {
  const wider = await overflow(opened)
  assert.ok(wider <= 1, `${what}: the page is ${wider}px wider than the window`)
  const box = await dialog.boundingBox()
  const width = opened.viewportSize().width
  assert.ok(box.x >= 0 && box.x + box.width <= width + 1, `${what}: the dialog spans ${box.x}–${box.x + box.width} of ${width}px`)
}

// Picks an option of a single-choice el-select inside `scope` (a form field),
// by its data-value, and waits until the select shows it. A click that lands
// while the dropdown (or the dialog around it) is still moving into place
// picks a neighbour or nothing, or the dropdown closes under it: the whole
// choice is tried again, and a third miss fails with what the select shows.
export async function chooseOption(p, scope, value) {
  const selection = scope.locator('.el-select__selection')
  for (let attempt = 1; ; attempt++) {
    const item = p.locator(`.el-select-dropdown__item[data-value="${value}"]:visible`)
    try {
      // Open the dropdown unless an earlier try left it open.
      if (!(await item.isVisible())) await scope.locator('.el-select__wrapper').click({ timeout: 10000 })
      const label = (await item.innerText({ timeout: 10000 })).trim()
      await item.click({ timeout: 10000 })
      await selection.filter({ hasText: label }).waitFor({ state: 'attached', timeout: 5000 })
      return
    } catch (missed) {
      if (attempt === 3) assert.fail(`the select shows "${(await selection.innerText()).trim()}" after "${value}" was chosen three times: ${missed.message}`)
    }
  }
}

// A small PDF, for uploads.
export const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
                                   '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
