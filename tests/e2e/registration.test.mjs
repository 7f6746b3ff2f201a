// End-to-end: an enterprise registers itself. From the sign-in page it opens
// 企业注册 and asks for an account with a 统一社会信用代码 no organization has
// (the server's word stands at the field), then with its own; the page says
// it awaits the district's staff and names the organization. Signing in says
// the registration awaits approval, not that the password is wrong. Staff of a
// department find it counted on their home page and in 注册审核, masked in the
// list and in full in its dialog, and approve it; the enterprise signs in and
// its home page shows its organization. A second registration is rejected
// with a reason, which its sign-in shows. The public are sent to sign in from
// 注册审核; the form fits a 390-pixel phone and reads in 繁體 and English.
// The real server with the Silicon Alley pack and the demo population (whose
// organizations have synthetic codes), the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, fits, overflow } from './support.mjs'

let alley, base, asAdmin
// Two organizations of the demo population with their codes: one to approve, one to reject.
let approved, rejected

before(async () => {
  alley = await startAlley({
    demo: true,
    users: [
      ['e2e-admin', '--role', 'admin'],
      ['e2e-reviewer', '--role', 'department', '--department', 'science-tech-commission'],
    ],
  })
  base = alley.base
  asAdmin = alley.asUser('e2e-admin')
  const listed = (await asAdmin('GET', '/api/v1/organizations?limit=100')).data.items.filter((org) => org.uscc)
  assert.ok(listed.length >= 2, 'the demo population has organizations with codes')
  ;[approved, rejected] = listed.slice(-2)
})

after(async () => {
  await alley?.stop()
})

const phone = { width: 390, height: 844 }
const shoot = (p, name) => alley.shoot(p, name)
const text = async (locator) => (await locator.innerText()).trim()
// An ISO moment as Shanghai's clock (UTC+8, no summer time) reads it, to the minute.
const inShanghai = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ')

// A code of the right form (its check character right) that no organization has: the last one's serial changed.
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function withCheck(first17) {
  const sum = [...first17].reduce((total, c, i) => total + alphabet.indexOf(c) * weights[i], 0)
  return first17 + alphabet[(31 - (sum % 31)) % 31]
}
const unknownCode = (code) => withCheck(code.slice(0, 8) + '99999' + code.slice(13, 17))

const firstApplicant = { username: 'e2e-hengshi', password: 'Lanes-of-Changning-2741', contact_name: '张明远', contact_phone: '13812345678', note: '行政经理' }
const secondApplicant = { username: 'e2e-second', password: 'Tide-over-Suzhou-Creek-88', contact_name: '李静', contact_phone: '021-62345678' }

async function fillForm(p, applicant, uscc) {
  const form = p.locator('[data-test=register]')
  await form.locator('input[name=username]').fill(applicant.username)
  await form.locator('input[name=password]').fill(applicant.password)
  await form.locator('input[name=repeat]').fill(applicant.password)
  await form.locator('input[name=uscc]').fill(uscc)
  await form.locator('input[name=contact_name]').fill(applicant.contact_name)
  await form.locator('input[name=contact_phone]').fill(applicant.contact_phone)
  if (applicant.note) await form.locator('textarea[name=note]').fill(applicant.note)
}

async function registerInBrowser(applicant, organization) {
  const p = await alley.page()
  await p.goto(`${base}/register`)
  await fillForm(p, applicant, organization.uscc)
  await p.click('[data-test=register-submit]')
  await p.waitForSelector('[data-test=register-done]')
  return p
}

// The sign-in form filled and sent, without waiting for it to succeed.
async function trySignIn(p, username, password) {
  await p.goto(`${base}/login`)
  await p.fill('[data-test=login] input[name=username]', username)
  await p.fill('[data-test=login] input[name=password]', password)
  await p.click('[data-test=sign-in]')
}

async function signInAs(p, username, password) {
  await trySignIn(p, username, password)
  await p.waitForSelector('[data-test=user-menu]')
}

// The row of a registration in 注册审核, once the list is read.
async function rowOf(p, username) {
  const row = p.locator(`[data-test=registration][data-username="${username}"]`)
  await row.waitFor()
  return row
}

test('an enterprise registers, waits for approval, is approved by staff and signs in', async () => {
  const p = await alley.page()
  await p.goto(`${base}/login`)
  await p.click('[data-test=register-link]')
  await p.waitForURL(`${base}/register`)
  assert.match(await text(p.locator('[data-test=breadcrumbs]')), /首页\s*\/\s*企业注册/)
  assert.match(await text(p.locator('[data-test=password-rule]')), /至少 \d+ 个字符/)

  // A code of the right form that no organization has: the server's word, in Chinese, at the code's field.
  await fillForm(p, firstApplicant, unknownCode(approved.uscc))
  await p.click('[data-test=register-submit]')
  const usccError = p.locator('[data-field=uscc] .el-form-item__error')
  await usccError.waitFor()
  assert.match(await text(usccError), /街区名录中没有/)
  assert.equal(await p.locator('.el-form-item__error').count(), 1, 'only the code is at fault')
  assert.match(await text(p.locator('[data-test=form-error]')), /请修正标出的字段/)
  await shoot(p, 'register-unknown-code')

  // Its own code: taken, for the organization it names.
  await p.locator('[data-test=register] input[name=uscc]').fill(approved.uscc)
  await p.click('[data-test=register-submit]')
  const done = p.locator('[data-test=register-done]')
  await done.waitFor()
  assert.match(await text(done), /已提交，等待街区工作人员审核/)
  assert.equal(await text(p.locator('[data-test=register-organization]')), approved.name)
  assert.equal(await text(p.locator('[data-test=register-username]')), firstApplicant.username)
  assert.match(await text(p.locator('[data-test=register-next]')), /审核通过后，即可用上面的用户名/)
  await shoot(p, 'register-submitted')

  // Signing in before the decision: the server's word that it waits, not a wrong password.
  await trySignIn(p, firstApplicant.username, firstApplicant.password)
  const waiting = p.locator('[data-test=login-registration]')
  await waiting.waitFor()
  assert.match(await text(waiting.locator('[data-test=login-registration-detail]')), /注册申请正在等待街区工作人员审核/)
  const { data: list } = await asAdmin('GET', '/api/v1/registrations?status=pending')
  const registration = list.items.find((item) => item.username === firstApplicant.username)
  assert.ok(registration, 'the registration waits')
  assert.equal(await p.locator('[data-test=login-error]').count(), 0)
  await shoot(p, 'login-registration-pending')
  // A wrong password is only that.
  await trySignIn(p, firstApplicant.username, 'not-the-password-at-all')
  await p.locator('[data-test=login-error]').waitFor()
  assert.equal(await p.locator('[data-test=login-registration]').count(), 0)

  // Staff: counted on their home page and in the menu; the list masks the contact, the dialog shows it in full.
  const staff = await alley.page()
  await alley.signIn(staff, 'e2e-reviewer')
  const card = staff.locator('[data-test=home-registrations][data-pending="1"]')
  await card.waitFor()
  assert.match(await text(card), new RegExp(approved.name))
  await shoot(staff, 'staff-home-registrations')
  assert.equal(await text(staff.locator('[data-test=nav-registrations] [data-test=menu-count] sup')), '1')
  await card.locator('[data-test=home-registrations-link]').click()
  await staff.waitForURL(`${base}/registrations`)
  assert.match(await text(staff.locator('[data-test=breadcrumbs]')), /首页\s*\/\s*消息与待办\s*\/\s*注册审核/)
  const row = await rowOf(staff, firstApplicant.username)
  assert.equal(await staff.locator('[data-test=registration]').count(), 1)
  assert.equal(await row.locator('[data-test=registration-organization]').getAttribute('href'), `/organizations/${approved.id}`)
  assert.equal(await text(row.locator('[data-test=registration-organization]')), approved.name)
  assert.match(await text(row.locator('[data-test=registration-uscc]')), new RegExp(approved.uscc))
  assert.match(await text(row.locator('[data-test=registration-contact]')), new RegExp(`${registration.contact_name.replace(/\*/g, '\\*')}$`))
  assert.doesNotMatch(await text(row), /明远|12345678/, 'the list masks the contact')
  assert.match(await text(row.locator('[data-test=registration-phone]')), /138\*+5678$/)
  assert.match(await text(row.locator('[data-test=registration-when]')), new RegExp(`${inShanghai(registration.created_at)}$`))
  assert.match(await text(row.locator('[data-test=registration-accounts]')), new RegExp(`${registration.accounts_of_organization}$`))
  await shoot(staff, 'registrations-pending')

  await row.locator('[data-test=registration-open]').click()
  const dialog = staff.locator('[data-test=registration-dialog]:visible')
  await dialog.locator('[data-test=registration-facts]').waitFor()
  assert.equal(await text(dialog.locator('[data-test=detail-contact]')), firstApplicant.contact_name)
  assert.equal(await text(dialog.locator('[data-test=detail-phone]')), firstApplicant.contact_phone)
  assert.equal(await text(dialog.locator('[data-test=detail-note]')), firstApplicant.note)
  await dialog.locator('[data-test=registration-approve]').click()
  assert.match(await text(dialog.locator('[data-test=registration-question]')), new RegExp(`${approved.name}.*${firstApplicant.username}`))
  await shoot(staff, 'registration-approve')
  await dialog.locator('[data-test=registration-confirm]').click()
  await staff.waitForSelector('[data-test=registrations-none]')
  await staff.waitForSelector('[data-test=nav-registrations]:not(:has([data-test=menu-count]))')
  const decided = (await asAdmin('GET', `/api/v1/registrations/${registration.id}`)).data
  assert.equal(decided.status, 'approved')
  assert.ok(decided.user_id, 'the approval made an account')
  assert.equal(decided.contact_name, null, 'a decision erases the contact')

  // Approved ones, under their filter: who decided, and the contact erased.
  await staff.click('[data-test=registration-status] [data-value=approved]')
  await staff.waitForURL(`${base}/registrations?status=approved`)
  const approvedRow = await rowOf(staff, firstApplicant.username)
  assert.match(await text(approvedRow.locator('[data-test=registration-state]')), /已通过/)
  assert.match(await text(approvedRow.locator('[data-test=registration-decision]')), new RegExp(inShanghai(decided.decided_at)))

  // The enterprise signs in, and its home page is its organization's.
  const firm = await alley.page()
  await signInAs(firm, firstApplicant.username, firstApplicant.password)
  const organization = firm.locator('[data-test=home-enterprise] [data-test=home-organization]')
  await organization.waitFor()
  assert.match(await text(organization), new RegExp(approved.name))
  await shoot(firm, 'registered-enterprise-home')
  // And 注册审核 is not its page.
  await firm.goto(`${base}/registrations`)
  await firm.waitForSelector('[data-test=home-enterprise]')
  assert.equal(await firm.locator('[data-test=nav-registrations]').count(), 0)
})

test('a rejected registration says why on signing in', async () => {
  const p = await registerInBrowser(secondApplicant, rejected)
  assert.equal(await text(p.locator('[data-test=register-organization]')), rejected.name)

  const staff = await alley.page()
  await alley.signIn(staff, 'e2e-reviewer')
  await staff.goto(`${base}/registrations`)
  const row = await rowOf(staff, secondApplicant.username)
  await row.locator('[data-test=registration-open]').click()
  const dialog = staff.locator('[data-test=registration-dialog]:visible')
  await dialog.locator('[data-test=registration-facts]').waitFor()
  await dialog.locator('[data-test=registration-reject]').click()
  // A rejection needs its reason.
  await dialog.locator('[data-test=registration-confirm]').click()
  assert.match(await text(dialog.locator('[data-field=reason] .el-form-item__error')), /请填写驳回理由/)
  const reason = '联系人不是该企业的员工，请由企业法定代表人授权的人员重新注册'
  await dialog.locator('[data-field=reason] textarea').fill(reason)
  await shoot(staff, 'registration-reject')
  await dialog.locator('[data-test=registration-confirm]').click()
  await staff.waitForSelector('[data-test=registrations-none]')

  await staff.click('[data-test=registration-status] [data-value=rejected]')
  const rejectedRow = await rowOf(staff, secondApplicant.username)
  assert.match(await text(rejectedRow.locator('[data-test=registration-decision]')), new RegExp(reason))

  await trySignIn(p, secondApplicant.username, secondApplicant.password)
  const refused = p.locator('[data-test=login-registration]')
  await refused.waitFor()
  assert.match(await text(refused), /未获通过/)
  assert.match(await text(refused), new RegExp(reason))
  assert.equal(await p.locator('[data-test=login-error]').count(), 0)
  await shoot(p, 'login-registration-rejected')
})

test('the public are asked to sign in for 注册审核, and have no list of registrations', async () => {
  const p = await alley.page()
  await p.goto(`${base}/registrations`)
  await p.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/registrations')
  await p.waitForSelector('[data-test=login]')
  assert.equal(await p.locator('[data-test=nav-registrations]').count(), 0)
  const answer = await fetch(`${base}/api/v1/registrations`, { headers: { Accept: 'application/json' } })
  assert.equal(answer.status, 401)
})

test('the form fits a 390-pixel phone and reads in 繁體 and English', async () => {
  const p = await alley.page(phone)
  await p.goto(`${base}/register`)
  const form = p.locator('[data-test=register]')
  await form.locator('[data-test=register-submit]').waitFor()
  await fits(p, form, 'the registration form')
  await shoot(p, 'phone-register')
  // Its field errors too.
  await p.click('[data-test=register-submit]')
  await p.locator('[data-field=username] .el-form-item__error').waitFor()
  await fits(p, form, 'the registration form with its errors')
  await shoot(p, 'phone-register-errors')

  await p.goto(`${base}/register?lang=zh-Hant`)
  await p.waitForSelector('[data-test=register-submit]')
  assert.match(await text(p.locator('[data-test=register] .page-title')), /企業註冊/)
  await p.goto(`${base}/register?lang=en`)
  await p.waitForSelector('[data-test=register-submit]')
  assert.equal(await text(p.locator('[data-test=register] .page-title')), 'Register an enterprise')
  assert.match(await text(p.locator('[data-test=password-rule]')), /^At least \d+ characters/)

  // Staff's list and a request's dialog, on a phone.
  const staff = await alley.page(phone)
  await alley.signIn(staff, 'e2e-reviewer')
  await staff.goto(`${base}/registrations?status=all&lang=en`)
  await rowOf(staff, firstApplicant.username)
  assert.equal(await text(staff.locator('[data-test=registrations] .page-title')), 'Registrations to review')
  assert.match(await text(staff.locator('[data-test=breadcrumbs]')), /Home\s*\/\s*Messages & to-dos\s*\/\s*Registrations to review/)
  const wider = await overflow(staff)
  assert.ok(wider <= 1, `注册审核 is ${wider}px wider than the phone`)
  await shoot(staff, 'phone-registrations')
  await (await rowOf(staff, secondApplicant.username)).locator('[data-test=registration-open]').click()
  const dialog = staff.locator('[data-test=registration-dialog]:visible')
  await dialog.locator('[data-test=registration-facts]').waitFor()
  await fits(staff, dialog, 'a registration in its dialog')
  assert.match(await text(dialog), /Unified social credit code/)
  await shoot(staff, 'phone-registration-dialog')
})
