/** The action: read inputs, measure, judge, report, and gate the step. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { type Logger, cancelOnSignals, checkClock } from './check.js';
import { outputsOf } from './report/outputs.js';
import { NAME, invalidInputMessage, outcomeOf } from './report/outcome.js';
import type { Place, Report } from './report/report.js';
import { renderSummary } from './report/summary.js';
import {
  type InputName,
  type Settings,
  SettingsError,
  readSettings,
} from './settings/settings.js';

const actionsLog: Logger = {
  group: (name, fn) => core.group(name, fn),
  info: (message) => core.info(message),
  debug: (message) => core.debug(message),
  warning: (message) => core.warning(message),
};

export async function run(): Promise<void> {
  // Mask the secret before anything could echo it, whichever way it arrives.
  for (const secret of [
    core.getInput('client-secret'),
    process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET,
  ]) {
    if (secret?.trim()) core.setSecret(secret.trim());
  }

  let settings: Settings;
  try {
    settings = readSettings((name: InputName) => core.getInput(name), process.env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    for (const problem of error.problems)
      core.error(problem, { title: `${NAME}: invalid input` });
    core.setOutput('risk', 'unknown');
    await writeSummary(
      `## ⚪ Genesys clock check: not run\n\nThe inputs are invalid:\n\n${error.problems.map((p) => `- ${p}`).join('\n')}\n`,
    );
    core.setFailed(invalidInputMessage(error.problems));
    return;
  }

  const report = await checkClock(settings, {
    log: actionsLog,
    onSecret: (value) => core.setSecret(value),
    place: place(),
    cancel: cancelOnSignals(),
  });
  // A report that cannot be written must not cost the verdict, the outputs or the summary.
  const reportFile = await writeReport(report).catch((error: unknown) => {
    core.warning(
      `The JSON report could not be written under RUNNER_TEMP (${error instanceof Error ? error.message : error}); the outputs and summary carry the result.`,
    );
    return '';
  });
  for (const [name, value] of Object.entries(outputsOf(report, reportFile)))
    core.setOutput(name, value);
  await writeSummary(renderSummary(report));
  gate(report, settings);
}

/** Annotates the verdict and fails the step when it reaches `fail-on`. */
function gate(report: Report, settings: Settings): void {
  const outcome = outcomeOf(report, settings);
  if (outcome.kind === 'error') {
    if (settings.failOnError) core.setFailed(outcome.message);
    else core.warning(`${outcome.message} (not failing: fail-on-error is false)`);
  } else if (outcome.kind === 'fail') {
    core.setFailed(outcome.message);
  } else {
    const title = `${NAME}: ${report.risk} risk`;
    if (report.risk === 'low') core.notice(report.headline, { title });
    else core.warning(report.headline, { title });
  }
}

function place(): Place {
  const ctx = github.context;
  return {
    runner: {
      name: process.env.RUNNER_NAME ?? os.hostname(),
      os: process.env.RUNNER_OS ?? os.platform(),
      arch: process.env.RUNNER_ARCH ?? os.arch(),
    },
    repository: process.env.GITHUB_REPOSITORY ? `${ctx.repo.owner}/${ctx.repo.repo}` : '',
    workflow: ctx.workflow ?? '',
    runId: ctx.runId ? String(ctx.runId) : '',
    job: ctx.job ?? '',
  };
}

async function writeReport(report: Report): Promise<string> {
  const dir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), NAME);
  await mkdir(dir, { recursive: true });
  const stamp = report.checkedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `report-${report.place.runId || 'local'}-${stamp}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info(markdown);
    return;
  }
  await core.summary.addRaw(markdown).write();
}
