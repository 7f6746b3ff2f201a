// Files kept with a record (a task's evidence): uploaded one by one as their
// own bytes before the change that names them, downloaded by id, their sizes
// read as people read them.
import { api } from './api.js'
import { collectionPath } from './schema.js'
import { t } from './i18n.js'

// The largest file the server takes (8 MiB); a larger one is said at once rather than after its upload.
export const largestFile = 8 * 1024 * 1024

// The kinds of file the server keeps, for the file chooser and for a browser
// that gives a file no type (the server checks the bytes in any case).
const types = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', txt: 'text/plain', csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
}
export const acceptedFiles = Object.keys(types).map((extension) => `.${extension}`).join(',')

function typeOf(file) {
  if (file.type) return file.type
  return types[file.name.split('.').pop().toLowerCase()] || 'application/octet-stream'
}

// {id, file_name, content_type, size_bytes, …}
export function uploadAttachment(resource, id, file) {
  const path = `${collectionPath(resource)}/${encodeURIComponent(id)}/attachments?file_name=${encodeURIComponent(file.name)}`
  return api.upload(path, file, typeOf(file))
}

// Why the server refused `file`'s upload (`error`, an ApiError), said of the file: the refusal names no field of a form.
export function uploadRefusal(file, error) {
  const reason = [error.message, ...Object.values(error.fieldErrors || {})].join('; ')
  return t('files.uploadFailed', { name: file.name, reason })
}

// An upload no change came to name (the form was closed): not left behind on the record.
export const removeAttachment = (attachment) => api.remove(`/api/v1/attachments/${encodeURIComponent(attachment.id)}`)

export const attachmentPath = (attachment) => `/api/v1/attachments/${encodeURIComponent(attachment.id)}`

// 980 字节, 12.3 KB, 4.1 MB.
export function formatSize(bytes) {
  if (bytes == null) return ''
  if (bytes < 1024) return t('files.bytes', { n: bytes })
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
