// 年终考评 (GET /api/v1/reports/year-end?year=): per plan and per department —
// the tasks it leads or co-leads — the tasks done, in progress, overdue and
// not started in the year with their evidence, and the KPIs each department
// leads with what their status rests on; the same as a workbook and a PDF.
// The report names departments, tasks and KPIs in Chinese only: the records
// give the English names, a KPI's unit, and the lead departments by name.
import { ref } from 'vue'
import { api } from './api.js'
import { districtYear } from './time.js'
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

// {year, judged_on, kpis_by_status, plans: [{id, name, name_en, counts, tasks}],
//  departments: [{id, name, name_en, counts, plans: [{plan, tasks}], kpis}]}; a
// plan's tasks carry their lead departments' records (`leads`).
export async function loadYearEnd(year) {
  const [review, tasks, kpis, departments, plans] = await Promise.all([
    api.get(`/api/v1/reports/year-end?year=${encodeURIComponent(year)}`),
    records('/api/v1/tasks'), records('/api/v1/kpis'), records('/api/v1/departments'), records('/api/v1/plans'),
  ])
  const inOrder = planOrder(tasks)
  const task = (entry) => completed(entry, tasks.get(entry.id), ['name_en', 'due_on_basis'])
  const plansById = new Map(review.plans.map((plan) => [plan.id, completed(plan, plans.get(plan.id), ['name_en'])]))
  const planOf = (id) => plansById.get(id) || completed({ id, name: plans.get(id)?.name || id }, plans.get(id), ['name_en'])
  // A lead department by its short name, as the report names departments; one the records do not hold, as the report does.
  const department = (id) => {
    const record = departments.get(id)
    if (record) return { id, name: record.short_name || record.name, name_en: record.name_en }
    return review.departments.find((entry) => entry.id === id) || { id, name: id }
  }

  return {
    year: review.year,
    judged_on: review.judged_on,
    kpis_by_status: review.kpis_by_status || {},
    plans: review.plans.map((plan) => ({
      ...planOf(plan.id),
      tasks: (plan.tasks || []).map((entry) => ({ ...task(entry), leads: (entry.lead_department_ids || []).map(department) })).sort(inOrder),
    })),
    departments: review.departments.map((entry) => {
      const own = entry.tasks.map(task).sort(inOrder)
      return {
        ...completed(entry, departments.get(entry.id), ['name_en']),
        plans: [...new Set(own.map((t) => t.plan_id))].map((id) => ({ plan: planOf(id), tasks: own.filter((t) => t.plan_id === id) })),
        kpis: entry.kpis.map((kpi) => completed({ ...kpi, id: kpi.kpi_id }, kpis.get(kpi.kpi_id), ['name_en', 'unit'])),
      }
    }),
  }
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

// The year a page reviews, kept in its address (?year=2025), this year in the
// district unless it names another; the years it may pick from; and `pick`,
// which puts another in the address.
export function useReviewYear(route, router) {
  const thisYear = districtYear()
  const asked = Number(route.query.year)
  const year = ref(Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear)
  const years = ref([year.value])
  reviewYears(thisYear).then((list) => { years.value = list.includes(year.value) ? list : [year.value, ...list] }).catch(() => {})
  const pick = (value) => router.replace({ path: route.path, query: { ...route.query, year: String(value) } })
  return { year, years, pick }
}
