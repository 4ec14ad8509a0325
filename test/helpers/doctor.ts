// `tavus-ten doctor --json` run through the built CLI, its report parsed, with a lookup by check id.
import { runCli, type CliOptions } from './cli.js';

export interface DoctorCheck {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  hint: string | null;
}

export interface DoctorReport {
  ok: boolean;
  mode: string;
  checks: DoctorCheck[];
}

/** Runs doctor with `baseEnv` under `options.env`; `check(id)` throws naming the ids when one is missing. */
export async function runDoctorJson(args: string[], baseEnv: Record<string, string | undefined>, options: CliOptions = {}) {
  const result = await runCli(['doctor', '--json', ...args], { ...options, env: { ...baseEnv, ...options.env } });
  const report = JSON.parse(result.stdout) as DoctorReport;
  const check = (id: string): DoctorCheck => {
    const found = report.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
    return found;
  };
  return { ...result, report, check };
}
