// End-to-end: positions and shapes on the district map. Staff pick a place's
// point by clicking the map in its edit form (the numbers follow the click,
// typed numbers move the point, and the position is recorded as an estimate
// in WGS84); an admin draws a new area's polygon corner by corner, undoes a
// corner, and the saved area shows its shape on a map instead of its
// coordinates; a road's shape is drawn as a line. The real server with the
// Silicon Alley pack, the built web app and Debian's Chromium.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startAlley, overflow, chooseOption } from './support.mjs'

let alley, base, api

before(async () => {
  alley = await startAlley({ demo: false, users: [['e2e-admin', '--role', 'admin']] })
  base = alley.base
  api = alley.asUser('e2e-admin')
})

after(async () => {
  await alley?.stop()
})

const choose = (p, field, value) => chooseOption(p, p.locator(`[data-field=${field}]`), value)
const inputValue = (p, field) => p.locator(`[data-field=${field}] input`).inputValue()
const selected = async (p, field) => (await p.locator(`[data-field=${field}] .el-select__selection`).innerText()).trim()

// The district's bounding box, from its boundary as the API gives it.
async function districtBox() {
  const areas = (await api('GET', '/api/v1/areas.geojson')).data
  const district = areas.features.find((feature) => feature.properties.kind === 'district')
  const positions = JSON.stringify(district.geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)
    .map((pair) => pair.split(',').map(Number))
  const lons = positions.map(([lon]) => lon)
  const lats = positions.map(([, lat]) => lat)
  return { west: Math.min(...lons), east: Math.max(...lons), south: Math.min(...lats), north: Math.max(...lats) }
}

// A click at a share of the map's width and height, from its top left corner.
async function clickMap(p, map, x, y) {
  const box = await map.locator('.map-input-canvas').boundingBox()
  await p.mouse.click(box.x + box.width * x, box.y + box.height * y)
}

test('staff pick a place\'s position on the map, and typed numbers move the point', async () => {
  const place = (await api('GET', '/api/v1/places?type=building&lon_min=100&limit=1')).data.items[0]
  assert.ok(place.lon && place.lat, 'a building of the pack has a position')
  const box = await districtBox()
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/places/${place.id}/edit`)
  const map = p.locator('[data-test=map-point][data-loaded=true]')
  await map.waitFor()
  assert.equal(Number(await map.getAttribute('data-lon')), place.lon, 'the map starts at the place\'s own point')
  const point = map.locator('path.picked-point')
  await point.waitFor()

  // A number typed in the form moves the point on the map.
  const before = await point.boundingBox()
  await p.locator('[data-field=lon] input').fill(String(place.lon + 0.002))
  await p.waitForFunction(([x]) => document.querySelector('path.picked-point').getBoundingClientRect().x > x + 5, [before.x])

  // A click puts the point where it was clicked: in the district, east of a click to its left, south of a click above it.
  await clickMap(p, map, 0.5, 0.5)
  await p.waitForFunction(() => document.querySelector('[data-test=map-point]').dataset.lon !== '')
  const centre = { lon: Number(await inputValue(p, 'lon')), lat: Number(await inputValue(p, 'lat')) }
  assert.ok(centre.lon > box.west && centre.lon < box.east && centre.lat > box.south && centre.lat < box.north,
            `the map's centre ${centre.lon},${centre.lat} lies in the district`)
  await clickMap(p, map, 0.3, 0.3)
  await p.waitForFunction((lon) => Number(document.querySelector('[data-field=lon] input').value) < lon, centre.lon)
  const picked = { lon: Number(await inputValue(p, 'lon')), lat: Number(await inputValue(p, 'lat')) }
  assert.ok(picked.lat > centre.lat, 'a click higher on the map is further north')
  assert.equal(String(picked.lon).split('.')[1].length <= 6, true, 'six decimals at most')
  // What was picked by hand says so.
  assert.equal(await selected(p, 'geo_quality'), '估计')
  assert.equal(await selected(p, 'geo_datum_in'), 'WGS84')
  assert.equal(await inputValue(p, 'geo_source'), '在区地图上手工选取')
  assert.match(await map.innerText(), /位置精度记为“估计”/)
  await alley.shoot(p, 'map-point-picked')

  await p.click('[data-test=save]')
  await p.waitForURL(`${base}/places/${place.id}`)
  await p.waitForSelector('[data-test=record-name]')
  const saved = (await api('GET', `/api/v1/places/${place.id}`)).data
  assert.deepEqual([saved.lon, saved.lat, saved.geo_quality, saved.geo_datum_in, saved.geo_source],
                   [picked.lon, picked.lat, 'approximate', 'WGS84', '在区地图上手工选取'])

  // On a phone the form and its map fit the screen.
  const phone = await alley.page({ width: 390, height: 844 })
  await alley.signIn(phone, 'e2e-admin')
  await phone.goto(`${base}/places/${place.id}/edit`)
  await phone.locator('[data-test=map-point][data-loaded=true]').waitFor()
  assert.ok(await overflow(phone) <= 1, 'the form with its map fits a 390-pixel phone')
})

test('an admin draws a new area\'s polygon corner by corner, and a road\'s line', async () => {
  const p = await alley.page()
  await alley.signIn(p, 'e2e-admin')
  await p.goto(`${base}/areas/new`)
  await p.waitForSelector('[data-test=edit-form][data-mode=create] [data-field=name] input')
  await p.fill('[data-field=name] input', '地图绘制测试网格')
  await p.fill('[data-field=source] input', '端到端测试')
  await choose(p, 'kind', 'grid_cell')
  const map = p.locator('[data-test=map-shape][data-loaded=true]')
  await map.waitFor()
  assert.equal(await map.getAttribute('data-shape'), '')

  await map.locator('[data-test=shape-draw]').click()
  const corners = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.5, 0.7]]
  for (const [x, y] of corners) await clickMap(p, map, x, y)
  await p.waitForSelector('[data-test=map-shape][data-points="4"]')
  // A corner too many is taken back; two corners are not yet a polygon.
  await map.locator('[data-test=shape-undo]').click()
  await map.locator('[data-test=shape-undo]').click()
  await p.waitForSelector('[data-test=map-shape][data-points="2"]')
  assert.equal(await map.locator('[data-test=shape-finish]').isDisabled(), true)
  for (const [x, y] of corners.slice(2)) await clickMap(p, map, x, y)
  await p.waitForSelector('[data-test=map-shape][data-points="4"]')
  assert.match(await map.innerText(), /已选 4 个/)
  await map.locator('[data-test=shape-finish]').click()
  await p.waitForSelector('[data-test=map-shape][data-shape=Polygon][data-drawing=false]')
  assert.equal(await selected(p, 'geo_quality'), '估计')
  await alley.shoot(p, 'map-shape-drawn')

  await p.click('[data-test=save]')
  await p.waitForURL(/\/areas\/(?!new)[a-z0-9_-]+$/)
  const id = new URL(p.url()).pathname.split('/').pop()
  const area = (await api('GET', `/api/v1/areas/${id}`)).data
  assert.equal(area.geometry.type, 'Polygon')
  const [ring] = area.geometry.coordinates
  assert.equal(ring.length, 5, 'four corners and the first again')
  assert.deepEqual(ring[4], ring[0])
  assert.ok(ring[1][0] > ring[0][0] && ring[1][1] === ring[0][1], 'the second corner, clicked to the right of the first, is east of it')
  assert.ok(ring[2][1] < ring[1][1], 'the third, clicked below the second, is south of it')
  assert.equal(area.geo_quality, 'approximate')
  // Its page shows the shape on the map, never its coordinates.
  await p.waitForSelector('[data-test=detail] [data-test=map-shape][data-shape=Polygon][data-loaded=true]')
  await p.waitForSelector('[data-test=detail] path.saved-shape')
  assert.doesNotMatch(await p.locator('[data-test=detail]').innerText(), /coordinates|Polygon|\d{3}\.\d{4}/)
  assert.equal(await p.locator('[data-test=detail] [data-test=shape-draw]').count(), 0, 'a page only shows the shape')

  // A road's shape is a line: two points are enough.
  const road = (await api('GET', '/api/v1/roads?limit=1')).data.items[0]
  await p.goto(`${base}/roads/${road.id}/edit`)
  const roadMap = p.locator('[data-test=map-shape][data-loaded=true]')
  await roadMap.waitFor()
  await roadMap.locator('[data-test=shape-draw]').click()
  await clickMap(p, roadMap, 0.3, 0.5)
  await clickMap(p, roadMap, 0.7, 0.5)
  await p.waitForSelector('[data-test=map-shape][data-points="2"]')
  await roadMap.locator('[data-test=shape-finish]').click()
  await p.waitForSelector('[data-test=map-shape][data-shape=LineString]')
  await p.click('[data-test=save]')
  await p.waitForURL(`${base}/roads/${road.id}`)
  const line = (await api('GET', `/api/v1/roads/${road.id}`)).data.geometry
  assert.equal(line.type, 'LineString')
  assert.equal(line.coordinates.length, 2)
  assert.ok(line.coordinates[1][0] > line.coordinates[0][0])
})
