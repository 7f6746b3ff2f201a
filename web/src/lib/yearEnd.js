// 年终考评 (GET /api/v1/reports/year-end?year=): per department — the tasks it
// leads or co-leads — and per plan, the tasks done, in progress, overdue and
// not started in the year with their evidence, and the KPIs each department
// leads with what their status rests on; the same as a workbook and a PDF.
// The report names departments, tasks and KPIs in Chinese only, and lists a
// plan's tasks only under the departments that answer for them: the records
// give the English names, a KPI's unit, a deadline's basis where the entry
// leaves it out, and each plan's list is gathered from the departments'.
import { api } from './api.js'
import { fetchAll } from './pager.js'
import { planOrder } from './planOrder.js'

// A task's standing in the year, in the order the report counts them.
export const standings = ['done', 'in_progress', 'overdue', 'not_started']

export const workbookPath = (year) => `/api/v1/reports/year-end.xlsx?year=${year}`
export const pdfPath = (year) => `/api/v1/reports/year-end.pdf?year=${year}`

// Map(id → record) of a whole list; an empty one where it cannot be read, so the report still shows.
const records = (path) => fetchAll(path).then((list) => new Map(list.items.map((record) => [record.id, record]))).catch(() => new Map())

// What the report leaves out, from the record: only what the entry does not already say.
function completed(entry, record, fields) {
  if (!record) return entry
  const more = Object.fromEntries(fields.filter((field) => entry[field] == null && record[field] != null).map((field) => [field, record[field]]))
  return { ...entry, ...more }
}

// {year, judged_on, kpis_by_status, plans: [{id, name, name_en, counts, tasks, unlisted}],
//  departments: [{id, name, name_en, counts, plans: [{plan, tasks}], kpis}]}.
export async function loadYearEnd(year) {
  const [review, tasks, kpis, departments, plans] = await Promise.all([
    api.get(`/api/v1/reports/year-end?year=${encodeURIComponent(year)}`),
    records('/api/v1/tasks'), records('/api/v1/kpis'), records('/api/v1/departments'), records('/api/v1/plans'),
  ])
  const inOrder = planOrder(tasks)
  const plansById = new Map(review.plans.map((plan) => [plan.id, completed(plan, plans.get(plan.id), ['name_en'])]))
  const planOf = (id) => plansById.get(id) || completed({ id, name: plans.get(id)?.name || id }, plans.get(id), ['name_en'])

  const shown = review.departments.map((department) => {
    const own = department.tasks.map((task) => completed(task, tasks.get(task.id), ['name_en', 'due_on_basis'])).sort(inOrder)
    const planIds = [...new Set(own.map((task) => task.plan_id))]
    return {
      ...completed(department, departments.get(department.id), ['name_en']),
      plans: planIds.map((id) => ({ plan: planOf(id), tasks: own.filter((task) => task.plan_id === id) })),
      kpis: department.kpis.map((kpi) => completed({ ...kpi, id: kpi.kpi_id }, kpis.get(kpi.kpi_id), ['name_en', 'unit'])),
    }
  })

  // A plan's tasks as the departments list them, each once (a co-led task is under several); a counted
  // task no department answers for (an action as a whole, a regrouping's nodes) is in no list.
  const listed = (planId) => {
    const once = new Map()
    for (const department of shown) for (const group of department.plans) {
      if (group.plan.id !== planId) continue
      for (const task of group.tasks) if (!once.has(task.id)) once.set(task.id, { ...task, co_lead: false })
    }
    return [...once.values()].sort(inOrder)
  }
  const planRows = review.plans.map((plan) => {
    const own = listed(plan.id)
    const counted = standings.reduce((sum, standing) => sum + (plan.counts[standing] || 0), 0)
    return { ...planOf(plan.id), counts: plan.counts, tasks: own, unlisted: Math.max(0, counted - own.length) }
  })

  return { year: review.year, judged_on: review.judged_on, kpis_by_status: review.kpis_by_status || {}, plans: planRows, departments: shown }
}

// The years a review may be asked for: from the first plan's start to the
// last one's end, and this year wherever that falls.
export async function reviewYears(thisYear) {
  const plans = [...(await records('/api/v1/plans')).values()]
  const starts = plans.map((plan) => Number(plan.period_start?.slice(0, 4))).filter(Boolean)
  const ends = plans.map((plan) => Number(plan.period_end?.slice(0, 4))).filter(Boolean)
  const first = Math.min(thisYear, ...starts)
  const latest = Math.max(thisYear, ...ends)
  return Array.from({ length: latest - first + 1 }, (_, index) => latest - index)
}
