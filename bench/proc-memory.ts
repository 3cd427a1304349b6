// A process's memory as the kernel and glibc see it, for the router benches (issue 14 item 3):
// what part of a growing RSS is anonymous memory (JS heap, malloc) and what part is file-backed
// pages (the node binary's code, mapped libraries: shared and reclaimable), and how much of the
// malloc heap glibc holds free without returning it.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** Resident memory by kind, MiB (from /proc/<pid>/status). */
export type ProcMemory = { rss: number; anon: number; file: number; shmem: number };

/** Parses /proc/<pid>/status's VmRSS, RssAnon, RssFile and RssShmem lines (kB) into MiB. */
export function parseProcStatus(text: string): ProcMemory {
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN) / 1024;
  return { rss: kb("VmRSS"), anon: kb("RssAnon"), file: kb("RssFile"), shmem: kb("RssShmem") };
}

/** The process's resident memory by kind now. */
export async function procMemory(pid: number): Promise<ProcMemory> {
  return parseProcStatus(await readFile(`/proc/${pid}/status`, "utf8"));
}

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat's utime and stime (clock ticks of 1/100 s on Linux). */
export function parseProcStatCpu(stat: string): number {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The process's CPU seconds so far. */
export async function procCpuSeconds(pid: number): Promise<number> {
  return parseProcStatCpu(await readFile(`/proc/${pid}/stat`, "utf8"));
}

/** glibc's malloc heap, MiB: taken from the system by its arenas, held free in its bins, mmapped large chunks. */
export type MallocInfo = { systemMiB: number; freeMiB: number; mmapMiB: number; arenas: number };

/** Parses the totals of glibc's malloc_info(3) XML (the elements after the last per-arena <heap>). */
export function parseMallocInfo(xml: string): MallocInfo {
  const totals = xml.slice(xml.lastIndexOf("</heap>"));
  const attr = (re: RegExp) => Number(re.exec(totals)?.[1] ?? NaN) / 2 ** 20;
  return {
    systemMiB: attr(/<system type="current" size="(\d+)"/),
    freeMiB: attr(/<total type="fast" count="\d+" size="(\d+)"/) + attr(/<total type="rest" count="\d+" size="(\d+)"/),
    mmapMiB: attr(/<total type="mmap" count="\d+" size="(\d+)"/),
    arenas: (xml.match(/<heap nr=/g) ?? []).length,
  };
}

const gdb = (pid: number, commands: string[]) =>
  promisify(execFile)("gdb", ["-p", String(pid), "-batch", "-nx", ...commands.flatMap((c) => ["-ex", c])], { timeout: 60_000 });

/**
 * glibc's view of a running process's heap: gdb attaches (the process stops for a second or
 * two) and calls malloc_info into a file. Null if gdb is missing or fails (a diagnostic, not a figure to rely on).
 */
export async function mallocInfo(pid: number): Promise<MallocInfo | null> {
  const file = path.join(tmpdir(), `sealdesk-malloc-info-${pid}-${Date.now()}.xml`);
  try {
    await gdb(pid, [`set $f = (void*)fopen("${file}", "w")`, "call (int)malloc_info(0, $f)", "call (int)fclose($f)"]);
    return parseMallocInfo(await readFile(file, "utf8"));
  } catch {
    return null;
  } finally {
    await rm(file, { force: true });
  }
}

/** Asks glibc in a running process to give back what it holds free (malloc_trim(0), through gdb). False if that failed. */
export async function mallocTrim(pid: number): Promise<boolean> {
  return gdb(pid, ["call (int)malloc_trim(0)"]).then(
    () => true,
    () => false,
  );
}
