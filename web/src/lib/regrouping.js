// A plan told again in another grouping: the version's plan names the plan it
// regroups (version_of) and each of its tasks the task of the original it
// stands for (maps_to_id). The two are not one to one — one original task may
// go to two nodes of the grouping, another to none — so both directions are
// worked out from the tasks of both plans, for pages that name them.
import { fetchAll } from './pager.js'
import { planOrder } from './planOrder.js'

const tasksOf = async (planId) => (await fetchAll(`/api/v1/tasks?plan_id=${encodeURIComponent(planId)}`)).items

// Tasks in the plan's own order.
const inPlanOrder = (tasks) => [...tasks].sort(planOrder(new Map(tasks.map((task) => [task.id, task]))))

// The original's tasks of the kinds the grouping maps onto (its sub-actions),
// each with the grouping's nodes that stand for it and the node above each.
function pair(originals, grouped) {
  const byId = new Map(grouped.map((task) => [task.id, task]))
  const mapped = grouped.filter((task) => task.maps_to_id)
  const kinds = new Set(mapped.map((task) => originals.find((original) => original.id === task.maps_to_id)?.kind).filter(Boolean))
  return inPlanOrder(originals).filter((task) => kinds.has(task.kind)).map((task) => ({
    task,
    nodes: inPlanOrder(mapped.filter((node) => node.maps_to_id === task.id)).map((node) => ({ task: node, group: byId.get(node.parent_id) || null })),
  }))
}

// For a plan that regroups another: {original: the plan regrouped, standsFor:
// Map(task id → the original's task), unmatched: the original's tasks none of
// its nodes stands for}; null for a plan that regroups none.
export async function loadCounterparts(plan, plans) {
  if (!plan.version_of) return null
  const [originals, grouped] = await Promise.all([tasksOf(plan.version_of), tasksOf(plan.id)])
  if (!grouped.some((task) => task.maps_to_id)) return null
  const byId = new Map(originals.map((task) => [task.id, task]))
  const standsFor = new Map(grouped.filter((task) => byId.has(task.maps_to_id)).map((task) => [task.id, byId.get(task.maps_to_id)]))
  const unmatched = pair(originals, grouped).filter((row) => !row.nodes.length).map((row) => row.task)
  return { original: plans.find((p) => p.id === plan.version_of) || null, standsFor, unmatched }
}

// For a plan others regroup: one entry per grouping, {version: its plan, rows:
// [{task: the original's task, nodes: [{task, group}] — none where the
// grouping has no counterpart}]}.
export async function loadRegroupings(plan, plans) {
  const versions = plans.filter((other) => other.version_of === plan.id)
  if (!versions.length) return []
  const originals = await tasksOf(plan.id)
  const found = await Promise.all(versions.map(async (version) => ({ version, rows: pair(originals, await tasksOf(version.id)) })))
  return found.filter((regrouping) => regrouping.rows.length)
}
