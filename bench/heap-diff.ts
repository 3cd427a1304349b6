// Investigation aid: what grew between two V8 heap snapshots (`bench/router-heap.ts`).
// `npx tsx bench/heap-diff.ts A.heapsnapshot B.heapsnapshot [Constructor…]` prints the
// (type, name) groups whose count or self size grew most, and for each named constructor
// the retainer path of a few objects new in B (up to a GC root).
import { readFileSync } from "node:fs";

type Snap = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
};

function load(file: string) {
  const s = JSON.parse(readFileSync(file, "utf8")) as Snap;
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const types = s.snapshot.meta.node_types[0];
  const etypes = s.snapshot.meta.edge_types[0];
  const [iType, iName, iId, iSize, iEdges] = ["type", "name", "id", "self_size", "edge_count"].map((f) => s.snapshot.meta.node_fields.indexOf(f)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const [eType, eName, eTo] = ["type", "name_or_index", "to_node"].map((f) => s.snapshot.meta.edge_fields.indexOf(f)) as [number, number, number];
  const count = s.nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += s.nodes[i * nf + iEdges]! * ef;
    firstEdge[i + 1] = e;
  }
  const label = (i: number) => `${types[s.nodes[i * nf + iType]!]}:${s.strings[s.nodes[i * nf + iName]!]}`;
  return { s, nf, ef, count, firstEdge, label, iId, iSize, eType, eName, eTo, etypes };
}

const [a, b, ...follow] = process.argv.slice(2);
const A = load(a!);
const B = load(b!);
const groups = (X: ReturnType<typeof load>) => {
  const m = new Map<string, { n: number; size: number }>();
  for (let i = 0; i < X.count; i++) {
    const k = X.label(i);
    const g = m.get(k) ?? { n: 0, size: 0 };
    g.n++;
    g.size += X.s.nodes[i * X.nf + X.iSize]!;
    m.set(k, g);
  }
  return m;
};
const ga = groups(A);
const gb = groups(B);
const rows = [...gb].map(([k, g]) => ({ k: k.slice(0, 90), dn: g.n - (ga.get(k)?.n ?? 0), dsize: g.size - (ga.get(k)?.size ?? 0) }));
const total = (g: Map<string, { size: number }>) => [...g.values()].reduce((t, x) => t + x.size, 0);
console.log(`total self size: ${(total(ga) / 2 ** 20).toFixed(2)} -> ${(total(gb) / 2 ** 20).toFixed(2)} MiB; nodes ${A.count} -> ${B.count}`);
console.log("\nby size growth:");
for (const r of rows.sort((x, y) => y.dsize - x.dsize).slice(0, 40)) console.log(`${String(r.dsize).padStart(10)} B ${String(r.dn).padStart(7)}  ${r.k}`);
console.log("\nby count growth:");
for (const r of rows.sort((x, y) => y.dn - x.dn).slice(0, 40)) console.log(`${String(r.dn).padStart(7)} ${String(r.dsize).padStart(10)} B  ${r.k}`);

// Retainer paths in B of objects new since A.
const idsA = new Set<number>();
for (let i = 0; i < A.count; i++) idsA.add(A.s.nodes[i * A.nf + A.iId]!);
const retainers: number[][] = Array.from({ length: B.count }, () => []);
const edgeName: Map<string, string> = new Map();
for (let i = 0; i < B.count; i++)
  for (let e = B.firstEdge[i]!; e < B.firstEdge[i + 1]!; e += B.ef) {
    const to = B.s.edges[e + B.eTo]! / B.nf;
    const t = B.etypes[B.s.edges[e + B.eType]!];
    if (t === "weak") continue;
    retainers[to]!.push(i);
    const n = B.s.edges[e + B.eName]!;
    edgeName.set(`${i}>${to}`, `${t}:${t === "element" || t === "hidden" ? n : B.s.strings[n]}`);
  }
for (const name of follow) {
  const fresh: number[] = [];
  for (let i = 0; i < B.count; i++)
    if ((name.includes(":") ? B.label(i) === name : B.label(i).endsWith(`:${name}`)) && !idsA.has(B.s.nodes[i * B.nf + B.iId]!)) fresh.push(i);
  console.log(`\n${name}: ${fresh.length} new objects; retainer paths of 3:`);
  for (const start of fresh.slice(0, 3)) {
    // Breadth-first from the object towards the root (node 0), the shortest retaining path.
    const prev = new Map<number, number>([[start, -1]]);
    const queue = [start];
    let root = -1;
    while (queue.length > 0 && root < 0) {
      const n = queue.shift()!;
      for (const r of retainers[n]!) {
        if (prev.has(r)) continue;
        prev.set(r, n);
        if (r === 0) {
          root = r;
          break;
        }
        queue.push(r);
      }
    }
    const chain: string[] = [];
    for (let n = root; n >= 0 && n !== start;) {
      const next = prev.get(n)!;
      chain.push(`${B.label(n).slice(0, 60)} --${edgeName.get(`${n}>${next}`)}-->`);
      n = next;
    }
    chain.push(B.label(start));
    console.log(`  ${chain.join("\n    ")}`);
  }
}
