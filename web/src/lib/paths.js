// Where each resource's pages are: its own path (/organizations,
// /organizations/:id) unless a page of its own already holds it (/plans shows
// a plan's tree, /policies/:id a policy, /departments/:id a department's work).
// Rows and links open that page; the generic list and the page of every field
// then live under /records/. The router settles this once it knows the
// resources (router.addRecordRoutes).
const moved = {}

export function settlePaths(resource, { list, detail }) {
  moved[resource] = { list, detail }
}

export const listPath = (resource) => (moved[resource]?.list ? `/records/${resource}` : `/${resource}`)
// A record's page: a page of its own where it has one, else every field.
export const detailPath = (resource, id) => `/${resource}/${id}`
// The page of every field, with its edit and delete buttons.
export const recordPath = (resource, id) => (moved[resource]?.detail ? `/records/${resource}/${id}` : `/${resource}/${id}`)
export const hasOwnDetailPage = (resource) => !!moved[resource]?.detail
export const editPath = (resource, id) => `/${resource}/${id}/edit`
export const createPath = (resource) => `/${resource}/new`
