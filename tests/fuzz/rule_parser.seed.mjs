// Seeds the rule fuzzer with every rule of the pack, as text and as JSON Logic.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'

const [source, corpus] = process.argv.slice(2)
const write = (text) => writeFileSync(join(corpus, createHash('sha1').update(text).digest('hex')), text)
for (const policy of JSON.parse(readFileSync(join(source, 'data/packs/silicon-alley/policies.json'), 'utf8'))) {
  if (typeof policy.rule === 'string') write(policy.rule)
  if (policy.rule_jsonlogic !== undefined) write(JSON.stringify(policy.rule_jsonlogic))
}
