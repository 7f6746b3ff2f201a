// Tasks in their plan's own order — by the place of the node above them, then
// their own — for lists that gather tasks from elsewhere (a regrouping, the
// year-end review). `records`: Map(id → task record), which holds the
// parents' places; a task it does not hold goes last.
const last = Number.MAX_SAFE_INTEGER

export function planOrder(records) {
  const place = (task) => {
    const record = records.get(task.id)
    if (!record) return [last, last]
    const parent = records.get(record.parent_id)
    return parent ? [parent.sort_order ?? 0, record.sort_order ?? 0] : [record.sort_order ?? 0, -1]
  }
  return (a, b) => {
    const [pa, oa] = place(a)
    const [pb, ob] = place(b)
    return pa - pb || oa - ob
  }
}
