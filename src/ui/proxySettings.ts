/**
 * VS Code's proxy settings, as the extension's requests use them (see src/model/proxyRoute.ts
 * for which proxy applies to a URL, src/aws/proxyAgents.ts for how requests go through it).
 */
import * as vscode from 'vscode';
import type { Logger } from '../model/logger';
import type { ProxyConfig } from '../model/proxyRoute';

/** The settings read here, under VS Code's `http` section. */
export const PROXY_SETTING_KEYS = ['proxy', 'proxyStrictSSL', 'noProxy'] as const;

/**
 * `http.proxy`, `http.proxyStrictSSL` and `http.noProxy` from the user (or remote machine)
 * settings, and the extension host's environment. Values a workspace sets are not read: like
 * the endpoint setting, a workspace must not send signed requests through another proxy or
 * turn off certificate checks.
 */
export function readProxyConfig(): ProxyConfig {
  const http = vscode.workspace.getConfiguration('http');
  const user = <T>(key: (typeof PROXY_SETTING_KEYS)[number]): T | undefined => {
    const inspected = http.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  };
  const proxy = user<unknown>('proxy');
  const noProxy = user<unknown>('noProxy');
  return {
    ...(typeof proxy === 'string' && proxy.trim() ? { proxySetting: proxy.trim() } : {}),
    strictSSL: user<unknown>('proxyStrictSSL') !== false,
    noProxySetting: Array.isArray(noProxy) ? noProxy.filter((entry): entry is string => typeof entry === 'string') : [],
    env: process.env,
  };
}

/** Calls `apply` when one of VS Code's proxy settings changes. */
export function watchProxySettings(log: Logger, apply: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (PROXY_SETTING_KEYS.some((key) => e.affectsConfiguration(`http.${key}`))) {
      log.info("[network] VS Code's proxy settings changed; connecting again");
      apply();
    }
  });
}
