// The repository visualization page: the head's directories and files drawn in 3D (a treemap
// city: footprints by bytes, heights by lines, colours by language), and time as the fourth
// dimension: the history played commit by commit. Served by the API (no CDN), under a strict
// Content-Security-Policy: no inline script or style, requests to this origin only.
import { hierarchy, treemap, treemapSquarify, type HierarchyRectangularNode } from 'd3-hierarchy';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

interface TreeNode {
  path: string;
  name: string;
  type: 'directory' | 'file';
  bytes: number;
  lines: number | null;
  language: string | null;
  first_commit: string | null;
  last_commit: string | null;
}

interface TimelineEntry {
  seq: number;
  sha: string;
  timestamp: string;
  author: string;
  author_email: string;
  message: string;
  added: string[];
  modified: string[];
  deleted: string[];
  renamed: { from: string; to: string }[];
}

interface View {
  visualization_id: string;
  status: 'processing' | 'completed' | 'failed' | 'cancelled';
  repository: string;
  branch: string | null;
  head_sha?: string;
  error?: { code: string; message: string };
  stats?: { total_commits: number; total_files: number; total_contributors: number; lines_of_code: number; languages: Record<string, number>; truncated: boolean; commits_analysed: number };
  data?: { nodes: TreeNode[]; timeline: TimelineEntry[]; timeline_total: number; timeline_offset: number; timeline_has_more: boolean; language_colors?: Record<string, string> };
}

interface FileBox {
  path: string;
  node?: TreeNode;
  /** Footprint centre and size (world units), and full height. */
  x: number;
  z: number;
  w: number;
  d: number;
  h: number;
  color: THREE.Color;
  /** Changes to it in the whole timeline (for growth). */
  totalChanges: number;
}

/**
 * Timeline entries of the first request (a quick first picture), then of each further one (the
 * API's most). `?timeline_page=N` asks for N at a time instead (a slow link; the page's tests).
 */
const askedPage = Number(new URLSearchParams(location.search).get('timeline_page'));
const TIMELINE_FIRST_PAGE = askedPage >= 1 ? Math.min(askedPage, 10_000) : 2000;
const TIMELINE_PAGE = askedPage >= 1 ? Math.min(askedPage, 10_000) : 10_000;
/** Commits that keep a file lit after they touched it. */
const GLOW_COMMITS = 6;
const WORLD = 1000;

const body = document.body;
const visualizationId = body.dataset.visualizationId ?? '';
const mode = body.dataset.mode === 'share' ? 'share' : 'owner';
const embed = body.dataset.embed === '1';
if (embed) body.classList.add('embed');

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Headers of every API request: the share link's token, or the owner's access token. */
function credentials(): Record<string, string> {
  if (mode === 'share') return { 'X-Share-Token': decodeURIComponent(location.pathname.split('/').pop() ?? '') };
  const token = sessionStorage.getItem('codex_access_token');
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Waits for the rate limit at most this many times in a row before giving up on a request. */
const MAX_RATE_LIMIT_WAITS = 10;

/**
 * GETs `path` as JSON. A 429 (API.md "Rate limiting": a free owner may make 5 requests a minute,
 * a share link's viewers 120 from one address) is waited out for its `Retry-After`, saying so in
 * the status line, and tried again.
 * @throws Error with the API's message for any other error answer.
 */
async function api<T>(path: string): Promise<T> {
  for (let waits = 0; ; waits++) {
    const res = await fetch(path, { headers: { Accept: 'application/json', ...credentials() } });
    const data = (await res.json().catch(() => ({}))) as T & { error?: { message: string; retry_after?: number } };
    if (res.status === 429 && waits < MAX_RATE_LIMIT_WAITS) {
      const seconds = data.error?.retry_after ?? Number(res.headers.get('retry-after') ?? 5);
      for (let left = Math.max(1, Math.ceil(seconds)); left > 0; left--) {
        status(`${data.error?.message ?? 'Rate limit exceeded.'} Waiting ${left} s…`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      status('');
      continue;
    }
    if (!res.ok) throw new Error(data.error?.message ?? `HTTP ${res.status}`);
    return data;
  }
}

function status(text: string): void {
  $('status').textContent = text;
}

// ---------------------------------------------------------------------------------------------
// Scene

/** True when WebGL runs on the CPU (SwiftShader, llvmpipe): no multisampling, one pixel per pixel. */
function softwareWebGl(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const name = info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  return /swiftshader|llvmpipe|software/i.test(name);
}

const canvasHost = $('scene');
const software = softwareWebGl();
const renderer = new THREE.WebGLRenderer({ antialias: !software });
renderer.setPixelRatio(software ? 1 : Math.min(window.devicePixelRatio, 2));
canvasHost.appendChild(renderer.domElement);
const scene = new THREE.Scene();
scene.background = new THREE.Color(0x0d1117);
const camera = new THREE.PerspectiveCamera(50, 1, 1, 20_000);
camera.position.set(WORLD * 0.9, WORLD * 0.8, WORLD * 1.1);
const controls = new OrbitControls(camera, renderer.domElement);
controls.target.set(0, 0, 0);
controls.enableDamping = true;
// Never below the ground: every box shows its top (see chooseFaces).
controls.maxPolarAngle = Math.PI / 2 - 0.05;
/** A frame is drawn only when something changed: the camera, the files, the window. */
let dirty = true;
controls.addEventListener('change', () => {
  dirty = true;
  facesStale = true;
});

function resize(): void {
  const { clientWidth, clientHeight } = canvasHost;
  renderer.setSize(clientWidth, clientHeight, false);
  camera.aspect = clientWidth / Math.max(1, clientHeight);
  camera.updateProjectionMatrix();
  dirty = true;
}
window.addEventListener('resize', resize);

let files: FileBox[] = [];
let fileMesh: THREE.Mesh<THREE.BufferGeometry, THREE.RawShaderMaterial> | undefined;
const byPath = new Map<string, number>();
const scratchColor = new THREE.Color();
const WHITE = new THREE.Color(0xffffff);
const DIM = new THREE.Color(0x30363d);

// Every file box is part of one merged, indexed mesh: five faces (the top and four sides; the
// bottom is never seen), four vertices each. Software WebGL (SwiftShader, llvmpipe: what a
// machine without a GPU draws with) spends a frame on vertex work, and an InstancedMesh runs the
// vertex shader on 24 vertices and an instance matrix per box: 7,000 instanced boxes took
// 206 ms a frame there, the same boxes merged 96 ms (headless Chromium, 1280x800).

/** A face of the unit box (x and z in -0.5..0.5, y in 0..1): its normal and its corners, counter-clockwise seen from outside. */
interface BoxFace {
  normal: readonly [number, number, number];
  corners: readonly (readonly [number, number, number])[];
}

const BOX_FACES: readonly BoxFace[] = [
  { normal: [0, 1, 0], corners: [[-0.5, 1, -0.5], [-0.5, 1, 0.5], [0.5, 1, 0.5], [0.5, 1, -0.5]] },
  { normal: [1, 0, 0], corners: [[0.5, 0, 0.5], [0.5, 0, -0.5], [0.5, 1, -0.5], [0.5, 1, 0.5]] },
  { normal: [-1, 0, 0], corners: [[-0.5, 0, -0.5], [-0.5, 0, 0.5], [-0.5, 1, 0.5], [-0.5, 1, -0.5]] },
  { normal: [0, 0, 1], corners: [[-0.5, 0, 0.5], [0.5, 0, 0.5], [0.5, 1, 0.5], [-0.5, 1, 0.5]] },
  { normal: [0, 0, -1], corners: [[0.5, 0, -0.5], [-0.5, 0, -0.5], [-0.5, 1, -0.5], [0.5, 1, -0.5]] },
];
// The light is baked into the vertex colours, per face, and the shaders only place vertices and
// pass colours on: three's Lambert material lit every fragment of 140,000 vertices' triangles,
// half of a frame on software WebGL (a frame of 6,900 boxes: ~100 ms lit, ~50 ms baked,
// SwiftShader at 1280x800). The figures below are the light three's Lambert gave the same scene:
// a sky-and-ground hemisphere light and a sun, both of intensity 1.1 (BRDF_Lambert divides by π).
const SKY = new THREE.Color(0xffffff);
const GROUND = new THREE.Color(0x223344);
const SUN_DIRECTION = new THREE.Vector3(600, 1200, 400).normalize();
const LIGHT_INTENSITY = 1.1;

/** What each face of a box reflects of its colour, per channel (linear). */
const FACE_LIGHT: readonly THREE.Color[] = BOX_FACES.map((face) => {
  const normal = new THREE.Vector3(...face.normal);
  const sky = GROUND.clone().lerp(SKY, 0.5 * normal.y + 0.5).multiplyScalar(LIGHT_INTENSITY);
  return sky.addScalar(Math.max(0, normal.dot(SUN_DIRECTION)) * LIGHT_INTENSITY).multiplyScalar(1 / Math.PI);
});

/**
 * Places vertices and passes their lit colours on, encoded as sRGB per vertex (the sRGB curve of
 * three's output: linear below 0.0031308, else 1.055·c^(1/2.4) − 0.055); nothing per fragment.
 * The encoding is here, not in paintBox: three Math.pow per face and frame cost ~2 ms of JS.
 */
const BAKED_MATERIAL = new THREE.RawShaderMaterial({
  vertexShader: `
    precision highp float;
    uniform mat4 modelViewMatrix;
    uniform mat4 projectionMatrix;
    attribute vec3 position;
    attribute vec3 color;
    varying vec3 vColor;
    void main() {
      vColor = mix(color * 12.92, 1.055 * pow(color, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), color));
      gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
    }`,
  fragmentShader: `
    precision mediump float;
    varying vec3 vColor;
    void main() {
      gl_FragColor = vec4(vColor, 1.0);
    }`,
});

const VERTICES_PER_BOX = BOX_FACES.length * 4;
const TRIANGLES_PER_BOX = BOX_FACES.length * 2;
/** Height of a file box's bottom above the ground (over the directory plates). */
const FILE_BASE = 3.5;

/**
 * Geometry for `count` boxes: static triangles, positions and colours written by placeBox()
 * and paintBox() (all zero until then: every box a point, drawn as nothing).
 */
function boxesGeometry(count: number, radius: number): THREE.BufferGeometry {
  const triangles = new Uint32Array(count * TRIANGLES_PER_BOX * 3);
  for (let b = 0; b < count; b++) {
    BOX_FACES.forEach((_face, f) => {
      const v = b * VERTICES_PER_BOX + f * 4;
      triangles.set([v, v + 1, v + 2, v, v + 2, v + 3], (b * TRIANGLES_PER_BOX + f * 2) * 3);
    });
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setIndex(new THREE.BufferAttribute(triangles, 1));
  geometry.setAttribute('position', new THREE.BufferAttribute(new Float32Array(count * VERTICES_PER_BOX * 3), 3).setUsage(THREE.DynamicDrawUsage));
  geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(count * VERTICES_PER_BOX * 3), 3).setUsage(THREE.DynamicDrawUsage));
  // Fixed bounds (the boxes grow and shrink; three would otherwise keep the first frame's).
  geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(0, 0, 0), radius);
  return geometry;
}

/** Writes the vertices of box `k`: footprint centre (x, z), size (w, d), bottom y and height h (world units); h = 0 hides it. */
function placeBox(positions: Float32Array, k: number, x: number, z: number, w: number, d: number, y: number, h: number): void {
  let o = k * VERTICES_PER_BOX * 3;
  for (const face of BOX_FACES) {
    for (const [cx, cy, cz] of face.corners) {
      positions[o++] = h === 0 ? x : x + cx * w;
      positions[o++] = y + cy * h;
      positions[o++] = h === 0 ? z : z + cz * d;
    }
  }
}

const lit = new THREE.Color();

/** Paints box `k` in `colour` (linear, as THREE.Color keeps it), each face lit (FACE_LIGHT); the shader encodes it. */
function paintBox(colours: Float32Array, k: number, colour: THREE.Color): void {
  let o = k * VERTICES_PER_BOX * 3;
  for (let f = 0; f < BOX_FACES.length; f++) {
    lit.copy(colour).multiply(FACE_LIGHT[f]!);
    for (let c = 0; c < 4; c++) {
      colours[o++] = lit.r;
      colours[o++] = lit.g;
      colours[o++] = lit.b;
    }
  }
}

/**
 * Which triangles of the file mesh are drawn: of each box that exists now, its top and the sides
 * that face the camera (at most two of four). The rest would be culled as back faces, but only
 * after their vertices were shaded, which is the cost on software WebGL. Rebuilt when the boxes
 * or the camera change.
 */
let facesStale = true;
const visibleBoxes: boolean[] = [];
// Which boxes are slivers depends on the canvas's size.
window.addEventListener('resize', () => {
  facesStale = true;
});

function chooseFaces(): void {
  if (!fileMesh) return;
  const index = fileMesh.geometry.getIndex()!;
  const triangles = index.array as Uint32Array;
  const eye = camera.position;
  let n = 0;
  const face = (k: number, f: number) => {
    const v = k * VERTICES_PER_BOX + f * 4;
    triangles[n++] = v;
    triangles[n++] = v + 1;
    triangles[n++] = v + 2;
    triangles[n++] = v;
    triangles[n++] = v + 2;
    triangles[n++] = v + 3;
  };
  // Screen pixels per world unit at distance 1 (a vertical field of view).
  const pixelsPerUnit = renderer.domElement.height / 2 / Math.tan(THREE.MathUtils.degToRad(camera.fov / 2));
  for (let k = 0; k < files.length; k++) {
    if (!visibleBoxes[k]) continue;
    const f = files[k]!;
    const dx = eye.x - f.x;
    const dz = eye.z - f.z;
    // A box less than a pixel across is a sliver on screen: its side that faces the camera most
    // draws it (most boxes of a large repository, and 0.7 % of the pixels differ from drawing
    // all three faces; measured on a standalone copy of the scene).
    if (Math.sqrt(f.w * f.d) * pixelsPerUnit < Math.hypot(dx, eye.y - FILE_BASE - f.h / 2, dz)) {
      face(k, Math.abs(dx) * f.d > Math.abs(dz) * f.w ? (dx > 0 ? 1 : 2) : dz > 0 ? 3 : 4);
      continue;
    }
    face(k, 0); // the top: the camera never goes below the ground
    if (eye.x > f.x + f.w / 2) face(k, 1);
    else if (eye.x < f.x - f.w / 2) face(k, 2);
    if (eye.z > f.z + f.d / 2) face(k, 3);
    else if (eye.z < f.z - f.d / 2) face(k, 4);
  }
  fileMesh.geometry.setDrawRange(0, n);
  index.clearUpdateRanges();
  index.addUpdateRange(0, n);
  index.needsUpdate = true;
  facesStale = false;
}

/** Deterministic colour for a language linguist gave none. */
function colourOf(language: string | null, colours: Record<string, string>): THREE.Color {
  if (!language) return new THREE.Color(0x8b949e);
  const known = colours[language];
  if (known) return new THREE.Color(known);
  let hash = 0;
  for (const ch of language) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return new THREE.Color().setHSL(((hash >>> 0) % 360) / 360, 0.55, 0.55);
}

/** Lays out every path the page may show (the head's files and those the history touched). */
let plateMesh: THREE.Mesh | undefined;

/**
 * Lays the city out: a treemap of every path the head and the timeline name (so a file that came
 * and went has its place). Called again, it replaces the meshes of the previous layout.
 */
function layout(nodes: TreeNode[], timeline: TimelineEntry[], colours: Record<string, string>): void {
  for (const old of [plateMesh, fileMesh]) {
    if (!old) continue;
    scene.remove(old);
    old.geometry.dispose();
  }
  byPath.clear();
  visibleBoxes.length = 0;
  facesStale = true;
  const headFiles = new Map(nodes.filter((n) => n.type === 'file').map((n) => [n.path, n]));
  const changes = new Map<string, number>();
  const touch = (p: string) => changes.set(p, (changes.get(p) ?? 0) + 1);
  for (const c of timeline) {
    for (const p of [...c.added, ...c.modified, ...c.deleted]) touch(p);
    for (const r of c.renamed) {
      touch(r.from);
      touch(r.to);
    }
  }
  const paths = new Set([...headFiles.keys(), ...changes.keys()]);
  interface Item {
    name: string;
    path: string;
    children?: Item[];
    size?: number;
  }
  const rootItem: Item = { name: '', path: '', children: [] };
  const dirs = new Map<string, Item>([['', rootItem]]);
  const dirOf = (p: string): Item => {
    let item = dirs.get(p);
    if (item) return item;
    const i = p.lastIndexOf('/');
    const parent = dirOf(i < 0 ? '' : p.slice(0, i));
    item = { name: p.slice(i + 1), path: p, children: [] };
    parent.children!.push(item);
    dirs.set(p, item);
    return item;
  };
  for (const p of paths) {
    const i = p.lastIndexOf('/');
    const size = Math.max(200, headFiles.get(p)?.bytes ?? 600);
    dirOf(i < 0 ? '' : p.slice(0, i)).children!.push({ name: p.slice(i + 1), path: p, size });
  }
  const tree = hierarchy<Item>(rootItem, (d) => d.children)
    .sum((d) => d.size ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  // Padding in proportion to each folder's size (at most 4, 6 and 2 units): fixed padding ate
  // the small folders of a large repository whole (on a 4,800-file history, 1,290 files got
  // cells under half a unit, invisible and unclickable, and files had 34 % of the ground; scaled,
  // none and 66 %).
  const side = (n: HierarchyRectangularNode<Item>) => Math.min(n.x1 - n.x0, n.y1 - n.y0);
  const laid = treemap<Item>()
    .tile(treemapSquarify)
    .size([WORLD, WORLD])
    .paddingOuter((n) => Math.min(4, side(n) * 0.03))
    .paddingTop((n) => Math.min(6, side(n) * 0.05))
    .paddingInner((n) => Math.min(2, side(n) * 0.01))(tree);

  // Directories: thin plates, lighter as they nest.
  const dirNodes = laid.descendants().filter((n) => n.children);
  const plateGeometry = boxesGeometry(dirNodes.length, Math.hypot(WORLD / 2, WORLD / 2, FILE_BASE));
  const plateXyz = plateGeometry.getAttribute('position').array as Float32Array;
  const plateRgb = plateGeometry.getAttribute('color').array as Float32Array;
  const plateColour = new THREE.Color();
  dirNodes.forEach((n: HierarchyRectangularNode<Item>, i) => {
    const w = n.x1 - n.x0;
    const d = n.y1 - n.y0;
    placeBox(plateXyz, i, n.x0 + w / 2 - WORLD / 2, n.y0 + d / 2 - WORLD / 2, w, d, n.depth * 1.5 - 0.5, 1);
    paintBox(plateRgb, i, plateColour.setHSL(0.6, 0.08, 0.12 + Math.min(n.depth, 8) * 0.035));
  });
  plateMesh = new THREE.Mesh(plateGeometry, BAKED_MATERIAL);
  scene.add(plateMesh);

  // A file gone by the head has no language of its own: it takes the one the head's files of its
  // extension have most often (a .py that came and went is Python, not grey).
  const extOf = (p: string) => {
    const name = p.slice(p.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(dot).toLowerCase() : name;
  };
  const votes = new Map<string, Map<string, number>>();
  for (const n of headFiles.values()) {
    if (!n.language) continue;
    const counts = votes.get(extOf(n.path)) ?? new Map<string, number>();
    counts.set(n.language, (counts.get(n.language) ?? 0) + 1);
    votes.set(extOf(n.path), counts);
  }
  const languageByExt = new Map([...votes].map(([ext, counts]) => [ext, [...counts].sort((a, b) => b[1] - a[1])[0]![0]]));
  files = laid.leaves().map((n) => {
    const node = headFiles.get(n.data.path);
    const w = Math.max(0.5, (n.x1 - n.x0) * 0.9);
    const d = Math.max(0.5, (n.y1 - n.y0) * 0.9);
    return {
      path: n.data.path,
      node,
      x: (n.x0 + n.x1) / 2 - WORLD / 2,
      z: (n.y0 + n.y1) / 2 - WORLD / 2,
      w,
      d,
      h: 4 + 36 * Math.log10((node?.lines ?? 10) + 1),
      color: colourOf(node ? node.language : (languageByExt.get(extOf(n.data.path)) ?? null), colours),
      totalChanges: changes.get(n.data.path) ?? 0,
    };
  });
  files.forEach((f, i) => byPath.set(f.path, i));
  const tallest = files.reduce((m, f) => Math.max(m, f.h), 0);
  fileMesh = new THREE.Mesh(boxesGeometry(files.length, Math.hypot(WORLD / 2, WORLD / 2, FILE_BASE + tallest)), BAKED_MATERIAL);
  fileMesh.frustumCulled = false;
  scene.add(fileMesh);
}

// ---------------------------------------------------------------------------------------------
// Time: the state of every file after commit `index` of the timeline (-1: before the first).

let timeline: TimelineEntry[] = [];
let timelineTotal = 0;
let index = -1;
let atHead = true;
let exists: boolean[] = [];
let changeCount: number[] = [];
let lastTouched: number[] = [];
let search = '';
let selected = -1;

/**
 * Which files exist before the first commit read: those whose first change in the timeline is
 * not an addition (the history read starts later: max_commits cut it), and head files the
 * timeline never touches.
 */
function presentAtStart(): boolean[] {
  const first = new Map<string, 'added' | 'other'>();
  const note = (p: string, kind: 'added' | 'other') => {
    if (!first.has(p)) first.set(p, kind);
  };
  for (const c of timeline) {
    for (const p of c.added) note(p, 'added');
    for (const r of c.renamed) {
      note(r.to, 'added');
      note(r.from, 'other');
    }
    for (const p of [...c.modified, ...c.deleted]) note(p, 'other');
  }
  return files.map((f) => {
    const kind = first.get(f.path);
    return kind === undefined ? Boolean(f.node) : kind === 'other';
  });
}

let startState: boolean[] = [];

function resetTo(target: number): void {
  exists = startState.slice();
  changeCount = files.map(() => 0);
  lastTouched = files.map(() => -1_000_000);
  index = -1;
  for (let i = 0; i <= target && i < timeline.length; i++) apply(i);
}

function apply(i: number): void {
  const c = timeline[i]!;
  const mark = (p: string, present: boolean) => {
    const k = byPath.get(p);
    if (k === undefined) return;
    exists[k] = present;
    changeCount[k] = (changeCount[k] ?? 0) + 1;
    lastTouched[k] = i;
  };
  for (const p of c.added) mark(p, true);
  for (const p of c.modified) mark(p, true);
  for (const p of c.deleted) mark(p, false);
  for (const r of c.renamed) {
    mark(r.from, false);
    mark(r.to, true);
  }
  index = i;
}

function draw(): void {
  if (!fileMesh) return;
  const needle = search.toLowerCase();
  const positions = fileMesh.geometry.getAttribute('position') as THREE.BufferAttribute;
  const colours = fileMesh.geometry.getAttribute('color') as THREE.BufferAttribute;
  const xyz = positions.array as Float32Array;
  const rgb = colours.array as Float32Array;
  for (let k = 0; k < files.length; k++) {
    const f = files[k]!;
    const visible = atHead ? Boolean(f.node) : Boolean(exists[k]);
    if (visible !== visibleBoxes[k]) {
      visibleBoxes[k] = visible;
      facesStale = true;
    }
    if (!visible) {
      placeBox(xyz, k, f.x, f.z, 0, 0, 0, 0);
      continue;
    }
    const growth = atHead || f.totalChanges === 0 ? 1 : 0.25 + 0.75 * Math.min(1, (changeCount[k] ?? 0) / f.totalChanges);
    placeBox(xyz, k, f.x, f.z, f.w, f.d, FILE_BASE, f.h * growth);
    scratchColor.copy(f.color);
    const age = index - (lastTouched[k] ?? -1_000_000);
    if (!atHead && age >= 0 && age < GLOW_COMMITS) scratchColor.lerp(WHITE, 0.45 * (1 - age / GLOW_COMMITS));
    if (needle && !f.path.toLowerCase().includes(needle)) scratchColor.lerp(DIM, 0.85);
    if (k === selected) scratchColor.lerp(WHITE, 0.5);
    paintBox(rgb, k, scratchColor);
  }
  positions.needsUpdate = true;
  colours.needsUpdate = true;
  if (facesStale) chooseFaces();
  dirty = true;
}

// ---------------------------------------------------------------------------------------------
// Playback

let playing = false;
let speed = 20; // commits per second
let carry = 0;
const scrub = $<HTMLInputElement>('scrub');

let headSha = '';

function showCommit(): void {
  // At the head before the last page has come: the head commit is not among the loaded ones.
  const headUnloaded = atHead && timeline.length < timelineTotal;
  const c = headUnloaded ? undefined : atHead ? timeline[timeline.length - 1] : timeline[index];
  $('commit-sha').textContent = c ? c.sha.slice(0, 12) : headUnloaded && headSha ? headSha.slice(0, 12) : '—';
  $('commit-author').textContent = c ? c.author : '';
  $('commit-date').textContent = c ? new Date(c.timestamp).toISOString().slice(0, 16).replace('T', ' ') : '';
  $('commit-message').textContent = c ? c.message : atHead ? `head (history loading: ${timeline.length.toLocaleString('en')} commits so far)` : 'before the first commit';
  $('commit-position').textContent = `${atHead ? timelineTotal : index + 1} / ${timelineTotal}`;
  scrub.value = String(atHead ? Number(scrub.max) : index);
}

function setPlaying(on: boolean): void {
  playing = on;
  $('play').textContent = on ? 'Pause' : 'Play';
  if (on && (atHead || index >= timeline.length - 1)) {
    atHead = false;
    resetTo(-1);
  }
}

$('play').addEventListener('click', () => setPlaying(!playing));
$<HTMLSelectElement>('speed').addEventListener('change', (e) => {
  speed = Number((e.target as HTMLSelectElement).value);
});
scrub.addEventListener('input', () => {
  atHead = false;
  resetTo(Number(scrub.value));
  draw();
  showCommit();
});
$('commit-sha').addEventListener('click', () => {
  const c = timeline[atHead ? timeline.length - 1 : index];
  if (c) void showCommitDetails(c);
});
$<HTMLInputElement>('search').addEventListener('input', (e) => {
  search = (e.target as HTMLInputElement).value.trim();
  draw();
  const match = search ? files.findIndex((f) => f.path.toLowerCase().includes(search.toLowerCase())) : -1;
  if (match >= 0) {
    // The camera moves with its target, keeping its angle and distance: the city stays in view.
    const f = files[match]!;
    const offset = camera.position.clone().sub(controls.target);
    controls.target.set(f.x, 0, f.z);
    camera.position.copy(controls.target).add(offset);
  }
});

// ---------------------------------------------------------------------------------------------
// Details: click a file or the current commit.

const raycaster = new THREE.Raycaster();
const pointer = new THREE.Vector2();
// A drag (to orbit) ends in a click event too: only a press and release in one place selects.
const pressedAt = { x: 0, y: 0 };
renderer.domElement.addEventListener('pointerdown', (event) => {
  pressedAt.x = event.clientX;
  pressedAt.y = event.clientY;
});
renderer.domElement.addEventListener('click', (event) => {
  if (!fileMesh) return;
  if (Math.hypot(event.clientX - pressedAt.x, event.clientY - pressedAt.y) > 5) return;
  const rect = renderer.domElement.getBoundingClientRect();
  pointer.set(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
  raycaster.setFromCamera(pointer, camera);
  const hit = raycaster.intersectObject(fileMesh)[0];
  if (!hit?.face) return;
  selected = Math.floor(hit.face.a / VERTICES_PER_BOX);
  draw();
  void showFileDetails(files[selected]!);
});

function detailRow(list: HTMLElement, label: string, value: string): void {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

async function showComments(sha: string | null, into: HTMLElement): Promise<void> {
  into.textContent = '';
  if (!sha) return;
  try {
    const page = await api<{ comments: { author: string; content: string; created_at: string }[] }>(`/v1/visualize/${visualizationId}/comments?commit_sha=${sha}&limit=20`);
    if (page.comments.length === 0) into.textContent = 'No comments on this commit.';
    for (const c of page.comments) {
      const item = document.createElement('li');
      const who = document.createElement('strong');
      who.textContent = `${c.author}: `;
      item.append(who, document.createTextNode(c.content));
      into.append(item);
    }
  } catch (err) {
    into.textContent = `Comments could not be read: ${(err as Error).message}`;
  }
}

async function showFileDetails(f: FileBox): Promise<void> {
  const panel = $('details');
  panel.hidden = false;
  $('details-title').textContent = f.path;
  const list = $('details-list');
  list.textContent = '';
  detailRow(list, 'Language', f.node?.language ?? '—');
  detailRow(list, 'Lines', f.node ? (f.node.lines === null ? 'binary' : String(f.node.lines)) : 'not in the head');
  detailRow(list, 'Bytes', f.node ? String(f.node.bytes) : '—');
  detailRow(list, 'First commit', f.node?.first_commit?.slice(0, 12) ?? '—');
  detailRow(list, 'Last commit', f.node?.last_commit?.slice(0, 12) ?? '—');
  detailRow(list, 'Changes', String(f.totalChanges));
  await showComments(f.node?.last_commit ?? null, $('details-comments'));
}

async function showCommitDetails(c: TimelineEntry): Promise<void> {
  const panel = $('details');
  panel.hidden = false;
  $('details-title').textContent = `${c.sha.slice(0, 12)} ${c.message}`;
  const list = $('details-list');
  list.textContent = '';
  detailRow(list, 'Author', `${c.author} <${c.author_email}>`);
  detailRow(list, 'Date', c.timestamp);
  detailRow(list, 'Added', c.added.join(', ') || '—');
  detailRow(list, 'Modified', c.modified.join(', ') || '—');
  detailRow(list, 'Deleted', c.deleted.join(', ') || '—');
  detailRow(list, 'Renamed', c.renamed.map((r) => `${r.from} → ${r.to}`).join(', ') || '—');
  await showComments(c.sha, $('details-comments'));
}
$('top-view').addEventListener('click', () => {
  camera.position.set(controls.target.x, WORLD * 1.6, controls.target.z + 0.01);
  controls.update();
});
$('details-close').addEventListener('click', () => {
  $('details').hidden = true;
  selected = -1;
  draw();
});

// ---------------------------------------------------------------------------------------------
// The loop, and what tests and the benchmark read.

/** Frames drawn, and the time spent drawing them (ms): what tests and the benchmark read. */
let frames = 0;
let renderMs = 0;
let last = performance.now();
function frame(now: number): void {
  const dt = Math.min(0.25, (now - last) / 1000);
  last = now;
  if (playing) {
    carry += dt * speed;
    let steps = Math.floor(carry);
    carry -= steps;
    while (steps-- > 0 && index < timeline.length - 1) apply(index + 1);
    // The end of the history (every page loaded): playback stops on the last commit.
    if (index >= timeline.length - 1 && timeline.length >= timelineTotal) setPlaying(false);
    draw();
    showCommit();
  }
  controls.update();
  if (dirty) {
    dirty = false;
    if (facesStale) chooseFaces();
    const t0 = performance.now();
    renderer.render(scene, camera);
    renderMs += performance.now() - t0;
    frames++;
  }
  requestAnimationFrame(frame);
}

declare global {
  interface Window {
    codexViz?: {
      frames(): number;
      /** Milliseconds spent in renderer.render so far (all frames). */
      renderMs(): number;
      /** Draws `n` frames in a row now and answers the mean time of one (ms). */
      frameCost(n: number): number;
      state(): { index: number; atHead: boolean; playing: boolean; loaded: number; total: number; files: number };
      /** Where a file's box is on screen (CSS pixels), to click it. */
      screenPositionOf(path: string): { x: number; y: number } | null;
      /** Distinct colours among sampled pixels of a fresh frame (a blank canvas has one). */
      colourCount(): number;
    };
  }
}

window.codexViz = {
  frames: () => frames,
  renderMs: () => renderMs,
  frameCost: (n) => {
    const gl = renderer.getContext();
    const pixel = new Uint8Array(4);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      renderer.render(scene, camera);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel); // waits for the frame to finish
    }
    return (performance.now() - t0) / n;
  },
  state: () => ({ index, atHead, playing, loaded: timeline.length, total: timelineTotal, files: files.length }),
  screenPositionOf: (path) => {
    const k = byPath.get(path);
    if (k === undefined) return null;
    const f = files[k]!;
    const v = new THREE.Vector3(f.x, FILE_BASE + f.h / 2, f.z).project(camera);
    const rect = renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  },
  colourCount: () => {
    renderer.render(scene, camera);
    const gl = renderer.getContext();
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const pixel = new Uint8Array(4);
    const seen = new Set<number>();
    for (let i = 1; i < 16; i++) {
      for (let j = 1; j < 16; j++) {
        gl.readPixels(Math.floor((w * i) / 16), Math.floor((h * j) / 16), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        seen.add((pixel[0]! << 16) | (pixel[1]! << 8) | pixel[2]!);
      }
    }
    return seen.size;
  },
};

// ---------------------------------------------------------------------------------------------
// Loading

function legend(languages: Record<string, number>, colours: Record<string, string>): void {
  const list = $('legend');
  list.textContent = '';
  for (const [language, percent] of Object.entries(languages).sort((a, b) => b[1] - a[1])) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = `#${colourOf(language, colours).getHexString()}`;
    item.append(swatch, document.createTextNode(`${language} ${percent}%`));
    list.append(item);
  }
}

/** A page with nothing to show (a failed or cancelled visualization): no controls that do nothing. */
function noData(message: string): void {
  body.classList.add('no-data');
  for (const id of ['play', 'speed', 'scrub', 'search', 'top-view']) $<HTMLInputElement>(id).disabled = true;
  $('commit-message').textContent = '';
  $('commit-sha').textContent = '';
  status(message);
}

async function load(): Promise<void> {
  let view = await api<View>(`/v1/visualize/${visualizationId}?timeline_limit=${TIMELINE_FIRST_PAGE}`);
  while (view.status === 'processing') {
    status('Analysing the repository…');
    await new Promise((r) => setTimeout(r, 2000));
    view = await api<View>(`/v1/visualize/${visualizationId}?timeline_limit=${TIMELINE_FIRST_PAGE}`);
  }
  $('title').textContent = `${view.repository}${view.branch ? ` · ${view.branch}` : ''}`;
  if (view.status !== 'completed' || !view.data || !view.stats) {
    noData(`This visualization ${view.status}${view.error ? `: ${view.error.message}` : ''}`);
    return;
  }
  headSha = view.head_sha ?? '';
  const nodes = view.data.nodes;
  const s = view.stats;
  const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  $('stats').textContent =
    `${count(s.total_commits, 'commit', 'commits')} · ${count(s.total_files, 'file', 'files')} · ${count(s.total_contributors, 'contributor', 'contributors')} · ` +
    `${count(s.lines_of_code, 'line', 'lines')}${s.truncated ? ` · the newest ${s.commits_analysed.toLocaleString('en')} commits read` : ''}`;
  const colours = view.data.language_colors ?? {};
  legend(s.languages, colours);
  timeline = view.data.timeline;
  timelineTotal = view.data.timeline_total;
  // Further pages of the history, in the background: playback can start at once.
  let more = view.data.timeline_has_more;
  const fetchRest = async () => {
    while (more) {
      const page = await api<View>(`/v1/visualize/${visualizationId}?timeline_offset=${timeline.length}&timeline_limit=${TIMELINE_PAGE}&timeline_only=true`);
      timeline.push(...(page.data?.timeline ?? []));
      more = Boolean(page.data?.timeline_has_more) && (page.data?.timeline.length ?? 0) > 0;
      scrub.max = String(Math.max(0, timeline.length - 1));
      showCommit();
    }
  };
  // Read a short history whole before the first picture; a long one comes in the background.
  if (timelineTotal <= TIMELINE_FIRST_PAGE + TIMELINE_PAGE) await fetchRest();
  const place = () => {
    layout(nodes, timeline, colours);
    startState = presentAtStart();
    resetTo(atHead ? timeline.length - 1 : index);
    draw();
    showCommit();
  };
  place();
  scrub.max = String(Math.max(0, timeline.length - 1));
  status('');
  if (!more) return;
  try {
    await fetchRest();
  } catch (err) {
    timelineTotal = timeline.length; // playback ends where the history does
    status(`The history stopped loading at ${timeline.length.toLocaleString('en')} commits: ${(err as Error).message}`);
    return;
  }
  // Paths of the later pages that the first layout did not have (files that came and went):
  // lay the city out again, once, so they appear in their turn.
  const placed = new Set(files.map((f) => f.path));
  const missing = timeline.some((c) => [...c.added, ...c.modified, ...c.deleted, ...c.renamed.flatMap((r) => [r.from, r.to])].some((p) => !placed.has(p)));
  if (missing) place();
}

function askForToken(): void {
  const form = $<HTMLFormElement>('token-form');
  form.hidden = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('codex_access_token', $<HTMLInputElement>('token-input').value.trim());
    form.hidden = true;
    start();
  });
}

function start(): void {
  load().catch((err: unknown) => {
    status(`Could not load the visualization: ${(err as Error).message}`);
    if (mode === 'owner') askForToken();
  });
}

resize();
requestAnimationFrame(frame);
if (mode === 'owner' && !sessionStorage.getItem('codex_access_token')) askForToken();
else start();
