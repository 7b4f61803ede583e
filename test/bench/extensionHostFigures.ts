import type { FloorResult } from './coldListing/bareNodeFloor';
import { coldListingFigures } from './coldListing/coldListingFigures';
import { CONNECT_TARGET_RATIO } from './connect';
import { ms, PartResult, signedMs, times, verdict, type Figure } from './figures';
import type { ConnectHostResult, HostResults, RenderingResult, RequestCountResult } from './hostResults';
import { median, round, roundAll } from './stats';

export const ACTIVATE_TARGET_MS = 5;
export const RENDERING_TARGET_MS = 50;

/** The rows for what the extension host measured, over every launch. */
export function extensionHostFigures(launches: readonly HostResults[], floors: readonly FloorResult[], clicks: readonly number[]): PartResult {
  const rendering = launches.map((l) => l.rendering).filter((r): r is RenderingResult => r !== undefined);
  const requests = launches.map((l) => l.requests).filter((r): r is RequestCountResult => r !== undefined);
  const connect = launches.map((l) => l.connect).filter((r): r is ConnectHostResult => r !== undefined);
  if (launches.length === 0 || rendering.length === 0 || requests.length === 0 || connect.length === 0) {
    throw new Error('no full launch of the extension host finished');
  }
  const activation = launches.map((l) => l.activation);
  const n = launches.length;
  const perLaunch = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
  const cold = coldListingFigures(
    activation.map((a) => a.coldListing),
    floors,
    clicks,
  );
  return {
    figures: [
      ...activationFigures(launches),
      ...cold.figures,
      renderingFigure(rendering),
      ...requestFigures(requests),
      ...connectHostFigures(connect),
    ],
    data: {
      coldListing: cold.data,
      launches: n,
      fullLaunches: rendering.length,
      vscodeVersion: launches[0].vscodeVersion,
      extensionHostNode: launches[0].nodeVersion,
      settleMs: roundAll(launches.map((l) => l.settleMs), 0),
      activation: {
        medianActivateMs: round(median(activation.map((a) => a.activateMs)), 4),
        medianModuleLoadMs: activation.every((a) => a.moduleLoadMs !== undefined)
          ? round(median(activation.map((a) => a.moduleLoadMs ?? 0)), 4)
          : undefined,
        medianHostActivateCallMs: round(median(activation.map((a) => a.hostActivateCallMs)), 4),
        activateMsPerLaunch: perLaunch(activation.map((a) => a.activateMs)),
        perLaunch: activation,
      },
      rendering: {
        medianWarmMs: round(median(rendering.flatMap((r) => r.warmMs)), 4),
        medianColdMs: round(median(rendering.map((r) => r.coldMs)), 4),
        medianTooltipTextMs: round(median(rendering.map((r) => r.tooltipTextMs)), 4),
        medianLocalTimeMs: round(median(rendering.map((r) => r.localTimeMs)), 4),
        perLaunch: rendering,
      },
      requests: { perLaunch: requests },
      connect: {
        medianSdkMs: round(median(connect.flatMap((c) => c.sdkMs)), 4),
        medianConnectMs: round(median(connect.flatMap((c) => c.connectMs)), 4),
        medianConnectPickMs: round(median(connect.flatMap((c) => c.connectPickMs)), 4),
        medianWorkbenchRoundTripMs: round(median(connect.flatMap((c) => c.workbenchRoundTripMs)), 4),
        perLaunch: connect.map((c) => ({
          ...c,
          sdkMs: roundAll(c.sdkMs),
          connectMs: roundAll(c.connectMs),
          connectPickMs: roundAll(c.connectPickMs),
          workbenchRoundTripMs: roundAll(c.workbenchRoundTripMs),
        })),
      },
    },
  };
}

function activationFigures(launches: readonly HostResults[]): Figure[] {
  const activation = launches.map((l) => l.activation);
  const n = activation.length;
  const perLaunch = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
  const activateSamples = activation.map((a) => a.activateMs);
  const activateMs = median(activateSamples);
  const moduleLoads = activation.map((a) => a.moduleLoadMs).filter((v): v is number => v !== undefined);
  const hostCallMs = median(activation.map((a) => a.hostActivateCallMs));
  const activateOk = activateMs <= ACTIVATE_TARGET_MS;
  const sdkLazy = activation.every((a) => !a.sdkLoadedAtActivation && !a.sdkLoadedBeforeFirstChildren && a.sdkLoadedByFirstChildren);
  const sdkEarly = activation.some((a) => a.sdkLoadedAtActivation || a.sdkLoadedBeforeFirstChildren);
  const firstChildrenMs = median(activation.map((a) => a.firstChildrenMs));
  return [
    {
      id: 'moduleLoad',
      label: 'module load (extension host)',
      value: moduleLoads.length > 0 ? ms(median(moduleLoads)) : 'not measured',
      target: '—',
      verdict: 'info',
      detail: `median of ${moduleLoads.length} launches: ${perLaunch(moduleLoads)} ms`,
    },
    {
      id: 'activate',
      label: 'activate() (extension host)',
      value: ms(activateMs),
      target: `≤ ${ms(ACTIVATE_TARGET_MS, 0)}`,
      verdict: verdict(activateOk),
      detail:
        `median of ${n} launches: ${perLaunch(activateSamples)} ms; ` +
        `the host's whole activate() call, loading the bundle included: ${ms(hostCallMs, 1)}`,
      ...(activateOk ? {} : { why: `activate() as the extension times it; the fastest launch took ${ms(Math.min(...activateSamples))}` }),
    },
    {
      id: 'sdkAtActivation',
      label: 'AWS SDK at activation',
      value: sdkLazy ? 'not loaded' : sdkEarly ? 'loaded' : 'not loaded by the tree either',
      target: 'not loaded until the tree needs it',
      verdict: verdict(sdkLazy),
      detail: `the first getChildren, which ${sdkLazy ? 'loads it, ' : ''}took ${ms(firstChildrenMs, 1)} with its first request (median)`,
      ...(sdkLazy
        ? {}
        : { why: sdkEarly ? 'the SDK was loaded before the tree asked for anything' : 'the first getChildren did not load the SDK' }),
    },
  ];
}

function renderingFigure(rendering: readonly RenderingResult[]): Figure {
  const warm = rendering.flatMap((r) => r.warmMs);
  const renderMs = median(warm);
  const coldMs = median(rendering.map((r) => r.coldMs));
  const ok = renderMs <= RENDERING_TARGET_MS;
  const rows = rendering[0].rows;
  const tooltipMs = median(rendering.map((r) => r.tooltipTextMs));
  const localTimeMs = median(rendering.map((r) => r.localTimeMs));
  return {
    id: 'rendering',
    label: `rendering ${rows.toLocaleString('en-US')} rows (getChildren + getTreeItem)`,
    value: ms(renderMs),
    target: `≤ ${ms(RENDERING_TARGET_MS, 0)}`,
    verdict: verdict(ok),
    detail: `median of ${warm.length} passes in ${rendering.length} launch${rendering.length === 1 ? '' : 'es'}; first pass ${ms(coldMs)}`,
    ...(ok
      ? {}
      : {
          why:
            `${((renderMs * 1000) / rows).toFixed(0)} µs per row; sessionTooltip alone takes ${ms(tooltipMs, 0)} for these sessions, ` +
            `the localTime calls in it (Date#toLocaleString with options) ${ms(localTimeMs, 0)}`,
        }),
  };
}

function requestFigures(requests: readonly RequestCountResult[]): Figure[] {
  const reExpand = Math.max(...requests.map((r) => r.reExpand));
  const { applications, expanded } = requests[0];
  const refreshOk = requests.every(
    (r) => r.refresh.ListApplications === 1 && r.refresh.ListSessions === expanded && r.refresh.total === 1 + expanded,
  );
  const worst = requests.reduce((a, b) => (b.refresh.total > a.refresh.total ? b : a)).refresh;
  return [
    {
      id: 'reExpandRequests',
      label: 'requests on collapse and re-expand',
      value: String(reExpand),
      target: '0',
      verdict: verdict(reExpand === 0),
      detail: `${expanded} expanded applications, one with two pages`,
      ...(reExpand === 0 ? {} : { why: 'loaded sessions were fetched again' }),
    },
    {
      id: 'refreshRequests',
      label: `requests on refresh (${expanded} of ${applications} apps expanded)`,
      value: `${worst.total}: ${worst.ListApplications} ListApplications + ${worst.ListSessions} ListSessions`,
      target: `${1 + expanded}: 1 + ${expanded} first pages`,
      verdict: verdict(refreshOk),
      ...(refreshOk ? {} : { why: "a refresh fetched more than the top level and the expanded applications' first pages" }),
    },
  ];
}

function connectHostFigures(connect: readonly ConnectHostResult[]): Figure[] {
  const sdk = median(connect.flatMap((c) => c.sdkMs));
  const command = median(connect.flatMap((c) => c.connectMs));
  const picked = median(connect.flatMap((c) => c.connectPickMs));
  const roundTrip = median(connect.flatMap((c) => c.workbenchRoundTripMs));
  const ratio = command / sdk;
  const ok = ratio <= CONNECT_TARGET_RATIO;
  const { latencyMs } = connect[0];
  const rounds = connect.reduce((n, c) => n + c.rounds, 0);
  return [
    {
      id: `connectHostRatio${latencyMs}ms`,
      label: `Connect… to SPARK_REMOTE (extension host), ${latencyMs} ms latency`,
      value: times(ratio),
      target: `≤ ${CONNECT_TARGET_RATIO.toFixed(2)}×`,
      verdict: verdict(ok),
      detail: `the command given "Use in terminals" ${ms(command)} vs one raw GetSessionEndpoint ${ms(sdk)} in the same host; medians of ${rounds}`,
      ...(ok ? {} : { why: `${signedMs(command - sdk)} per connect: the command, attaching and opening the terminal` }),
    },
    {
      id: `connectHostPickRatio${latencyMs}ms`,
      label: `Connect… through its quick pick, Enter pressed at once (extension host), ${latencyMs} ms latency`,
      value: times(picked / sdk),
      target: '—',
      verdict: 'info',
      detail: `${ms(picked)}; the pick opens while GetSessionEndpoint runs, so only the workbench's round trips beyond the call add up (an idle one: ${ms(roundTrip)}, median)`,
    },
  ];
}
