// The reference the policy benchmark checks its matrix against: json-logic-js
// evaluating every rule over every organization, the rules shared out over
// worker threads as the columnar evaluator shares them over its threads.
//
//   node evaluate.mjs organizations.json rules.json matrix.bin [workers]
//
// Writes one bitmap per rule (bit r of byte r/8 for organization r, each
// bitmap padded to whole 64-bit words: the columnar evaluator's layout) and
// prints {"load_ms", "evaluate_ms", "workers"} on one line.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { readFileSync, writeFileSync } from 'node:fs'
import jsonLogic from 'json-logic-js'

function bitmapBytes(rows) {
  return Math.ceil(rows / 64) * 8
}

if (isMainThread) {
  const [organizationsPath, rulesPath, matrixPath, workerArgument] = process.argv.slice(2)
  if (!matrixPath) {
    console.error('usage: node evaluate.mjs organizations.json rules.json matrix.bin [workers]')
    process.exit(2)
  }
  const rules = JSON.parse(readFileSync(rulesPath, 'utf8'))
  const workerCount = Math.max(1, Math.min(rules.length, Number(workerArgument) || 2))
  const loadStart = performance.now()
  const workers = []
  for (let index = 0; index < workerCount; index++) {
    workers.push(new Worker(new URL(import.meta.url), { workerData: { organizationsPath, rulesPath, index, workerCount } }))
  }
  const message = (worker) => new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  const ready = await Promise.all(workers.map(message))
  const rows = ready[0].rows
  const evaluateStart = performance.now()
  const results = workers.map(message)
  for (const worker of workers) worker.postMessage('go')
  const done = await Promise.all(results)
  const evaluateMs = performance.now() - evaluateStart
  const size = bitmapBytes(rows)
  const matrix = Buffer.alloc(size * rules.length)
  for (const { bitmaps } of done) {
    for (const [rule, bytes] of bitmaps) matrix.set(new Uint8Array(bytes), rule * size)
  }
  writeFileSync(matrixPath, matrix)
  for (const worker of workers) worker.terminate()
  console.log(JSON.stringify({ load_ms: evaluateStart - loadStart, evaluate_ms: evaluateMs, workers: workerCount, rows }))
} else {
  const { organizationsPath, rulesPath, index, workerCount } = workerData
  const organizations = JSON.parse(readFileSync(organizationsPath, 'utf8'))
  const rules = JSON.parse(readFileSync(rulesPath, 'utf8'))
  parentPort.postMessage({ rows: organizations.length })
  parentPort.once('message', () => {
    const bitmaps = []
    for (let rule = index; rule < rules.length; rule += workerCount) {
      const bytes = new Uint8Array(bitmapBytes(organizations.length))
      const logic = rules[rule]
      for (let row = 0; row < organizations.length; row++) {
        if (jsonLogic.truthy(jsonLogic.apply(logic, organizations[row]))) bytes[row >> 3] |= 1 << (row & 7)
      }
      bitmaps.push([rule, bytes.buffer])
    }
    parentPort.postMessage({ bitmaps }, bitmaps.map(([, buffer]) => buffer))
  })
}
