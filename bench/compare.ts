/**
 * Deep comparison of two parsed JSON answers: same keys, list items in the same order,
 * numbers equal within a relative tolerance (sums may be added up in another order).
 */
export const REL_TOLERANCE = 1e-9;

function numbersEqual(a: number, b: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= REL_TOLERANCE * scale || Math.abs(a - b) < 1e-12;
}

const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 120 ? `${s.slice(0, 117)}...` : s;
};

/** Every difference as `path: server X, floor Y` (at most `max`). */
export function diff(server: unknown, floor: unknown, path = "", out: string[] = [], max = 20): string[] {
  if (out.length >= max) return out;
  const at = path || "(root)";
  if (typeof server === "number" && typeof floor === "number") {
    if (!numbersEqual(server, floor)) out.push(`${at}: server ${server}, floor ${floor}`);
    return out;
  }
  if (Array.isArray(server) || Array.isArray(floor)) {
    if (!Array.isArray(server) || !Array.isArray(floor)) {
      out.push(`${at}: server ${show(server)}, floor ${show(floor)}`);
      return out;
    }
    if (server.length !== floor.length) out.push(`${at}: server has ${server.length} items, floor ${floor.length}`);
    for (let i = 0; i < Math.min(server.length, floor.length); i++) diff(server[i], floor[i], `${path}[${i}]`, out, max);
    return out;
  }
  if (server && floor && typeof server === "object" && typeof floor === "object") {
    const a = server as Record<string, unknown>;
    const b = floor as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in a)) out.push(`${p}: missing in the server's answer (floor ${show(b[k])})`);
      else if (!(k in b)) out.push(`${p}: missing in the floor's answer (server ${show(a[k])})`);
      else diff(a[k], b[k], p, out, max);
      if (out.length >= max) break;
    }
    return out;
  }
  if (server !== floor) out.push(`${at}: server ${show(server)}, floor ${show(floor)}`);
  return out;
}
