/**
 * Summary of a V8 CPU profile (the `Profiler.stop` result of the DevTools
 * protocol): the time of each function itself and with what it calls, as
 * Markdown tables.
 */

interface CallFrame {
  functionName: string;
  url: string;
  /** Line of the function's start, counting from 0. */
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Start and end of the recording, microseconds. */
  startTime: number;
  endTime: number;
  /** Node id of each sample. */
  samples?: number[];
}

/** Rows in each table. */
const TOP_FUNCTIONS = 30;

/**
 * Returns the functions with the most self time and the most total time.
 * Time is the sample count times the mean interval. Entries such as
 * `(program)` are native work of the renderer outside JavaScript (DOM,
 * layout, Blob and IPC code), `(idle)` is waiting.
 */
export function summariseProfile(profile: CpuProfile): string {
  const samples = profile.samples ?? [];
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parents.set(child, node.id);
    }
  }

  const counts = new Map<number, number>();
  for (const id of samples) {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const sampleMs =
    samples.length === 0
      ? 0
      : (profile.endTime - profile.startTime) / samples.length / 1000;

  const selfMs = new Map<string, number>();
  const totalMs = new Map<string, number>();
  for (const [id, count] of counts) {
    const node = nodes.get(id)!;
    addTo(selfMs, describeFrame(node.callFrame), count * sampleMs);

    // A recursive function counts once per sample in its total time.
    const seen = new Set<string>();
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parents.get(current)
    ) {
      const name = describeFrame(nodes.get(current)!.callFrame);
      if (!seen.has(name)) {
        seen.add(name);
        addTo(totalMs, name, count * sampleMs);
      }
    }
  }

  const recordedMs = (profile.endTime - profile.startTime) / 1000;
  return [
    `Recorded ${(recordedMs / 1000).toFixed(1)} s, ${samples.length} samples.`,
    '',
    ...formatTable('self time', selfMs),
    '',
    ...formatTable('total time', totalMs),
  ].join('\n');
}

function describeFrame(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') {
    return name;
  }
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function formatTable(title: string, times: Map<string, number>): string[] {
  const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS);
  return [
    `| function | ${title} (ms) |`,
    '| --- | ---: |',
    ...rows.map(
      ([name, ms]) => `| ${name.replaceAll('|', '\\|')} | ${ms.toFixed(0)} |`,
    ),
  ];
}
