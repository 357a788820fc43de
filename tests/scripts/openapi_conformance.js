// The OpenAPI document served at /api/v1/openapi.json against the real
// answers of the server: the document is checked for structure, then a list
// of real requests (every operation, successes and errors) is made and each
// JSON answer is validated against the schema the document declares for its
// path, method and status. Schemas with "properties" must declare every
// member the server sends, so the document cannot drift from the responses.
// Run by openapi_conformance.sh with BASE, FW, ORG_A, ORG_B and TOK_* set.
'use strict';

const env = process.env;
const BASE = env.BASE, FW = env.FW;
const failures = [];
const fail = (msg) => failures.push(msg);

// ---- a minimal JSON-schema validator (the OpenAPI 3.0 subset cdcf uses) ----
let doc;

function resolve(schema) {
  let guard = 0;
  while (schema && schema.$ref) {
    if (++guard > 20) throw new Error('$ref loop at ' + schema.$ref);
    const parts = schema.$ref.replace(/^#\//, '').split('/');
    let s = doc;
    for (const p of parts) s = s && s[p];
    if (!s) throw new Error('unresolved $ref ' + schema.$ref);
    schema = s;
  }
  return schema;
}

function typeOk(type, v) {
  switch (type) {
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    default: throw new Error('unknown type ' + type);
  }
}

// Errors of v against schema, each "path: problem".
function validate(schema, v, path) {
  schema = resolve(schema);
  const errs = [];
  if (v === null) {
    const constrained = schema.type || schema.oneOf || schema.anyOf || schema.allOf || schema.enum;
    if (!schema.nullable && constrained) errs.push(`${path}: null is not allowed`);
    return errs;
  }
  if (schema.allOf) for (const s of schema.allOf) errs.push(...validate(s, v, path));
  for (const key of ['oneOf', 'anyOf']) {
    if (!schema[key]) continue;
    const ok = schema[key].filter((s) => validate(s, v, path).length === 0).length;
    if (key === 'oneOf' ? ok !== 1 : ok < 1)
      errs.push(`${path}: ${JSON.stringify(v)} matches ${ok} of ${key}`);
  }
  if (schema.type && !typeOk(schema.type, v)) {
    errs.push(`${path}: ${JSON.stringify(v).slice(0, 60)} is not ${schema.type}`);
    return errs;
  }
  if (schema.enum && !schema.enum.some((e) => e === v))
    errs.push(`${path}: ${JSON.stringify(v)} not in enum ${JSON.stringify(schema.enum)}`);
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) errs.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && v > schema.maximum) errs.push(`${path}: above maximum`);
  }
  if (Array.isArray(v) && schema.items)
    v.forEach((item, i) => errs.push(...validate(schema.items, item, `${path}[${i}]`)));
  if (typeOk('object', v) && (schema.type === 'object' || schema.properties)) {
    for (const r of schema.required || [])
      if (!(r in v)) errs.push(`${path}: missing required '${r}'`);
    const props = schema.properties || {};
    for (const [k, val] of Object.entries(v)) {
      if (props[k]) errs.push(...validate(props[k], val, `${path}.${k}`));
      else if (typeof schema.additionalProperties === 'object')
        errs.push(...validate(schema.additionalProperties, val, `${path}.${k}`));
      else if (schema.properties && schema.additionalProperties !== true)
        errs.push(`${path}: '${k}' is not declared in the schema`);
    }
  }
  return errs;
}

// ---- the document's structure ----
function checkStructure() {
  if (!/^3\.0\.\d+$/.test(doc.openapi || '')) fail(`openapi: '${doc.openapi}' is not 3.0.x`);
  if (!doc.info || !doc.info.title || !doc.info.version) fail('info needs title and version');
  if (!doc.paths || typeof doc.paths !== 'object') fail('no paths');
  const comp = doc.components || {};
  for (const s of ['Error', 'Entry', 'Portfolio', 'Org', 'Action', 'Cycle', 'Page'])
    if (!comp.schemas || !comp.schemas[s]) fail(`components.schemas.${s} is missing`);
  const schemes = Object.values(comp.securitySchemes || {});
  if (!schemes.some((s) => s.type === 'http' && s.scheme === 'bearer')) fail('no bearer scheme');
  if (!schemes.some((s) => s.type === 'apiKey' && s.in === 'cookie')) fail('no cookie scheme');
  if (!Array.isArray(doc.security) || !doc.security.length) fail('no global security');
  const ids = new Set();
  // every $ref anywhere must resolve
  (function walk(node, where) {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') {
      try { resolve(node); } catch (e) { fail(`${where}: ${e.message}`); }
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
  })(doc, '#');
  const publicPaths = new Set(['/healthz', '/readyz', '/api/v1/openapi.json']);
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) {
        fail(`${where}: unknown method`);
        continue;
      }
      if (!op.operationId || ids.has(op.operationId)) fail(`${where}: operationId missing or reused`);
      ids.add(op.operationId);
      if (!op.responses || !Object.keys(op.responses).some((s) => /^2/.test(s)))
        fail(`${where}: no success response`);
      for (const [status, r] of Object.entries(op.responses || {}))
        if (!resolve(r).description) fail(`${where} ${status}: response without description`);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (isPublic !== publicPaths.has(path)) fail(`${where}: security [] must be only on public paths`);
      const declared = new Set((op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const m of path.matchAll(/\{(\w+)\}/g))
        if (!declared.has(m[1])) fail(`${where}: path parameter '${m[1]}' is not declared`);
      for (const p of op.parameters || [])
        if (p.in === 'path' && !p.required) fail(`${where}: path parameter '${p.name}' not required`);
    }
  }
}

// ---- real requests ----
const exercised = new Set();

async function call(tok, method, template, params, body, headers, expectStatus) {
  let path = template;
  for (const [k, v] of Object.entries(params || {})) path = path.replace(`{${k}}`, encodeURIComponent(v));
  const h = Object.assign({}, headers || {});
  if (tok) h.Authorization = `Bearer ${tok}`;
  let data;
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    data = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const query = (params && params['?']) ? '?' + params['?'] : '';
  const res = await fetch(BASE + path + query, { method, headers: h, body: data });
  const text = await res.text();
  const where = `${method} ${path}${query} -> ${res.status}`;
  if (expectStatus && res.status !== expectStatus) {
    fail(`${where}: expected ${expectStatus}: ${text.slice(0, 300)}`);
    return { status: res.status, headers: res.headers, json: null };
  }
  const op = doc.paths[template] && doc.paths[template][method.toLowerCase()];
  if (!op) {
    fail(`${where}: the document has no ${method} ${template}`);
    return { status: res.status, headers: res.headers, json: null };
  }
  exercised.add(`${method.toLowerCase()} ${template} ${res.status}`);
  const declared = op.responses[String(res.status)] || op.responses.default;
  if (!declared) {
    fail(`${where}: status not declared`);
    return { status: res.status, headers: res.headers, json: null };
  }
  const r = resolve(declared);
  let json = null;
  if (res.status !== 304) {
    if (!/^application\/json/.test(res.headers.get('content-type') || ''))
      fail(`${where}: content-type ${res.headers.get('content-type')}`);
    try { json = JSON.parse(text); } catch (e) { fail(`${where}: not JSON: ${text.slice(0, 100)}`); }
    const schema = r.content && r.content['application/json'] && r.content['application/json'].schema;
    if (!schema) fail(`${where}: the document declares no JSON body`);
    else if (json !== null)
      for (const e of validate(schema, json, '$').slice(0, 5)) fail(`${where}: ${e}`);
  }
  for (const name of Object.keys(r.headers || {}))
    if (!res.headers.get(name)) fail(`${where}: declared header ${name} is missing`);
  return { status: res.status, headers: res.headers, json };
}

async function run() {
  const A = env.ORG_A, B = env.ORG_B;
  const alice = env.TOK_ALICE, vic = env.TOK_VIC, ann = env.TOK_ANN, admin = env.TOK_ADMIN;
  const ORG = '/api/v1/orgs/{org}', PF = ORG + '/portfolios/{fw}', E = PF + '/entries/{ref}';
  const pa = { org: A, fw: FW };
  let r;

  await call(null, 'GET', '/healthz', {}, undefined, {}, 200);
  await call(null, 'GET', '/readyz', {}, undefined, {}, 200);
  await call(null, 'GET', '/api/v1/openapi.json', {}, undefined, {}, 200);
  await call(alice, 'GET', '/api/v1/me', {}, undefined, {}, 200);
  await call(null, 'GET', '/api/v1/me', {}, undefined, {}, 401);
  await call(vic, 'GET', '/api/v1/frameworks', {}, undefined, {}, 200);
  await call(vic, 'GET', '/api/v1/frameworks/{fw}', { fw: FW }, undefined, {}, 200);
  await call(vic, 'GET', '/api/v1/frameworks/{fw}', { fw: 'first-csirt-2.1' }, undefined, {}, 200);
  await call(vic, 'GET', '/api/v1/frameworks/{fw}', { fw: 'nope' }, undefined, {}, 404);
  await call(admin, 'GET', '/api/v1/orgs', { '?': 'per_page=1' }, undefined, {}, 200);
  await call(admin, 'GET', '/api/v1/orgs', { '?': 'per_page=0' }, undefined, {}, 400);
  r = await call(admin, 'POST', '/api/v1/orgs', {}, { name: 'Sub', parent: 'A' }, {}, 201);
  const sub = r.json && r.json.id;
  await call(admin, 'POST', '/api/v1/orgs', {}, { name: 'Sub' }, {}, 409);
  await call(admin, 'POST', '/api/v1/orgs', {}, { name: '' }, {}, 422);
  await call(alice, 'POST', '/api/v1/orgs', {}, { name: 'X' }, {}, 403);
  await call(admin, 'POST', '/api/v1/orgs', {}, '{"name": ', {}, 400);
  await call(vic, 'GET', ORG, { org: A }, undefined, {}, 200);
  await call(alice, 'GET', ORG, { org: B }, undefined, {}, 404);
  await call(admin, 'POST', ORG + '/teams', { org: A }, { name: 'T9' }, {}, 201);
  await call(admin, 'POST', ORG + '/providers', { org: A }, { name: 'P9' }, {}, 201);
  await call(admin, 'POST', ORG + '/providers', { org: A }, { name: 'P9' }, {}, 409);
  await call(alice, 'POST', ORG + '/teams', { org: A }, { name: 'T8' }, {}, 403);
  await call(admin, 'PATCH', ORG + '/teams/{team}', { org: A, team: 'T9' }, { name: 'T10' }, {}, 200);
  await call(admin, 'PATCH', ORG + '/teams/{team}', { org: A, team: 'T10' }, { name: '' }, {}, 422);
  await call(admin, 'PATCH', ORG + '/teams/{team}', { org: A, team: 'Nobody' }, { name: 'X' }, {}, 404);
  await call(admin, 'DELETE', ORG + '/teams/{team}', { org: A, team: 'T10' }, undefined, {}, 200);
  await call(admin, 'PATCH', ORG + '/providers/{provider}', { org: A, provider: 'P9' }, { name: 'P10' }, {}, 200);
  await call(alice, 'DELETE', ORG + '/providers/{provider}', { org: A, provider: 'P10' }, undefined, {}, 403);
  await call(admin, 'DELETE', ORG + '/providers/{provider}', { org: A, provider: 'P10' }, undefined, {}, 200);
  await call(admin, 'PATCH', ORG, { org: sub }, { name: 'Sub Two' }, {}, 200);
  await call(admin, 'PATCH', ORG, { org: sub }, { name: 'A' }, {}, 409);
  await call(admin, 'DELETE', ORG, { org: A }, undefined, {}, 409);
  await call(admin, 'DELETE', ORG, { org: sub }, undefined, {}, 200);
  await call(alice, 'POST', ORG + '/portfolios', { org: A }, { framework: 'first-psirt-1.1' }, {}, 201);
  await call(alice, 'POST', ORG + '/portfolios', { org: A }, { framework: 'nope' }, {}, 422);
  await call(vic, 'GET', PF, pa, undefined, {}, 200);
  await call(vic, 'GET', PF, { org: A, fw: 'nope' }, undefined, {}, 404);
  await call(admin, 'PUT', PF + '/schedule', pa, { next_evaluation: '2026-09-07' }, {}, 200);
  await call(admin, 'PUT', PF + '/schedule', pa, { next_evaluation: null }, {}, 200);
  await call(alice, 'PUT', PF + '/schedule', pa, { next_evaluation: '2026-09-07' }, {}, 403);
  await call(admin, 'PUT', PF + '/schedule', pa, { next_evaluation: '2026-02-30' }, {}, 422);
  await call(admin, 'PUT', PF + '/schedule', pa, '{"next_evaluation": ', {}, 400);
  await call(admin, 'PUT', PF + '/schedule', { org: A, fw: 'nope' }, { next_evaluation: null }, {}, 404);

  r = await call(vic, 'GET', E, { ...pa, ref: 'A-1' }, undefined, {}, 200);
  const etag = r.headers.get('etag');
  await call(vic, 'GET', E, { ...pa, ref: 'A-1' }, undefined, { 'If-None-Match': etag }, 304);
  await call(vic, 'GET', E, { ...pa, ref: 'A-5' }, undefined, {}, 404);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-1' }, { note: 'x' }, {}, 428);
  await call(vic, 'PATCH', E, { ...pa, ref: 'A-1' }, { note: 'x' }, { 'If-Match': etag }, 403);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-1' }, { insource: { current: 7 } }, { 'If-Match': etag }, 422);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-1' }, '{"note": "x",}', { 'If-Match': etag }, 400);
  r = await call(alice, 'PATCH', E, { ...pa, ref: 'A-1' },
    { insource: { current: 2, target: 4 }, note: '<b>n</b>', evidence: 'https://e.example/1' },
    { 'If-Match': etag }, 200);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-1' }, { note: 'late' }, { 'If-Match': etag }, 409);
  const Q = PF + '/positions/{ref}';
  await call(alice, 'PUT', Q, { ...pa, ref: 'A-1' }, { skill: 70, information: 20 }, {}, 200);
  await call(vic, 'PUT', Q, { ...pa, ref: 'A-1' }, { skill: 70, information: 20 }, {}, 403);
  await call(alice, 'PUT', Q, { ...pa, ref: 'A-1' }, { skill: 101, information: 20 }, {}, 422);
  await call(alice, 'PUT', Q, { ...pa, ref: 'A-1' }, { skill: 7, depth: 1 }, {}, 422);
  await call(alice, 'PUT', Q, { ...pa, ref: 'A-1' }, '{"skill": ', {}, 400);
  await call(alice, 'PUT', Q, { ...pa, ref: 'Z-99' }, { skill: 7, information: 7 }, {}, 422);
  await call(alice, 'PUT', Q, { org: A, fw: 'nope', ref: 'A-1' }, { skill: 7, information: 7 }, {}, 404);
  await call(alice, 'DELETE', Q, { ...pa, ref: 'A-1' }, undefined, {}, 200);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-3' }, { note: 'x' }, { 'If-Match': '*' }, 428);
  r = await call(alice, 'GET', E, { ...pa, ref: 'A-3' }, undefined, {}, 200);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-3' }, { outsource: { current: 'n/a', target: 3 } },
    { 'If-Match': r.headers.get('etag') }, 200);
  r = await call(ann, 'GET', E, { ...pa, ref: 'A-2' }, undefined, {}, 200);
  await call(ann, 'PATCH', E, { ...pa, ref: 'A-2' }, { insource: { current: 3 } },
    { 'If-Match': r.headers.get('etag') }, 403);
  await call(alice, 'PATCH', E, { ...pa, ref: 'A-5' }, { level: 'advanced' }, { 'If-Match': '"v0"' }, 200);
  await call(alice, 'POST', PF + '/services', pa,
    { ref: 'CUST-1', name_en: 'Custom', category: 'A' }, {}, 201);
  await call(alice, 'POST', PF + '/services', pa,
    { ref: 'CUST-1', name_en: 'Custom', category: 'A' }, {}, 409);
  await call(alice, 'POST', PF + '/services', pa,
    { ref: 'CUST-2', name_en: 'Custom', category: 'Nope' }, {}, 422);
  await call(vic, 'GET', PF + '/report', pa, undefined, {}, 200);
  await call(vic, 'GET', PF + '/report', { ...pa, '?': 'lang=ja' }, undefined, {}, 200);
  await call(vic, 'GET', PF + '/report', { ...pa, '?': 'lang=xx' }, undefined, {}, 400);
  await call(vic, 'GET', PF + '/gaps', pa, undefined, {}, 200);
  r = await call(alice, 'POST', PF + '/actions', pa,
    { ref: 'A-1', title: 'Fix', owner: 'alice', due: '2026-06-30', target: 4 }, {}, 201);
  const act = r.json && r.json.id;
  await call(alice, 'POST', PF + '/actions', pa, { ref: 'A-2', title: 'Other' }, {}, 201);
  await call(alice, 'POST', PF + '/actions', pa, { ref: 'A-1', title: 'Bad', due: 'soon' }, {}, 422);
  await call(vic, 'GET', PF + '/actions', { ...pa, '?': 'per_page=1' }, undefined, {}, 200);
  await call(vic, 'GET', PF + '/actions', { ...pa, '?': 'status=bad' }, undefined, {}, 400);
  await call(alice, 'PATCH', PF + '/actions/{id}', { ...pa, id: act }, { status: 'done' }, {}, 200);
  await call(alice, 'PATCH', PF + '/actions/{id}', { ...pa, id: act }, { status: 'x' }, {}, 422);
  await call(alice, 'PATCH', PF + '/actions/{id}', { ...pa, id: 99999 }, { status: 'done' }, {}, 404);
  await call(alice, 'PATCH', PF + '/actions/{id}', { ...pa, id: act },
    { title: 'Edited', owner: 'Outside auditor', due: '2026-12-31', target: 3 }, {}, 200);
  await call(alice, 'PATCH', PF + '/actions/{id}', { ...pa, id: act }, { owner: null, target: null }, {}, 200);
  await call(alice, 'PATCH', PF + '/actions/{id}', { ...pa, id: act }, { title: '' }, {}, 422);
  await call(vic, 'DELETE', PF + '/actions/{id}', { ...pa, id: act }, undefined, {}, 403);
  await call(alice, 'DELETE', PF + '/actions/{id}', { ...pa, id: act }, undefined, {}, 200);
  await call(alice, 'DELETE', PF + '/actions/{id}', { ...pa, id: act }, undefined, {}, 404);
  await call(vic, 'DELETE', E, { ...pa, ref: 'CUST-1' }, undefined, {}, 403);
  await call(alice, 'DELETE', E, { ...pa, ref: 'A-2' }, undefined, {}, 409); /* open action */
  await call(alice, 'DELETE', E, { ...pa, ref: 'CUST-1' }, undefined, { 'If-Match': '"v99"' }, 409);
  await call(alice, 'DELETE', E, { ...pa, ref: 'CUST-1' }, undefined, { 'If-Match': 'W/"v1"' }, 428);
  await call(alice, 'DELETE', E, { ...pa, ref: 'CUST-1' }, undefined, {}, 200);
  await call(alice, 'DELETE', E, { ...pa, ref: 'CUST-1' }, undefined, {}, 404);
  await call(vic, 'GET', PF + '/cycles', pa, undefined, {}, 200);
  const answers = {
    catalogue: { appropriate: 'yes', environment: 'same' }, profile: { assignments: 'ok' },
    portfolio: { scores: 'first', targets: 'agreed' },
  };
  await call(alice, 'POST', PF + '/evaluate', pa, { answers }, {}, 403);
  await call(admin, 'POST', PF + '/evaluate', pa, { answers: {} }, {}, 422);
  await call(admin, 'POST', PF + '/evaluate', pa, { answers, next_evaluation: '2027-02-29' }, {}, 422);
  await call(admin, 'POST', PF + '/evaluate', pa,
    { answers, approved_by: 'CISO', next_evaluation: '2027-04-30' }, {}, 201);
  r = await call(vic, 'GET', PF, pa, undefined, {}, 200);
  if (!r.json || r.json.next_evaluation !== '2027-04-30')
    fail(`GET ${PF}: next_evaluation after evaluate is ${r.json && r.json.next_evaluation}`);
  await call(vic, 'GET', PF + '/cycles', pa, undefined, {}, 200);
  await call(vic, 'GET', PF + '/cycles/{a}/diff/{b}', { ...pa, a: 1, b: 2 }, undefined, {}, 200);
  await call(vic, 'GET', PF + '/cycles/{a}/diff/{b}', { ...pa, a: 1, b: 9 }, undefined, {}, 404);
  await call(vic, 'GET', PF + '/cycles/{a}/diff/{b}', { ...pa, a: 0, b: 1 }, undefined, {}, 400);
  await call(admin, 'GET', ORG + '/audit', { org: A, '?': 'per_page=5' }, undefined, {}, 200);
  await call(alice, 'GET', ORG + '/audit', { org: A }, undefined, {}, 403);
  await call(admin, 'GET', ORG + '/audit', { org: A, '?': 'subject=A-1&since=2026-04-01&until=2026-04-30' },
    undefined, {}, 200);
  await call(admin, 'GET', ORG + '/audit', { org: A, '?': 'since=2026-02-30' }, undefined, {}, 422);
  // the provider's view: A shares with no provider yet, so its clients are none
  await call(vic, 'GET', ORG + '/clients', { org: A }, undefined, {}, 200);
  await call(vic, 'GET', ORG + '/clients', { org: A, '?': 'per_page=0' }, undefined, {}, 400);
  await call(alice, 'GET', ORG + '/clients', { org: B }, undefined, {}, 404);
  await call(admin, 'GET', ORG + '/export', { org: A }, undefined, {}, 200);
  await call(alice, 'GET', ORG + '/export', { org: A }, undefined, {}, 403);

  // every operation of the document was exercised with its success status
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      const ok = Object.keys(op.responses).find((s) => /^2/.test(s));
      if (!exercised.has(`${method} ${path} ${ok}`))
        fail(`${method.toUpperCase()} ${path}: never answered ${ok} in this test`);
    }
}

(async () => {
  const res = await fetch(BASE + '/api/v1/openapi.json');
  if (res.status !== 200) {
    console.log(`FAIL: /api/v1/openapi.json answered ${res.status}`);
    process.exit(1);
  }
  doc = await res.json();
  checkStructure();
  await run();
  if (failures.length) {
    for (const f of failures) console.log('FAIL: ' + f);
    process.exit(1);
  }
  console.log(`openapi_conformance: ok (${exercised.size} path/method/status combinations)`);
})().catch((e) => {
  console.log('FAIL: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
