import { ms, times, verdict, type Figure } from '../figures';
import { median, round } from '../stats';
import type { FloorResult } from './bareNodeFloor';
import { CLICK_LATENCY_MS } from './clickToFirstRow';
import type { ColdListingSteps } from './requestTimeline';

/** The extension host's span from the click to the first request gone out, against the bare SDK's. */
export const COLD_LISTING_TARGET_RATIO = 1.2;

/** The steps, in the order they happen, with what each one covers. */
const STEPS: readonly { readonly key: keyof ColdListingSteps; readonly label: string }[] = [
  { key: 'sdkLoadedMs', label: 'SDK module load' },
  { key: 'clientCreatedMs', label: 'client creation' },
  { key: 'requestStartedMs', label: 'credential resolution and signing' },
  { key: 'sentMs', label: 'connect and send' },
  { key: 'firstByteMs', label: 'first byte' },
  { key: 'answeredMs', label: 'answer to rows' },
];

/** Median of each step's own duration (from the step before), over cold runs. */
export function medianSteps(runs: readonly ColdListingSteps[]): Record<string, number> {
  return Object.fromEntries(
    STEPS.map(({ key }, i) => [key, median(runs.map((r) => r[key] - (i === 0 ? 0 : r[STEPS[i - 1].key])))]),
  );
}

/**
 * The cold first listing: the extension host (one per fresh host, from the first getChildren
 * to the rows) beside a fresh bare Node process loading the same SDK build and sending the same
 * ListApplications; the ratio of the medians up to the request gone out, and the breakdown.
 */
export function coldListingFigures(
  host: readonly ColdListingSteps[],
  floor: readonly FloorResult[],
  clicks: readonly number[],
): { figures: Figure[]; data: Record<string, unknown> } {
  const bare = floor.map((f) => f.steps);
  const hostSent = median(host.map((s) => s.sentMs));
  const bareSent = median(bare.map((s) => s.sentMs));
  const ratio = hostSent / bareSent;
  const ok = ratio <= COLD_LISTING_TARGET_RATIO;
  const hostSteps = medianSteps(host);
  const bareSteps = medianSteps(bare);
  const breakdown = STEPS.map(({ key, label }) => `${label} ${hostSteps[key].toFixed(1)} / ${bareSteps[key].toFixed(1)}`).join('; ');
  const worst = STEPS.slice(0, 4).reduce((a, b) => (hostSteps[b.key] - bareSteps[b.key] > hostSteps[a.key] - bareSteps[a.key] ? b : a));
  return {
    figures: [
      {
        id: 'coldListingRatio',
        label: 'cold first listing, click to request sent (extension host)',
        value: times(ratio),
        target: `≤ ${COLD_LISTING_TARGET_RATIO.toFixed(2)}×`,
        verdict: verdict(ok),
        detail: `${ms(hostSent, 1)} vs ${ms(bareSent, 1)} in a bare Node process (same SDK build, profile and request, cold); medians of ${host.length} and ${bare.length}`,
        ...(ok ? {} : { why: `most of the difference is ${worst.label}: ${ms(hostSteps[worst.key], 1)} against ${ms(bareSteps[worst.key], 1)}` }),
      },
      {
        id: 'coldListingSteps',
        label: 'cold first listing, step by step: extension host / bare Node',
        value: `${ms(median(host.map((s) => s.answeredMs)), 1)} / ${ms(median(bare.map((s) => s.answeredMs)), 1)}`,
        target: '—',
        verdict: 'info',
        detail: `ms, medians of each step: ${breakdown}`,
      },
      ...(clicks.length > 0
        ? [
            {
              id: `clickToFirstRow${CLICK_LATENCY_MS}ms`,
              label: `click to first application row (code-server, Chromium), ${CLICK_LATENCY_MS} ms latency`,
              value: ms(median(clicks), 0),
              target: '—',
              verdict: 'info' as const,
              detail:
                `median of ${clicks.length} fresh workbenches: ${clicks.map((c) => c.toFixed(0)).join(', ')} ms, from the mouse press on the ` +
                `activity bar icon (the extension not yet active) to the row in the page`,
            },
          ]
        : []),
    ],
    data: {
      ratio: round(ratio, 4),
      medianSentMs: { host: round(hostSent, 3), bare: round(bareSent, 3) },
      medianStepMs: { host: roundValues(hostSteps), bare: roundValues(bareSteps) },
      perRun: { host, bare },
      bareNode: floor[0]?.nodeVersion,
      clickToFirstRowMs: clicks.map((c) => round(c, 1)),
      clickLatencyMs: CLICK_LATENCY_MS,
    },
  };
}

function roundValues(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, round(v, 3)]));
}
